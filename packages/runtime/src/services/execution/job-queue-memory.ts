import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RuntimeError, toErrorEnvelope, type PublicError } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { RunResult } from '../../plugins/runtime/tool-runner.js';
import type { PluginExecutionService } from './plugin-execution-service.js';
import { withDeadline } from './job-queue-deadline.js';
import {
  backoffDelay,
  isRetryable,
  retryEntry,
  retryPolicyFor,
  type JobListener,
  type JobQueue,
  type JobSubmission,
  type QueueDepth,
  type RetryPolicies,
  type RetryPolicy,
  type RunMetrics,
} from './job-queue.js';
import { FINAL_STATUSES, InMemoryJobStore, type Job, type JobHistoryEntry, type JobStatus, type JobStore } from './job-store.js';

/** Options for InMemoryJobQueue. */
export interface InMemoryJobQueueOptions {
  executor: PluginExecutionService;
  store?: JobStore;
  /** Jobs running at once; the rest wait in FIFO order. */
  concurrency?: number;
  retry?: RetryPolicies;
  logger?: Logger;
  newId?: () => string;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The embedded default: jobs live in this process's memory and run here, under a concurrency
 * limit. A restart loses every job (documented in docs/execution-quickstart.md).
 */
export class InMemoryJobQueue implements JobQueue {
  readonly #executor: PluginExecutionService;
  readonly #store: JobStore;
  readonly #concurrency: number;
  readonly #retry: RetryPolicies | undefined;
  readonly #logger: Logger;
  readonly #newId: () => string;
  readonly #events = new EventEmitter();
  readonly #queue: string[] = [];
  readonly #running = new Map<string, Running>();
  readonly #retryTimers = new Map<string, NodeJS.Timeout>();
  // Payload bytes of unfinished jobs; a finished job drops its payload, so only these count.
  readonly #held = new Map<string, number>();
  #bytes = 0;

  constructor(options: InMemoryJobQueueOptions) {
    this.#executor = options.executor;
    this.#store = options.store ?? new InMemoryJobStore();
    this.#concurrency = Math.max(1, options.concurrency ?? 8);
    this.#retry = options.retry;
    this.#logger = options.logger ?? silentLogger;
    this.#newId = options.newId ?? randomUUID;
    this.#events.setMaxListeners(0);
  }

