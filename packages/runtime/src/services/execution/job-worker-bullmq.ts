import { UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { RuntimeError, type PublicError } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { RunRecord } from '../../plugins/runtime/tool-runner.js';
import type { PluginExecutionService } from './plugin-execution-service.js';
import {
  cancelError,
  connect,
  DEFAULT_QUEUE_NAME,
  encodeFailure,
  queueKeys,
  type CancelMarker,
  type CancelMessage,
  type JobData,
  type JobReturn,
} from './job-bullmq-codec.js';
import { isRetryable, retryEntry, type RetryPolicy } from './job-queue.js';
import { withDeadline } from './job-queue-deadline.js';
import { RedisJobAccounting } from './job-redis-accounting.js';
import type { JobHistoryEntry } from './job-store.js';

/** Options for BullMqJobWorker. */
export interface BullMqJobWorkerOptions {
  url: string;
  executor: PluginExecutionService;
  queueName?: string;
  /** Jobs this worker runs at once. */
  concurrency?: number;
  /** A job whose lock is not renewed for this long is stalled: moved back to wait (or failed past `maxStalledCount`). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs. */
  stalledIntervalMs?: number;
  /** Times a job may stall (its worker died) and still be retried. */
  maxStalledCount?: number;
  logger?: Logger;
}

/**
 * A `pnpm worker` process's consumer: takes jobs from BullMQ and runs each through
 * PluginExecutionService (→ ToolRunner, the only caller of `plugin.run`). It writes the job's
 * history, honours cancel requests from any API process, and records run metrics in Redis.
 */
export class BullMqJobWorker {
  readonly #executor: PluginExecutionService;
  readonly #logger: Logger;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #workerRedis: Redis;
  readonly #keys: ReturnType<typeof queueKeys>;
  readonly #accounting: RedisJobAccounting;
  readonly #worker: Worker<JobData, JobReturn>;
  // The attempt each running job is on: metrics are keyed by (job, attempt).
  readonly #attempts = new Map<string, number>();

  constructor(options: BullMqJobWorkerOptions) {
    const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
    this.#executor = options.executor;
    this.#logger = options.logger ?? silentLogger;
    const onError = (error: Error): void => this.#logger.warn({ err: error }, 'redis connection error');
    this.#redis = connect(options.url, onError);
    this.#subscriber = connect(options.url, onError);
    this.#workerRedis = connect(options.url, onError);
    this.#keys = queueKeys(queueName);
    this.#accounting = new RedisJobAccounting(this.#redis, queueName);
    this.#worker = new Worker<JobData, JobReturn>(queueName, (job, _token, signal) => this.#process(job, signal), {
      connection: this.#workerRedis,
      concurrency: Math.max(1, options.concurrency ?? 8),
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 1,
      autorun: false,
    });
    this.#worker.on('error', (error) => this.#logger.warn({ err: error }, 'worker error'));
  }

  /**
   * The sink for ToolRunner's `onRunRecorded`: counts the run in Redis in the same tick it ends,
   * once per (job, attempt), so a retry is a new run and never a second count of the old one.
   */
  recordRun(run: RunRecord): void {
    const attempt = this.#attempts.get(run.jobId);
    if (attempt === undefined) return;
    this.#accounting.recordRun(run, attempt).catch((error: unknown) => this.#logger.error({ err: error, jobId: run.jobId }, 'could not record run metrics'));
  }

  /** Subscribes to cancel requests, then starts taking jobs. */
  async start(): Promise<void> {
    this.#subscriber.on('message', (_channel: string, text: string) => this.#onCancelMessage(text));
    await this.#subscriber.subscribe(this.#keys.cancelChannel);
    await this.#worker.waitUntilReady();
    void this.#worker.run().catch((error: unknown) => this.#logger.error({ err: error }, 'worker stopped'));
  }

  /**
   * Stops taking jobs and lets running ones finish within `deadlineMs`. Past it, the worker
   * closes without them: their locks lapse and BullMQ's stalled check hands them to another worker.
   */
  async close(deadlineMs: number): Promise<void> {
    const closed = await withDeadline(this.#worker.close(), deadlineMs);
    if (!closed.done) {
      this.#logger.warn({ running: this.#attempts.size }, 'worker shutdown deadline passed; leaving running jobs to the stalled check');
      await this.#worker.close(true);
    }
    this.#subscriber.disconnect();
    this.#redis.disconnect();
    this.#workerRedis.disconnect();
  }

  async #process(job: BullJob<JobData, JobReturn>, bullSignal: AbortSignal | undefined): Promise<JobReturn> {
    const id = String(job.id);
    const attempt = job.attemptsStarted;
    const cancelled = await this.#redis.get(this.#keys.cancel(id));
    if (cancelled !== null) {
      // Cancelled while it waited: end it without running the plugin.
      await this.#accounting.releaseBytes(id);
      throw new UnrecoverableError(encodeFailure(cancelError(JSON.parse(cancelled) as CancelMarker, job.data.plugin, id)));
    }
    // Attempts started whose outcome BullMQ never recorded: their worker died (SIGKILL, lost lock),
    // mid-run or just after writing a history entry.
    const lost = attempt - 1 - job.attemptsMade;
    if (lost > 0) {
      await this.#log(job, {
        status: 'PENDING',
        at: new Date().toISOString(),
        attempt: attempt - 1,
        reason: `retry: the worker running attempt ${attempt - 1} stopped before BullMQ recorded its outcome; the stalled-job check put the job back`,
      });
    }
    await this.#log(job, { status: 'RUNNING', at: new Date().toISOString(), attempt, reason: null });

    const controller = new AbortController();
    const onAbort = (): void =>
      controller.abort(
        new RuntimeError('ExecutionError', 'Job was cancelled.', {
          plugin: job.data.plugin,
          details: { job_id: id, reason: String(bullSignal?.reason ?? '') },
        }),
      );
    bullSignal?.addEventListener('abort', onAbort, { once: true });
    this.#attempts.set(id, attempt);
    try {
      const outcome = await this.#executor.execute({ plugin: job.data.plugin, payload: job.data.payload, jobId: id, signal: controller.signal });
      if (outcome.ok) {
        await this.#accounting.releaseBytes(id);
        return { result: outcome.result };
      }
      throw await this.#failure(job, outcome.error.error, controller.signal.aborted);
    } finally {
      bullSignal?.removeEventListener('abort', onAbort);
      this.#attempts.delete(id);
    }
  }

  /** The error to throw: a plain Error lets BullMQ retry per the job's policy; UnrecoverableError ends it. */
  async #failure(job: BullJob<JobData, JobReturn>, error: PublicError, cancelled: boolean): Promise<Error> {
    const attempts = job.opts.attempts ?? 1;
    const willRetry = isRetryable(error, cancelled) && job.attemptsMade + 1 < attempts;
    if (!willRetry) {
      await this.#accounting.releaseBytes(String(job.id));
      return new UnrecoverableError(encodeFailure(error));
    }
    const backoff = job.opts.backoff;
    const policy: RetryPolicy = {
      attempts,
      backoff:
        typeof backoff === 'object'
          ? { type: backoff.type === 'exponential' ? 'exponential' : 'fixed', delayMs: backoff.delay ?? 0 }
          : { type: 'fixed', delayMs: backoff ?? 0 },
    };
    await this.#log(job, retryEntry(error, job.attemptsStarted, job.attemptsMade + 1, policy));
    return new Error(encodeFailure(error));
  }

  async #log(job: BullJob<JobData, JobReturn>, entry: JobHistoryEntry): Promise<void> {
    await job.log(JSON.stringify(entry));
  }

  #onCancelMessage(text: string): void {
    try {
      const message = JSON.parse(text) as CancelMessage;
      // A no-op on every worker but the one running the job; BullMQ aborts the processor's signal.
      if (this.#worker.cancelJob(message.jobId, message.reason)) this.#logger.info({ jobId: message.jobId }, 'job cancelled');
    } catch (error) {
      this.#logger.warn({ err: error }, 'unreadable cancel request');
    }
  }
}
