import { describe, expect, it } from 'vitest';
import { eventually, testApp } from '../helpers/runtime.js';

describe('the runtime holds a bounded amount of job memory', () => {
  it('refuses 1,500 junk async payloads at submission: no job is queued, nothing is held', async () => {
    const app = await testApp();
    const statuses = await Promise.all(
      Array.from({ length: 1_500 }, async (_, i) => {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/analyze-execution',
          payload: { plugin: 'text-stats', payload: { junk: 'x'.repeat(1_000), n: i }, mode: 'async' },
        });
        return res.statusCode;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect((await app.inject({ method: 'GET', url: '/v1/analyze-execution/jobs' })).json()).toEqual({ jobs: [] });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json().jobs).toEqual({ pending: 0, running: 0 });
    await app.close();
  });

  it('bounds queued payload bytes over HTTP: 429 with Retry-After, and room again once jobs end', async () => {
    const app = await testApp({ concurrency: 1, limits: { maxBytes: 50_000 } });
    const text = 'y'.repeat(20_000);
    const post = (plugin: string, payload: unknown) =>
      app.inject({ method: 'POST', url: '/v1/analyze-execution', payload: { plugin, payload, mode: 'async' } });
    // The sleeper holds the only slot until it is cancelled: the hashes wait, holding their bytes.
    const sleeper = await post('test-sleeping', { ms: 30_000 });
    expect(sleeper.statusCode).toBe(202);
    expect((await post('hash-text', { text })).statusCode).toBe(202);
    expect((await post('hash-text', { text })).statusCode).toBe(202);
    const refused = await post('hash-text', { text });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().error).toMatchObject({ type: 'OverloadedError', details: { max_bytes: 50_000 } });
    // Once the sleeper is cancelled the hashes run and their payloads are released.
    await app.inject({ method: 'DELETE', url: `/v1/analyze-execution/jobs/${sleeper.json().job_id}` });
    await eventually(async () => {
      const { jobs } = (await app.inject({ method: 'GET', url: '/healthz' })).json();
      return jobs.pending + jobs.running === 0 ? true : undefined;
    });
    expect((await post('hash-text', { text })).statusCode).toBe(202);
    await app.close();
  });
});
