import { describe, expect, it } from 'vitest';
import { JobExecutionService, type JobLimits } from '../../../src/services/execution/job-execution-service.js';
import type { RetryPolicies } from '../../../src/services/execution/job-queue.js';
import { InMemoryJobQueue } from '../../../src/services/execution/job-queue-memory.js';
import { InMemoryJobStore } from '../../../src/services/execution/job-store.js';
import { PluginExecutionService } from '../../../src/services/execution/plugin-execution-service.js';
import { allPlugins, eventually, ISO_UTC, runnerWith } from '../../helpers/runtime.js';

function service(options: { concurrency?: number; maxFinished?: number; retry?: RetryPolicies; limits?: Partial<JobLimits> } = {}) {
  const { runner, registry } = runnerWith(allPlugins());
  let next = 0;
  const executor = new PluginExecutionService({ runner });
  const queue = new InMemoryJobQueue({
    executor,
    store: new InMemoryJobStore({ maxFinished: options.maxFinished }),
    concurrency: options.concurrency,
    retry: options.retry,
    newId: () => `job-${++next}`,
  });
  const jobs = new JobExecutionService({ executor, queue, limits: options.limits });
  return { jobs, registry, queue };
}

describe('JobExecutionService over the in-memory queue', () => {
  it('moves a job PENDING → RUNNING → SUCCESS with timestamps, result and history', async () => {
    const { jobs } = service();
    const job = await jobs.submit('test-sleeping', { ms: 5 });
    expect(job).toMatchObject({ id: 'job-1', status: 'PENDING', started_at: null, finished_at: null, attempts: 0 });
    expect(job.created_at).toMatch(ISO_UTC);
    expect((await jobs.get('job-1'))?.status).toBe('RUNNING');
    const done = await jobs.waitFor('job-1');
    expect(done).toMatchObject({ status: 'SUCCESS', result: { slept_ms: 5 }, error: null, attempts: 1, payload: null });
    expect(done.history.map((entry) => [entry.status, entry.attempt])).toEqual([
      ['PENDING', null],
      ['RUNNING', 1],
      ['SUCCESS', 1],
    ]);
    expect(done.started_at).toMatch(ISO_UTC);
    expect(done.finished_at).toMatch(ISO_UTC);
    expect(Object.isFrozen(done)).toBe(true);
  });

  it('records FAILED with the public error (no stack) when the plugin fails', async () => {
    const { jobs } = service();
    const job = await jobs.submit('test-throwing', {});
    const done = await jobs.waitFor(job.id);
    expect(done).toMatchObject({ status: 'FAILED', result: null, error: { type: 'PluginError', plugin: 'test-throwing' } });
    expect(JSON.stringify(done)).not.toContain('_internal');
  });

  it('validates the payload at submission: nothing invalid is queued', async () => {
    const { jobs } = service();
    await expect(jobs.submit('text-stats', { text: 42 })).rejects.toMatchObject({ type: 'ValidationError', plugin: 'text-stats' });
    await expect(jobs.submit('ghost', {})).rejects.toMatchObject({ type: 'NotFoundError' });
    expect(await jobs.list()).toEqual([]);
    expect(await jobs.stats()).toMatchObject({ pending: 0, running: 0 });
  });

  it('bounds unfinished jobs by count: past it, OverloadedError with Retry-After', async () => {
    const { jobs } = service({ concurrency: 1, limits: { maxJobs: 3, retryAfterSeconds: 7 } });
    for (let i = 0; i < 3; i++) await jobs.submit('test-sleeping', { ms: 10_000 });
    const refused = jobs.submit('test-sleeping', { ms: 1 });
    await expect(refused).rejects.toMatchObject({ type: 'OverloadedError', retryAfterSeconds: 7, details: { jobs: 3, max_jobs: 3 } });
    expect((await jobs.list()).length).toBe(3);
    await jobs.shutdown(10);
  });

  it('bounds unfinished payload bytes, and frees them when jobs end', async () => {
    const { jobs } = service({ concurrency: 1, limits: { maxBytes: 100 } });
    const text = 'x'.repeat(60);
    // The sleeper holds the only slot, so the first hash waits in the queue with its 72 bytes.
    await jobs.submit('test-sleeping', { ms: 50 });
    const first = await jobs.submit('hash-text', { text });
    await expect(jobs.submit('hash-text', { text })).rejects.toMatchObject({ type: 'OverloadedError', details: { max_bytes: 100 } });
    await jobs.waitFor(first.id);
    const second = await jobs.submit('hash-text', { text });
    expect((await jobs.waitFor(second.id)).status).toBe('SUCCESS');
  });

  it('retries per job type with backoff, and the history says so', async () => {
    const { jobs, registry } = service({ retry: { 'test-throwing': { attempts: 3, backoff: { type: 'fixed', delayMs: 5 } } } });
    const job = await jobs.submit('test-throwing', {});
    const done = await jobs.waitFor(job.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 3 });
    const retries = done.history.filter((entry) => entry.reason?.startsWith('retry'));
    expect(retries.map((entry) => entry.reason)).toEqual([
      'retry after attempt 1 failed (1 of 3 attempts used): PluginError: thrown on purpose',
      'retry after attempt 2 failed (2 of 3 attempts used): PluginError: thrown on purpose',
    ]);
    // Each attempt is one run: three errors, counted once each.
    expect(registry.getOrThrow('test-throwing').metrics.error_count).toBe(3);
  });

  it('never runs more jobs than the concurrency limit, in FIFO order', async () => {
    const { jobs } = service({ concurrency: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await jobs.submit('test-sleeping', { ms: 20 })).id);
    expect(await jobs.stats()).toMatchObject({ running: 2, pending: 3 });
    expect((await jobs.list('RUNNING')).map((j) => j.id)).toEqual(['job-1', 'job-2']);
    let maxRunning = 0;
    const finished = await eventually(async () => {
      maxRunning = Math.max(maxRunning, (await jobs.list('RUNNING')).length);
      const done = await jobs.list('SUCCESS');
      return done.length === 5 ? done : undefined;
    });
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(finished.map((j) => j.id)).toEqual(ids);
  });

  it('cancels a PENDING job without running it', async () => {
    const { jobs, registry } = service({ concurrency: 1 });
    await jobs.submit('test-sleeping', { ms: 30 });
    const queued = await jobs.submit('test-sleeping', { ms: 30 });
    const cancelled = await jobs.cancel(queued.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', error: { type: 'ExecutionError', message: 'Job was cancelled.' } });
    await jobs.waitFor('job-1');
    await eventually(async () => ((await jobs.stats()).running === 0 ? true : undefined));
    expect(registry.getOrThrow('test-sleeping').metrics.success_count).toBe(1);
  });

  it('cancels a RUNNING job by aborting its signal; the late outcome does not overwrite CANCELLED', async () => {
    const { jobs, registry } = service();
    const job = await jobs.submit('test-sleeping', { ms: 10_000 });
    expect((await jobs.get(job.id))?.status).toBe('RUNNING');
    // Wait until the plugin itself is running (input validation is async), so the abort reaches it.
    await eventually(() => (registry.getOrThrow('test-sleeping').state === 'RUNNING' ? true : undefined));
    const waiting = jobs.waitFor(job.id);
    expect((await jobs.cancel(job.id))?.status).toBe('CANCELLED');
    expect((await waiting).status).toBe('CANCELLED');
    await eventually(async () => ((await jobs.stats()).running === 0 ? true : undefined));
    expect((await jobs.get(job.id))?.status).toBe('CANCELLED');
    // The plugin saw the abort: the run ended as an error, long before its 10 s sleep.
    expect(registry.getOrThrow('test-sleeping').metrics.error_count).toBe(1);
  });

  it('returns a finished job unchanged on cancel and undefined for unknown ids', async () => {
    const { jobs } = service();
    const job = await jobs.submit('hash-text', { text: 'x' });
    const done = await jobs.waitFor(job.id);
    expect(await jobs.cancel(job.id)).toBe(done);
    expect(await jobs.cancel('nope')).toBeUndefined();
    await expect(jobs.waitFor('nope')).rejects.toMatchObject({ type: 'NotFoundError' });
  });

  it('evicts finished jobs past maxFinished', async () => {
    const { jobs } = service({ maxFinished: 3 });
    for (let i = 0; i < 5; i++) await jobs.submit('hash-text', { text: 'x' });
    await eventually(async () => ((await jobs.stats()).pending + (await jobs.stats()).running === 0 ? true : undefined));
    expect((await jobs.list()).map((j) => j.id)).toEqual(['job-3', 'job-4', 'job-5']);
  });

  it('shutdown lets running jobs finish within the deadline and cancels queued ones', async () => {
    const { jobs } = service({ concurrency: 1 });
    const running = await jobs.submit('test-sleeping', { ms: 30 });
    const queued = await jobs.submit('test-sleeping', { ms: 30 });
    await jobs.shutdown(5_000);
    expect((await jobs.get(running.id))?.status).toBe('SUCCESS');
    expect(await jobs.get(queued.id)).toMatchObject({ status: 'CANCELLED', error: { message: 'Cancelled: the service is shutting down.' } });
    await expect(jobs.submit('hash-text', { text: 'x' })).rejects.toMatchObject({ type: 'UnavailableError', retryAfterSeconds: 1 });
  });

  it('shutdown aborts jobs still running at the deadline', async () => {
    const { jobs } = service();
    const job = await jobs.submit('test-sleeping', { ms: 10_000 });
    await jobs.shutdown(30);
    expect(await jobs.get(job.id)).toMatchObject({ status: 'CANCELLED', error: { message: 'Aborted: the shutdown deadline passed.' } });
    expect(await jobs.stats()).toEqual({ pending: 0, running: 0, accepting: false });
  });
});
