import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISO_UTC, testApp } from '../helpers/runtime.js';

const json = { 'content-type': 'application/json' };

describe('HTTP routes (app.inject)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ bodyLimitBytes: 4_096 });
  });
  afterAll(() => app.close());

  function analyze(body: unknown) {
    return app.inject({ method: 'POST', url: '/v1/analyze-execution', headers: json, payload: JSON.stringify(body) });
  }

  it('POST sync → 200 { plugin, result, job_id }', async () => {
    const res = await analyze({ plugin: 'hash-text', payload: { text: 'abc' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      plugin: 'hash-text',
      job_id: expect.any(String),
      result: { algorithm: 'sha256', encoding: 'hex', bytes: 3, digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    });
  });

  it('POST async → 202 { job_id, status } with a Location that resolves to the job', async () => {
    const res = await analyze({ plugin: 'test-sleeping', payload: { ms: 1 }, mode: 'async' });
    expect(res.statusCode).toBe(202);
    const body = res.json<{ job_id: string; status: string }>();
    expect(['PENDING', 'RUNNING']).toContain(body.status);
    expect(res.headers.location).toBe(`/v1/analyze-execution/jobs/${body.job_id}`);
    const job = await app.inject({ method: 'GET', url: String(res.headers.location) });
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ job_id: body.job_id, plugin: 'test-sleeping' });
  });

  it.each([
    ['unknown field', { plugin: 'hash-text', payload: { text: 'a' }, extra: 1 }, 'body must NOT have additional properties'],
    ['missing payload', { plugin: 'hash-text' }, "body must have required property 'payload'"],
    ['no coercion of plugin name', { plugin: 42, payload: {} }, 'body/plugin must be string'],
    ['bad mode', { plugin: 'hash-text', payload: {}, mode: 'later' }, 'body/mode must be equal to one of the allowed values'],
  ])('400 ValidationError for %s', async (_name, body, message) => {
    const res = await analyze(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { type: 'ValidationError', message, plugin: null } });
  });

  it('400 ValidationError for payload failing the plugin input schema', async () => {
    const res = await analyze({ plugin: 'text-stats', payload: { text: 'x', top: '3' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { type: 'ValidationError', plugin: 'text-stats', details: { issues: [{ path: '$.top' }] } } });
  });

  it('400 envelope for malformed JSON', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/analyze-execution', headers: json, payload: '{"plugin":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { type: 'ValidationError', details: { code: 'FST_ERR_CTP_INVALID_JSON_BODY' } } });
  });

  it('413 envelope for a body over the limit', async () => {
    const res = await analyze({ plugin: 'hash-text', payload: { text: 'x'.repeat(5_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { type: 'ValidationError', message: 'Request body is too large.' } });
  });

  it('415 envelope for a non-JSON content type', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/analyze-execution', headers: { 'content-type': 'text/plain' }, payload: 'hi' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: { type: 'ValidationError', message: 'Content-Type must be application/json.' } });
  });

  it.each([
    ['test-throwing', {}, 500, 'PluginError'],
    ['test-invalid-output', {}, 500, 'PluginError'],
    ['test-non-object', { kind: 'array' }, 500, 'PluginError'],
    ['test-hanging', {}, 504, 'TimeoutError'],
    ['ghost', {}, 404, 'NotFoundError'],
  ])('%s → %i %s with a full envelope and no stack', async (plugin, payload, status, type) => {
    const res = await analyze({ plugin, payload });
    expect(res.statusCode).toBe(status);
    const body = res.json<{ error: Record<string, unknown> }>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['details', 'message', 'plugin', 'timestamp', 'type']);
    expect(body.error).toMatchObject({ type, plugin });
    expect(body.error.timestamp).toMatch(ISO_UTC);
    expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
    expect(res.body).not.toContain('_internal');
  });

  it('GET jobs lists with a status filter and rejects unknown query fields', async () => {
    await analyze({ plugin: 'test-throwing', payload: {} });
    const failed = await app.inject({ method: 'GET', url: '/v1/analyze-execution/jobs?status=FAILED' });
    expect(failed.statusCode).toBe(200);
    const jobs = failed.json<{ jobs: Array<{ status: string }> }>().jobs;
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.status === 'FAILED')).toBe(true);
    const odd = await app.inject({ method: 'GET', url: '/v1/analyze-execution/jobs?sort=asc' });
    expect(odd.statusCode).toBe(400);
  });

  it('GET and DELETE an unknown job → 404 NotFoundError', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/v1/analyze-execution/jobs/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { type: 'NotFoundError', message: 'Unknown job "nope".' } });
    }
  });

  it('DELETE cancels a running job', async () => {
    const started = await analyze({ plugin: 'test-sleeping', payload: { ms: 10_000 }, mode: 'async' });
    const { job_id } = started.json<{ job_id: string }>();
    const res = await app.inject({ method: 'DELETE', url: `/v1/analyze-execution/jobs/${job_id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ job_id, status: 'CANCELLED', error: { type: 'ExecutionError' } });
  });

  it('GET /v1/plugins lists every plugin with state and metrics', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/plugins' });
    const plugins = res.json<{ plugins: Array<{ name: string; state: string; metrics: Record<string, unknown> }> }>().plugins;
    expect(plugins.map((p) => p.name).sort()).toEqual(
      ['hash-text', 'test-hanging', 'test-invalid-output', 'test-non-object', 'test-sleeping', 'test-throwing', 'text-stats'].sort(),
    );
    expect(Object.keys(plugins[0]?.metrics ?? {}).sort()).toEqual(
      ['avg_execution_time_ms', 'error_count', 'last_execution_time_ms', 'last_used', 'state', 'success_count'].sort(),
    );
  });

  it('GET /healthz and unknown routes', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toMatchObject({ status: 'ok', plugins: 7 });
    const missing = await app.inject({ method: 'GET', url: '/v2/nothing?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { type: 'NotFoundError', message: 'Route GET /v2/nothing not found.' } });
  });

  it('GET /openapi.json documents every route from its schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/healthz', '/v1/analyze-execution', '/v1/analyze-execution/jobs', '/v1/analyze-execution/jobs/{id}', '/v1/plugins'].sort(),
    );
    expect(Object.keys(doc.paths['/v1/analyze-execution/jobs/{id}'] ?? {}).sort()).toEqual(['delete', 'get']);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['ErrorResponse', 'Job', 'Plugin']);
  });
});
