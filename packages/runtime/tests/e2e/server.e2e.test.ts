import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ISO_UTC } from '../helpers/runtime.js';
import { analyze, getJson, pollJob, startServer } from '../helpers/server.js';

describe('end to end over a real socket', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    ({ app, base } = await startServer());
  });
  afterAll(() => app.close());

  it('listens on loopback', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('sync success', async () => {
    const res = await analyze(base, { plugin: 'text-stats', payload: { text: 'one two two' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ plugin: 'text-stats', result: { words: 3, unique_words: 2 }, job_id: expect.any(String) });
  });

  it('async, then polling the Location to SUCCESS', async () => {
    const res = await analyze(base, { plugin: 'test-sleeping', payload: { ms: 50 }, mode: 'async' });
    expect(res.status).toBe(202);
    const location = res.headers.get('location');
    expect(location).toBe(`/v1/analyze-execution/jobs/${res.body.job_id}`);
    const job = await pollJob(base, res.body.job_id);
    expect(job).toMatchObject({ status: 'SUCCESS', result: { slept_ms: 50 }, error: null });
    expect(job.finished_at).toMatch(ISO_UTC);
  });

  it.each([
    ['ValidationError', 400, { plugin: 'text-stats', payload: { text: 7 } }],
    ['NotFoundError', 404, { plugin: 'ghost', payload: {} }],
    ['PluginError', 500, { plugin: 'test-throwing', payload: { kind: 'reject' } }],
    ['TimeoutError', 504, { plugin: 'test-hanging', payload: {} }],
  ])('%s → %i with the envelope', async (type, status, body) => {
    const res = await analyze(base, body);
    expect(res.status).toBe(status);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(Object.keys(res.body.error).sort()).toEqual(['details', 'message', 'plugin', 'timestamp', 'type']);
    expect(res.body.error).toMatchObject({ type, message: expect.any(String), plugin: body.plugin, timestamp: expect.stringMatching(ISO_UTC) });
  });

  it('cancel: DELETE aborts a running job, and its waiting sync request gets 500 ExecutionError', async () => {
    const waiting = analyze(base, { plugin: 'test-sleeping', payload: { ms: 20_000 } });
    const running = await eventually(async () => {
      const { body } = await getJson(base, '/v1/analyze-execution/jobs?status=RUNNING');
      return body.jobs.find((job: { plugin: string }) => job.plugin === 'test-sleeping');
    });
    const cancel = await fetch(`${base}/v1/analyze-execution/jobs/${running.job_id}`, { method: 'DELETE' });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: 'CANCELLED' });
    const res = await waiting;
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ type: 'ExecutionError', message: 'Job was cancelled.', details: { job_id: running.job_id } });
  });

  it('metrics after N runs equal N exactly', async () => {
    const N = 25;
    const M = 7;
    const before = await pluginMetrics('hash-text');
    const failingBefore = await pluginMetrics('test-invalid-output');
    for (let i = 0; i < N; i += 1) expect((await analyze(base, { plugin: 'hash-text', payload: { text: `n${i}` } })).status).toBe(200);
    await Promise.all(Array.from({ length: M }, () => analyze(base, { plugin: 'test-invalid-output', payload: {} })));
    const after = await pluginMetrics('hash-text');
    const failingAfter = await pluginMetrics('test-invalid-output');
    expect(after.success_count - before.success_count).toBe(N);
    expect(after.error_count).toBe(before.error_count);
    expect(failingAfter.error_count - failingBefore.error_count).toBe(M);
    expect(failingAfter.state).toBe('FAILED');
    expect(after.avg_execution_time_ms).toBeGreaterThanOrEqual(0);
  });

  async function pluginMetrics(name: string): Promise<Record<string, any>> {
    const { body } = await getJson(base, '/v1/plugins');
    return body.plugins.find((plugin: { name: string }) => plugin.name === name).metrics;
  }
});
