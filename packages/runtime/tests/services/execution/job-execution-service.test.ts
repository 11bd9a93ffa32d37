import { describe, expect, it } from 'vitest';
import { JobExecutionService } from '../../../src/services/execution/job-execution-service.js';
import { InMemoryJobStore } from '../../../src/services/execution/job-store.js';
import { PluginExecutionService } from '../../../src/services/execution/plugin-execution-service.js';
import { allPlugins, eventually, ISO_UTC, runnerWith } from '../../helpers/runtime.js';

function service(options: { concurrency?: number; maxFinished?: number } = {}) {
  const { runner, registry } = runnerWith(allPlugins());
  let next = 0;
  const jobs = new JobExecutionService({
    executor: new PluginExecutionService({ runner }),
    store: new InMemoryJobStore({ maxFinished: options.maxFinished }),
    concurrency: options.concurrency,
    newId: () => `job-${++next}`,
  });
  return { jobs, registry };
}

describe('JobExecutionService', () => {
  it('moves a job PENDING → RUNNING → SUCCESS with timestamps and result', async () => {
    const { jobs } = service();
    const job = jobs.submit('test-sleeping', { ms: 5 });
    expect(job).toMatchObject({ id: 'job-1', status: 'PENDING', started_at: null, finished_at: null });
    expect(job.created_at).toMatch(ISO_UTC);
    expect(jobs.get('job-1')?.status).toBe('RUNNING');
    const done = await jobs.waitFor('job-1');
    expect(done).toMatchObject({ status: 'SUCCESS', result: { slept_ms: 5 }, error: null });
    expect(done.started_at).toMatch(ISO_UTC);
    expect(done.finished_at).toMatch(ISO_UTC);
    expect(Object.isFrozen(done)).toBe(true);
  });

  it('records FAILED with the public error (no stack) when the plugin fails', async () => {
    const { jobs } = service();
    const job = jobs.submit('test-throwing', {});
    const done = await jobs.waitFor(job.id);
    expect(done).toMatchObject({ status: 'FAILED', result: null, error: { type: 'PluginError', plugin: 'test-throwing' } });
    expect(JSON.stringify(done)).not.toContain('_internal');
  });

  it('never runs more jobs than the concurrency limit, in FIFO order', async () => {
    const { jobs } = service({ concurrency: 2 });
    const ids = [1, 2, 3, 4, 5].map(() => jobs.submit('test-sleeping', { ms: 20 }).id);
    expect(jobs.stats()).toMatchObject({ running: 2, pending: 3 });
    expect(jobs.list('RUNNING').map((j) => j.id)).toEqual(['job-1', 'job-2']);
    let maxRunning = 0;
    const finished = await eventually(() => {
      maxRunning = Math.max(maxRunning, jobs.list('RUNNING').length);
      return jobs.list('SUCCESS').length === 5 ? jobs.list('SUCCESS') : undefined;
    });
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(finished.map((j) => j.id)).toEqual(ids);
  });

  it('cancels a PENDING job without running it', async () => {
    const { jobs, registry } = service({ concurrency: 1 });
    jobs.submit('test-sleeping', { ms: 30 });
    const queued = jobs.submit('test-sleeping', { ms: 30 });
    const cancelled = jobs.cancel(queued.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', error: { type: 'ExecutionError', message: 'Job was cancelled.' } });
    await jobs.waitFor('job-1');
    await eventually(() => (jobs.stats().running === 0 ? true : undefined));
    expect(registry.getOrThrow('test-sleeping').metrics.success_count).toBe(1);
  });

  it('cancels a RUNNING job by aborting its signal; the late outcome does not overwrite CANCELLED', async () => {
    const { jobs, registry } = service();
    const job = jobs.submit('test-sleeping', { ms: 10_000 });
    expect(jobs.get(job.id)?.status).toBe('RUNNING');
    // Wait until the plugin itself is running (input validation is async), so the abort reaches it.
    await eventually(() => (registry.getOrThrow('test-sleeping').state === 'RUNNING' ? true : undefined));
    const waiting = jobs.waitFor(job.id);
    expect(jobs.cancel(job.id)?.status).toBe('CANCELLED');
    expect((await waiting).status).toBe('CANCELLED');
    await eventually(() => (jobs.stats().running === 0 ? true : undefined));
    expect(jobs.get(job.id)?.status).toBe('CANCELLED');
    // The plugin saw the abort: the run ended as an error, long before its 10 s sleep.
    expect(registry.getOrThrow('test-sleeping').metrics.error_count).toBe(1);
  });

  it('returns a finished job unchanged on cancel and undefined for unknown ids', async () => {
    const { jobs } = service();
    const job = jobs.submit('hash-text', { text: 'x' });
    const done = await jobs.waitFor(job.id);
    expect(jobs.cancel(job.id)).toBe(done);
    expect(jobs.cancel('nope')).toBeUndefined();
    await expect(jobs.waitFor('nope')).rejects.toMatchObject({ type: 'NotFoundError' });
  });

  it('evicts finished jobs past maxFinished', async () => {
    const { jobs } = service({ maxFinished: 3 });
    const ids = [1, 2, 3, 4, 5].map(() => jobs.submit('hash-text', { text: 'x' }).id);
    await Promise.all(ids.map((id) => jobs.waitFor(id)));
    expect(jobs.list().map((j) => j.id)).toEqual(['job-3', 'job-4', 'job-5']);
  });

  it('shutdown lets running jobs finish within the deadline and cancels queued ones', async () => {
    const { jobs } = service({ concurrency: 1 });
    const running = jobs.submit('test-sleeping', { ms: 30 });
    const queued = jobs.submit('test-sleeping', { ms: 30 });
    await jobs.shutdown(5_000);
    expect(jobs.get(running.id)?.status).toBe('SUCCESS');
    expect(jobs.get(queued.id)).toMatchObject({ status: 'CANCELLED', error: { message: 'Cancelled: the service is shutting down.' } });
    expect(() => jobs.submit('hash-text', { text: 'x' })).toThrow(/shutting down/);
  });

  it('shutdown aborts jobs still running at the deadline', async () => {
    const { jobs } = service();
    const job = jobs.submit('test-sleeping', { ms: 10_000 });
    await jobs.shutdown(30);
    expect(jobs.get(job.id)).toMatchObject({ status: 'CANCELLED', error: { message: 'Aborted: the shutdown deadline passed.' } });
    expect(jobs.stats()).toEqual({ pending: 0, running: 0, accepting: false });
  });
});
