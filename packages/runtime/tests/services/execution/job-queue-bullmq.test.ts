import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AnalysisExecutionService } from '../../../src/services/execution/analysis-execution-service.js';
import { JobExecutionService, type JobLimits } from '../../../src/services/execution/job-execution-service.js';
import type { RetryPolicies } from '../../../src/services/execution/job-queue.js';
import { BullMqJobQueue } from '../../../src/services/execution/job-queue-bullmq.js';
import { BullMqJobWorker } from '../../../src/services/execution/job-worker-bullmq.js';
import { PluginExecutionService } from '../../../src/services/execution/plugin-execution-service.js';
import { ToolRunner } from '../../../src/plugins/runtime/tool-runner.js';
import { allPlugins, eventually, registryWith } from '../../helpers/runtime.js';
import { testRedis } from '../../helpers/redis.js';

// The BullMQ queue and worker in one process, each on its own Redis connections, against a real
// redis-server. The separate-process proofs (SIGKILL, restart, cross-process cancel) are in e2e/.
const redis = await testRedis();
afterAll(() => redis?.stop());

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(options: { worker?: boolean; retry?: RetryPolicies; limits?: Partial<JobLimits> } = {}) {
  const queueName = redis!.queueName('bullmq');
  const queue = new BullMqJobQueue({ url: redis!.url, queueName, retry: options.retry });
  await queue.ready();
  const apiRegistry = registryWith(allPlugins());
  const apiExecutor = new PluginExecutionService({ runner: new ToolRunner({ registry: apiRegistry }) });
  const jobs = new JobExecutionService({ executor: apiExecutor, queue, limits: options.limits });
  closers.push(() => jobs.shutdown(1_000));
  const analysis = new AnalysisExecutionService({ jobs, registry: apiRegistry });
  const workerRegistry = registryWith(allPlugins());
  let worker: BullMqJobWorker | undefined;
  if (options.worker !== false) {
    const runner = new ToolRunner({ registry: workerRegistry, onRunRecorded: (run) => worker?.recordRun(run) });
    worker = new BullMqJobWorker({ url: redis!.url, queueName, executor: new PluginExecutionService({ runner }), concurrency: 4 });
    await worker.start();
    closers.push(() => worker!.close(2_000));
  }
  return { jobs, analysis, workerRegistry };
}

describe.skipIf(redis === null)('BullMQ job queue (real redis-server)', () => {
  it('runs a job on the worker: PENDING → RUNNING → SUCCESS, with history and result', async () => {
    const { jobs } = await setup();
    const job = await jobs.submit('hash-text', { text: 'a', algorithm: 'md5' });
    expect(job).toMatchObject({ status: 'PENDING', attempts: 0 });
    const done = await jobs.waitFor(job.id);
    expect(done).toMatchObject({ status: 'SUCCESS', result: { digest: '0cc175b9c0f1b6a831c399e269772661' }, error: null, attempts: 1, payload: null });
    expect(done.history.map((entry) => entry.status)).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
    expect((await jobs.get(job.id))?.status).toBe('SUCCESS');
    expect((await jobs.list('SUCCESS')).map((j) => j.id)).toEqual([job.id]);
  });

  it('retries per job type; the history says which attempt failed and why; every run is counted once', async () => {
    const { jobs, analysis } = await setup({ retry: { 'test-throwing': { attempts: 3, backoff: { type: 'exponential', delayMs: 5 } } } });
    const job = await jobs.submit('test-throwing', { kind: 'reject' });
    const done = await jobs.waitFor(job.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 3, error: { type: 'PluginError', message: 'rejected on purpose' } });
    expect(done.history.filter((entry) => entry.reason?.startsWith('retry')).map((entry) => entry.reason)).toEqual([
      'retry after attempt 1 failed (1 of 3 attempts used): PluginError: rejected on purpose',
      'retry after attempt 2 failed (2 of 3 attempts used): PluginError: rejected on purpose',
    ]);
    const metrics = (await analysis.listPlugins()).find((plugin) => plugin.name === 'test-throwing')!.metrics;
    expect(metrics).toMatchObject({ success_count: 0, error_count: 3, state: 'FAILED' });
    // Validation failures are final: never retried, never queued.
    await expect(jobs.submit('test-throwing', { kind: 'nope' })).rejects.toMatchObject({ type: 'ValidationError' });
  });

  it('cancels a running job: the plugin signal fires on the worker and the job ends CANCELLED', async () => {
    const { jobs, workerRegistry } = await setup();
    const job = await jobs.submit('test-sleeping', { ms: 30_000 });
    await eventually(() => (workerRegistry.getOrThrow('test-sleeping').state === 'RUNNING' ? true : undefined));
    const cancelled = await jobs.cancel(job.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', error: { type: 'ExecutionError', message: 'Job was cancelled.' } });
    // The abort reached the plugin: its run ended as an error, long before the 30 s sleep.
    await eventually(() => (workerRegistry.getOrThrow('test-sleeping').metrics.error_count === 1 ? true : undefined));
    expect((await jobs.waitFor(job.id)).status).toBe('CANCELLED');
    expect(await jobs.cancel(job.id)).toMatchObject({ status: 'CANCELLED' });
  });

  it('cancels a pending job without running it, and bounds the queue by count and bytes (no worker)', async () => {
    const { jobs, analysis } = await setup({ worker: false, limits: { maxJobs: 2, maxBytes: 200, retryAfterSeconds: 3 } });
    const first = await jobs.submit('hash-text', { text: 'one' });
    await jobs.submit('hash-text', { text: 'two' });
    await expect(jobs.submit('hash-text', { text: 'three' })).rejects.toMatchObject({ type: 'OverloadedError', retryAfterSeconds: 3, details: { jobs: 2 } });
    expect((await jobs.cancel(first.id))?.status).toBe('CANCELLED');
    expect((await jobs.list('PENDING')).length).toBe(1);
    await expect(jobs.submit('hash-text', { text: 'x'.repeat(300) })).rejects.toMatchObject({ type: 'OverloadedError', details: { max_bytes: 200 } });
    expect(await analysis.health()).toEqual({ status: 'ok', plugins: 7, jobs: { pending: 2, running: 0 } });
  });

  it('a sync request with no worker running ends in a TimeoutError naming the job, which stays queued', async () => {
    const { jobs, analysis } = await setup({ worker: false, limits: { syncWaitMs: 300 } });
    const error = await analysis.execute({ plugin: 'hash-text', payload: { text: 'x' } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ type: 'TimeoutError', details: { job_id: expect.any(String), waited_ms: 300 } });
    const id = (error as { details: { job_id: string } }).details.job_id;
    expect((await jobs.get(id))?.status).toBe('PENDING');
  });

  it('answers 503-typed errors (not a stack) when Redis goes away', async () => {
    const queueName = redis!.queueName('down');
    const queue = new BullMqJobQueue({ url: 'redis://127.0.0.1:1', queueName });
    const registry = registryWith(allPlugins());
    const executor = new PluginExecutionService({ runner: new ToolRunner({ registry }) });
    const jobs = new JobExecutionService({ executor, queue, limits: { queueTimeoutMs: 300 } });
    closers.push(() => queue.close(100));
    await expect(jobs.submit('hash-text', { text: 'x' })).rejects.toMatchObject({ type: 'UnavailableError' });
    await expect(jobs.list()).rejects.toMatchObject({ type: 'UnavailableError' });
  });
});
