import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/runtime.js';
import { analyze, getJson, startServer } from '../helpers/server.js';

// Bounded, loopback only, no timing assertions: correctness under concurrency, not speed.
const REQUESTS = 500;
const MIX = [
  { plugin: 'hash-text', payload: { text: 'load' }, expect: 'SUCCESS' },
  { plugin: 'text-stats', payload: { text: 'a b c' }, expect: 'SUCCESS' },
  { plugin: 'test-sleeping', payload: { ms: 2 }, expect: 'SUCCESS' },
  { plugin: 'test-throwing', payload: { kind: 'string' }, expect: 'FAILED' },
  { plugin: 'test-invalid-output', payload: {}, expect: 'FAILED' },
] as const;

describe('load: 500 concurrent async requests', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    ({ app, base } = await startServer({ concurrency: 16, maxFinishedJobs: REQUESTS * 2 }));
  });
  afterAll(() => app.close());

  it('every job reaches its final state, none is lost, and the metrics add up', async () => {
    const submitted = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const spec = MIX[i % MIX.length]!;
        const res = await analyze(base, { plugin: spec.plugin, payload: spec.payload, mode: 'async' });
        expect(res.status).toBe(202);
        return { id: res.body.job_id as string, spec };
      }),
    );
    expect(new Set(submitted.map((job) => job.id)).size).toBe(REQUESTS);

    await eventually(async () => {
      const { body } = await getJson(base, '/v1/analyze-execution/jobs');
      const open = body.jobs.filter((job: { status: string }) => job.status === 'PENDING' || job.status === 'RUNNING');
      return body.jobs.length === REQUESTS && open.length === 0 ? true : undefined;
    }, 45_000);

    const { body } = await getJson(base, '/v1/analyze-execution/jobs');
    const byId = new Map<string, { status: string; plugin: string }>(body.jobs.map((job: { job_id: string }) => [job.job_id, job]));
    for (const { id, spec } of submitted) expect(byId.get(id)).toMatchObject({ plugin: spec.plugin, status: spec.expect });

    const plugins = (await getJson(base, '/v1/plugins')).body.plugins as Array<{ name: string; metrics: Record<string, number> }>;
    for (const spec of MIX) {
      const sent = submitted.filter((job) => job.spec.plugin === spec.plugin).length;
      const metrics = plugins.find((plugin) => plugin.name === spec.plugin)!.metrics;
      expect({ plugin: spec.plugin, ok: metrics.success_count, failed: metrics.error_count }).toEqual({
        plugin: spec.plugin,
        ok: spec.expect === 'SUCCESS' ? sent : 0,
        failed: spec.expect === 'FAILED' ? sent : 0,
      });
    }
    expect((await getJson(base, '/healthz')).body.jobs).toEqual({ pending: 0, running: 0 });
  });
});
