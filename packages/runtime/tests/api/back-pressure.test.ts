import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/runtime.js';

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
    const submit = () => app.inject({ method: 'POST', url: '/v1/analyze-execution', payload: { plugin: 'test-sleeping', payload: { ms: 200 }, mode: 'async' } });
    const big = () => app.inject({ method: 'POST', url: '/v1/analyze-execution', payload: { plugin: 'hash-text', payload: { text }, mode: 'async' } });
    expect((await submit()).statusCode).toBe(202);
    expect((await big()).statusCode).toBe(202);
    expect((await big()).statusCode).toBe(202);
    const refused = await big();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().error).toMatchObject({ type: 'OverloadedError', details: { max_bytes: 50_000 } });
    // The sleeper ends, the queued hashes run, their payloads are released.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await big()).statusCode).toBe(202);
    await app.close();
  });
});