  async submit(submission: JobSubmission): Promise<Job> {
    const now = new Date().toISOString();
    const job = this.#save({
      id: this.#newId(),
      plugin: submission.plugin,
      payload: submission.payload,
      status: 'PENDING',
      result: null,
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
      attempts: 0,
      history: [{ status: 'PENDING', at: now, attempt: null, reason: null }],
    });
    this.#held.set(job.id, submission.payloadBytes);
    this.#bytes += submission.payloadBytes;
    this.#queue.push(job.id);
    this.#pump();
    return job;
  }

  async get(id: string): Promise<Job | undefined> {
    return this.#store.get(id);
  }

  async list(status?: JobStatus): Promise<Job[]> {
    return this.#store.list(status);
  }

  async cancel(id: string, reason: string): Promise<Job | undefined> {
    return this.#cancelNow(id, reason);
  }

  waitForFinal(id: string, signal?: AbortSignal): Promise<Job> {
    const job = this.#store.get(id);
    if (job === undefined) return Promise.reject(new RuntimeError('NotFoundError', `Unknown job "${id}".`));
    if (FINAL_STATUSES.has(job.status)) return Promise.resolve(job);
    return new Promise((resolve, reject) => {
      const stop = (): void => {
        this.#events.off('change', listener);
        signal?.removeEventListener('abort', onAbort);
      };
      const listener = (changed: Job): void => {
        if (changed.id !== id || !FINAL_STATUSES.has(changed.status)) return;
        stop();
        resolve(changed);
      };
      const onAbort = (): void => {
        stop();
        reject(signal?.reason);
      };
      this.#events.on('change', listener);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  onChange(listener: JobListener): () => void {
    this.#events.on('change', listener);
    return () => this.#events.off('change', listener);
  }

  async depth(): Promise<QueueDepth> {
    return { pending: this.#held.size - this.#running.size, running: this.#running.size, bytes: this.#bytes };
  }

  async runMetrics(): Promise<ReadonlyMap<string, RunMetrics> | null> {
    return null;
  }

  async close(deadlineMs: number): Promise<void> {
    for (const id of [...this.#queue, ...this.#retryTimers.keys()]) this.#cancelNow(id, 'Cancelled: the service is shutting down.');
    const drained = await withDeadline(Promise.all([...this.#running.values()].map((entry) => entry.done)), deadlineMs);
    if (!drained.done) {
      this.#logger.warn({ running: this.#running.size }, 'shutdown deadline passed; aborting running jobs');
      for (const id of [...this.#running.keys()]) this.#cancelNow(id, 'Aborted: the shutdown deadline passed.');
      await Promise.all([...this.#running.values()].map((entry) => entry.done));
    }
  }

  #cancelNow(id: string, reason: string): Job | undefined {
    const job = this.#store.get(id);
    if (job === undefined || FINAL_STATUSES.has(job.status)) return job;
    const abortReason = new RuntimeError('ExecutionError', reason, { plugin: job.plugin, details: { job_id: id } });
    const queued = this.#queue.indexOf(id);
    if (queued >= 0) this.#queue.splice(queued, 1);
    clearTimeout(this.#retryTimers.get(id));
    this.#retryTimers.delete(id);
    this.#running.get(id)?.controller.abort(abortReason);
    return this.#finish(job, 'CANCELLED', null, toErrorEnvelope(abortReason, job.plugin).error, reason);
  }

  #pump(): void {
    while (this.#running.size < this.#concurrency && this.#queue.length > 0) {
      const id = this.#queue.shift();
      const job = id === undefined ? undefined : this.#store.get(id);
      if (job === undefined || job.status !== 'PENDING') continue;
      this.#start(job);
    }
  }

  #start(pending: Job): void {
    const controller = new AbortController();
    const now = new Date().toISOString();
    const attempt = pending.attempts + 1;
    const job = this.#save({
      ...pending,
      status: 'RUNNING',
      started_at: pending.started_at ?? now,
      attempts: attempt,
      history: [...pending.history, { status: 'RUNNING', at: now, attempt, reason: null }],
    });
    const done = this.#executor
      .execute({ plugin: job.plugin, payload: job.payload, jobId: job.id, signal: controller.signal })
      .then((outcome) => this.#complete(job.id, outcome, controller.signal.aborted))
      .catch((thrown: unknown) => {
        // The runner never rejects; this guards the queue's own bookkeeping.
        this.#logger.error({ err: thrown, jobId: job.id }, 'job bookkeeping failed');
      })
      .finally(() => {
        this.#running.delete(job.id);
        this.#pump();
      });
    this.#running.set(job.id, { controller, done });
  }

  #complete(id: string, outcome: RunResult, cancelled: boolean): void {
    const job = this.#store.get(id);
    // Cancelled meanwhile (or evicted): the cancel already recorded the final state.
    if (job === undefined || job.status !== 'RUNNING') return;
    if (outcome.ok) {
      this.#finish(job, 'SUCCESS', outcome.result, null, null);
      return;
    }
    const error = outcome.error.error;
    const policy = retryPolicyFor(this.#retry, job.plugin);
    if (isRetryable(error, cancelled) && job.attempts < policy.attempts) {
      this.#scheduleRetry(job, error, policy);
      return;
    }
    this.#logger.info({ jobId: id, err: error, stack: outcome.error._internal.stack }, 'job failed');
    this.#finish(job, 'FAILED', null, error, null);
  }

  #scheduleRetry(job: Job, error: PublicError, policy: RetryPolicy): void {
    const pending = this.#save({ ...job, status: 'PENDING', history: [...job.history, retryEntry(error, job.attempts, job.attempts, policy)] });
    const timer = setTimeout(
      () => {
        this.#retryTimers.delete(pending.id);
        this.#queue.push(pending.id);
        this.#pump();
      },
      backoffDelay(policy, job.attempts),
    );
    this.#retryTimers.set(pending.id, timer);
  }

  #finish(job: Job, status: JobStatus, result: Job['result'], error: Job['error'], reason: string | null): Job {
    const now = new Date().toISOString();
    const entry: JobHistoryEntry = { status, at: now, attempt: job.attempts === 0 ? null : job.attempts, reason };
    const finished = this.#save({ ...job, payload: null, status, result, error, finished_at: now, history: [...job.history, entry] });
    this.#bytes -= this.#held.get(job.id) ?? 0;
    this.#held.delete(job.id);
    return finished;
  }

  #save(job: Job): Job {
    const frozen = Object.freeze(job);
    this.#store.save(frozen);
    this.#events.emit('change', frozen);
    return frozen;
  }
}
