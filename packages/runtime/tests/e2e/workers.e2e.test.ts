import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { eventually } from '../helpers/runtime.js';
import { testRedis } from '../helpers/redis.js';
import { e2ePlugins } from './fixtures/e2e-plugins.js';

// redis-server + the API (a real listener on 127.0.0.1) + worker processes. Sized to run in
// well under a minute on 2 shared cores: 1,000 jobs, one SIGKILL, one cross-process cancel, one restart.
const redis = await testRedis();
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const workerEntry = fileURLToPath(new URL('./fixtures/e2e-worker.ts', import.meta.url));
const JOBS = 1_000;
const RETRY = { 'e2e-throwing': { attempts: 2, backoff: { type: 'fixed' as const, delayMs: 10 } } };

interface Api {
  app: FastifyInstance;
  base: string;
}

/** Every response body the test saw: none may carry a stack trace. */
const bodies: string[] = [];

async function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

describe.skipIf(redis === null)('e2e: API + worker processes on BullMQ (real redis-server)', () => {
  const queueName = redis?.queueName('e2e') ?? '';
  const prefix = `e2e:${queueName}`;
  const workers: ChildProcess[] = [];
  let counts: Redis;
  let api: Api;

  async function startApi(): Promise<Api> {
    const app = await buildApp({
      plugins: e2ePlugins(),
      queueUrl: redis!.url,
      queueName,
      retry: RETRY,
      maxFinishedJobs: 5_000,
      limits: { maxJobs: 5_000 },
      shutdownDeadlineMs: 2_000,
    });
    return { app, base: await app.listen({ host: '127.0.0.1', port: 0 }) };
  }

  async function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', workerEntry], {
      cwd: repoRoot,
      env: {
        ...process.env,
        EXECGOV_QUEUE_URL: redis!.url,
        EXECGOV_QUEUE_NAME: queueName,
        EXECGOV_CONCURRENCY: '16',
        EXECGOV_LOCK_DURATION_MS: '6000',
        EXECGOV_STALLED_INTERVAL_MS: '1000',
        SHUTDOWN_DEADLINE_MS: '3000',
        E2E_COUNT_URL: redis!.url,
        E2E_COUNT_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => {
      if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}:\n${output}`);
      return output.includes('worker ready') ? true : undefined;
    }, 30_000);
    workers.push(child);
    return child;
  }

  function stopWorker(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  }

  beforeAll(async () => {
    counts = new Redis(redis!.url);
    api = await startApi();
    await Promise.all([startWorker(), startWorker()]);
  });

  afterAll(async () => {
    await api?.app.close();
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    counts?.disconnect();
    await redis?.stop();
  });

  it('1,000 jobs across normal, throwing, hanging, sleeping plugins; one worker SIGKILLed mid-run: 0 lost, exact metrics', async () => {
    const specs = Array.from({ length: JOBS }, (_, i) => {
      if (i === 150) return { plugin: 'e2e-blocking', payload: { ms: 1_500 } };
      const kind = i % 10;
      if (kind <= 3) return { plugin: 'e2e-normal', payload: { text: `job ${i}` } };
      if (kind <= 5) return { plugin: 'e2e-throwing', payload: {} };
      if (kind === 6) return { plugin: 'e2e-hanging', payload: {} };
      return { plugin: 'e2e-sleeping', payload: { ms: 5 + (i % 20) } };
    });

    // SIGKILL the worker that runs the blocking job while it holds the CPU mid-run.
    let killed: number | undefined;
    const killer = eventually(async () => {
      const [key] = await counts.keys(`${prefix}:blocking:*`);
      if (key === undefined) return undefined;
      killed = Number(key.split(':').pop());
      process.kill(killed, 'SIGKILL');
      return killed;
    }, 40_000);

    const ids: string[] = new Array(JOBS);
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < JOBS) {
          const i = next++;
          const res = await call(api.base, 'POST', '/v1/analyze-execution', { ...specs[i], mode: 'async' });
          expect(res.status).toBe(202);
          ids[i] = res.body.job_id;
        }
      }),
    );
    await killer;
    expect(workers.map((child) => child.pid)).toContain(killed);

    // One listing: every job of the run, each final.
    const body = await eventually(async () => {
      const listed = (await call(api.base, 'GET', '/v1/analyze-execution/jobs')).body;
      const open = listed.jobs.filter((job: { status: string }) => job.status === 'PENDING' || job.status === 'RUNNING');
      return listed.jobs.length === JOBS && open.length === 0 ? listed : undefined;
    }, 60_000);
    const byId = new Map<string, any>(body.jobs.map((job: { job_id: string }) => [job.job_id, job]));
    expect(new Set(ids).size).toBe(JOBS);
    for (const [i, id] of ids.entries()) {
      const job = byId.get(id);
      const expected = { 'e2e-normal': 'SUCCESS', 'e2e-sleeping': 'SUCCESS', 'e2e-blocking': 'SUCCESS', 'e2e-throwing': 'FAILED', 'e2e-hanging': 'FAILED' }[
        specs[i]!.plugin
      ];
      if (job?.status !== expected) expect({ i, job }).toEqual({ i, expected });
    }
    const throwing = body.jobs.filter((job: any) => job.plugin === 'e2e-throwing');
    for (const job of throwing) {
      expect(job.attempts).toBeGreaterThanOrEqual(2);
      const retried = job.history.filter((entry: any) =>
        /^retry after attempt \d+ failed \(1 of 2 attempts used\): PluginError: thrown on purpose$/.test(entry.reason ?? ''),
      );
      // Two when the killed worker had written the entry but BullMQ had not yet recorded the failure.
      expect({ id: job.job_id, retried: retried.length > 0 }).toEqual({ id: job.job_id, retried: true });
    }
    expect(body.jobs.find((job: any) => job.plugin === 'e2e-hanging').error).toMatchObject({ type: 'TimeoutError' });
    // The job the killed worker was running was retried by BullMQ's stalled-job check, and says so.
    const blocking = byId.get(ids[150]!);
    expect(blocking.history.some((entry: any) => /worker running attempt 1 stopped/.test(entry.reason ?? ''))).toBe(true);

    // Metrics gathered from every worker equal the runs the plugins themselves counted.
    const plugins = (await call(api.base, 'GET', '/v1/plugins')).body.plugins as Array<{ name: string; metrics: any }>;
    for (const name of ['e2e-normal', 'e2e-throwing', 'e2e-hanging', 'e2e-sleeping', 'e2e-blocking']) {
      const [ok, error] = await counts.mget(`${prefix}:runs:${name}:ok`, `${prefix}:runs:${name}:error`);
      const metrics = plugins.find((plugin) => plugin.name === name)!.metrics;
      expect({ name, ok: metrics.success_count, error: metrics.error_count }).toEqual({ name, ok: Number(ok ?? 0), error: Number(error ?? 0) });
    }
    const throwingRuns = plugins.find((plugin) => plugin.name === 'e2e-throwing')!.metrics.error_count;
    expect(throwingRuns).toBeGreaterThanOrEqual(2 * throwing.length);
    for (const text of bodies) expect(text).not.toMatch(/"stack"|\bat .+:\d+:\d+|node:internal/);
  }, 120_000);

  it('cancels a job running in a worker process: the plugin signal fires there', async () => {
    const submitted = await call(api.base, 'POST', '/v1/analyze-execution', { plugin: 'e2e-sleeping', payload: { ms: 30_000 }, mode: 'async' });
    const id = submitted.body.job_id as string;
    const runningOn = await eventually(async () => (await counts.get(`${prefix}:started:${id}`)) ?? undefined, 20_000);
    const cancel = await call(api.base, 'DELETE', `/v1/analyze-execution/jobs/${id}`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ job_id: id, status: 'CANCELLED', error: { type: 'ExecutionError', message: 'Job was cancelled.' } });
    // The worker process that runs the plugin saw its AbortSignal fire.
    expect(await eventually(async () => (await counts.get(`${prefix}:aborted:${id}`)) ?? undefined, 10_000)).toBe(runningOn);
    const job = (await call(api.base, 'GET', `/v1/analyze-execution/jobs/${id}`)).body;
    expect(job.status).toBe('CANCELLED');
    expect(job.history.at(-1)).toMatchObject({ status: 'CANCELLED', reason: 'Job was cancelled.' });
  }, 60_000);

  it('restart: stop the API and the workers, start them again; jobs are still listed and pending ones run', async () => {
    // The survivor of the SIGKILL test drains and exits 0 on SIGTERM.
    for (const child of workers.splice(0).filter((worker) => worker.signalCode === null)) expect(await stopWorker(child)).toBe(0);
    const queued = await call(api.base, 'POST', '/v1/analyze-execution', { plugin: 'e2e-normal', payload: { text: 'after restart' }, mode: 'async' });
    expect(queued.status).toBe(202);
    const before = (await call(api.base, 'GET', '/v1/analyze-execution/jobs')).body.jobs as Array<{ job_id: string; status: string }>;
    await api.app.close();

    api = await startApi();
    const after = (await call(api.base, 'GET', '/v1/analyze-execution/jobs')).body.jobs as Array<{ job_id: string; status: string }>;
    expect(after.map((job) => [job.job_id, job.status])).toEqual(before.map((job) => [job.job_id, job.status]));
    expect(after.find((job) => job.job_id === queued.body.job_id)?.status).toBe('PENDING');

    await startWorker();
    const done = await eventually(async () => {
      const job = (await call(api.base, 'GET', `/v1/analyze-execution/jobs/${queued.body.job_id}`)).body;
      return job.status === 'SUCCESS' ? job : undefined;
    }, 20_000);
    expect(done.result).toEqual({ length: 'after restart'.length });
  }, 60_000);
});
