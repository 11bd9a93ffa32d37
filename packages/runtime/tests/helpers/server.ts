import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../src/app.js';
import { eventually, testApp } from './runtime.js';

/** A real server listening on 127.0.0.1 at a free port, plus small fetch helpers. */
export async function startServer(deps: AppDeps = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await testApp(deps);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base };
}

/** POST /v1/analyze-execution with a JSON body; returns status, headers and parsed body. */
export async function analyze(base: string, body: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${base}/v1/analyze-execution`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** GET a path; returns status and parsed body. */
export async function getJson(base: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.json() };
}

/** Polls a job until it reaches a final status. */
export function pollJob(base: string, jobId: string, timeoutMs = 10_000): Promise<any> {
  return eventually(async () => {
    const { body } = await getJson(base, `/v1/analyze-execution/jobs/${jobId}`);
    return ['SUCCESS', 'FAILED', 'CANCELLED'].includes(body.status) ? body : undefined;
  }, timeoutMs);
}
