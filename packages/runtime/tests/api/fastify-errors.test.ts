import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ISO_UTC, testApp } from '../helpers/runtime.js';

const ENVELOPE_KEYS = ['details', 'message', 'plugin', 'timestamp', 'type'];

function expectEnvelope(body: any, type: string): void {
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(ENVELOPE_KEYS);
  expect(body.error.type).toBe(type);
  expect(body.error.timestamp).toMatch(ISO_UTC);
  expect(JSON.stringify(body)).not.toMatch(/"stack"|statusCode|\bat .+:\d+:\d+/);
}

/** Sends raw bytes to a listening server; `more` is written later on the same connection. */
function raw(port: number, request: string, more?: Promise<string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(response));
    socket.write(request);
    void more?.then((text) => socket.write(text));
  });
}

describe("Fastify's own errors reach clients in the envelope", () => {
  it('400 for a bad percent-encoding in a job id (FST_ERR_BAD_URL)', async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/v1/analyze-execution/jobs/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expectEnvelope(res.json(), 'ValidationError');
    expect(res.json().error.details).toEqual({ code: 'FST_ERR_BAD_URL' });
    await app.close();
  });

  it('job ids up to 200 characters reach the schema (404); longer ones get 414 in the envelope', async () => {
    const app = await testApp();
    for (const length of [101, 150, 200]) {
      const res = await app.inject({ method: 'GET', url: `/v1/analyze-execution/jobs/${'a'.repeat(length)}` });
      expect({ length, status: res.statusCode }).toEqual({ length, status: 404 });
      expectEnvelope(res.json(), 'NotFoundError');
    }
    const long = await app.inject({ method: 'DELETE', url: `/v1/analyze-execution/jobs/${'a'.repeat(201)}` });
    expect(long.statusCode).toBe(414);
    expectEnvelope(long.json(), 'ValidationError');
    expect(long.json().error.details).toEqual({ code: 'FST_ERR_MAX_PARAM_LENGTH', max_length: 200 });
    await app.close();
  });

  it('431 for oversized headers and 400 for unparsable HTTP, written by the client error handler', async () => {
    const app = await testApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const big = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expectEnvelope(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)), 'ValidationError');
    const garbage = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expectEnvelope(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)), 'ValidationError');
    await app.close();
  });

  it('429 with Retry-After when the queue is full, in the envelope', async () => {
    const app = await testApp({ concurrency: 1, limits: { maxJobs: 1, retryAfterSeconds: 2 } });
    const first = await app.inject({
      method: 'POST',
      url: '/v1/analyze-execution',
      payload: { plugin: 'test-sleeping', payload: { ms: 5_000 }, mode: 'async' },
    });
    expect(first.statusCode).toBe(202);
    const res = await app.inject({ method: 'POST', url: '/v1/analyze-execution', payload: { plugin: 'hash-text', payload: { text: 'x' }, mode: 'async' } });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('2');
    expectEnvelope(res.json(), 'OverloadedError');
    expect(res.json().error.details).toMatchObject({ jobs: 1, max_jobs: 1 });
    await app.close();
  });

  it('503 with Retry-After while shutting down, in the envelope', async () => {
    const app = await testApp({ shutdownDeadlineMs: 2_000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    // The first request (a 300 ms sync job) is in flight when close() starts; the second arrives
    // on the same connection while the service drains.
    const slow = JSON.stringify({ plugin: 'test-sleeping', payload: { ms: 300 } });
    let sendSecond: (text: string) => void = () => undefined;
    const second = new Promise<string>((resolve) => (sendSecond = resolve));
    const responses = raw(
      port,
      `POST /v1/analyze-execution HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${slow.length}\r\n\r\n${slow}`,
      second,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    sendSecond('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await responses;
    await closing;
    const [ok, refused] = text.split(/(?=HTTP\/1\.1 )/);
    expect(ok).toMatch(/^HTTP\/1\.1 200 /);
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(refused).toMatch(/\r\nretry-after: 1\r\n/i);
    expectEnvelope(JSON.parse(refused!.slice(refused!.indexOf('\r\n\r\n') + 4)), 'UnavailableError');
  });
});
