import { randomUUID } from 'node:crypto';
import { RuntimeError, toErrorEnvelope } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { RunResult } from '../../plugins/runtime/tool-runner.js';
import type { PluginExecutionService } from './plugin-execution-service.js';
import { FINAL_STATUSES, InMemoryJobStore, type Job, type JobStatus, type JobStore } from './job-store.js';

/** Options for JobExecutionService. */
export interface JobExecutionServiceOptions {
  executor: PluginExecutionService;
  store?: JobStore;
  /** Jobs running at once; the rest wait in FIFO order. */
  concurrency?: number;
  logger?: Logger;
  newId?: () => string;
}

/** Owns jobs: queueing under a concurrency limit, status, cancel, and graceful drain. */
export class JobExecutionService {
  readonly #executor: PluginExecutionService;
  readonly #store: JobStore;
  readonly #concurrency: number;
  readonly #logger: Logger;
  readonly #newId: () => string;
  readonly #queue: string[] = [];
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  readonly #waiters = new Map<string, Array<(job: Job) => void>>();
  #accepting = true;

  constructor(options: JobExecutionServiceOptions) {
    this.#executor = options.executor;
    this.#store = options.store ?? new InMemoryJobStore();
    this.#concurrency = Math.max(1, options.concurrency ?? 8);
    this.#logger = options.logger ?? silentLogger;
    this.#newId = options.newId ?? randomUUID;
  }

  /** Queues a job (PENDING) and starts it when a slot is free. */
  submit(plugin: string, payload: unknown): Job {
    if (!this.#accepting) throw new RuntimeError('ExecutionError', 'The service is shutting down; no new jobs are accepted.');
    const job = this.#save({
      id: this.#newId(),
      plugin,
      payload,
      status: 'PENDING',
      result: null,
      error: null,
      created_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
    });
    this.#queue.push(job.id);
    this.#pump();
    return job;
  }

  /** The job, or undefined (unknown or evicted). */
  get(id: string): Job | undefined {
    return this.#store.get(id);
  }

  /** Jobs in creation order, optionally filtered by status. */
  list(status?: JobStatus): Job[] {
    return this.#store.list(status);
  }

  /** Resolves with the job once it is SUCCESS, FAILED or CANCELLED. */
  waitFor(id: string): Promise<Job> {
    const job = this.#store.get(id);
    if (job === undefined) return Promise.reject(new RuntimeError('NotFoundError', `Unknown job "${id}".`));
    if (FINAL_STATUSES.has(job.status)) return Promise.resolve(job);
    return new Promise((resolve) => {
      this.#waiters.set(id, [...(this.#waiters.get(id) ?? []), resolve]);
    });
  }

  /** Cancels a PENDING or RUNNING job (a running job's signal aborts); a finished job is returned unchanged. */
  cancel(id: string, reason = 'Job was cancelled.'): Job | undefined {
    const job = this.#store.get(id);
    if (job === undefined || FINAL_STATUSES.has(job.status)) return job;
    const abortReason = new RuntimeError('ExecutionError', reason, { plugin: job.plugin, details: { job_id: id } });
    const queued = this.#queue.indexOf(id);
    if (queued >= 0) this.#queue.splice(queued, 1);
    this.#running.get(id)?.controller.abort(abortReason);
    return this.#finish(job, 'CANCELLED', null, toErrorEnvelope(abortReason, job.plugin).error);
  }

  /** Counts of queued and running jobs. */
  stats(): { pending: number; running: number; accepting: boolean } {
    return { pending: this.#queue.length, running: this.#running.size, accepting: this.#accepting };
  }

  /**
   * Graceful drain: refuse new jobs, cancel queued ones, give running ones until `deadlineMs`,
   * then abort the rest and wait for them to settle.
   */
  async shutdown(deadlineMs: number): Promise<void> {
    this.#accepting = false;
    for (const id of [...this.#queue]) this.cancel(id, 'Cancelled: the service is shutting down.');
    const settled = Promise.all([...this.#running.values()].map((entry) => entry.done));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), deadlineMs);
    });
    const outcome = await Promise.race([settled.then(() => 'drained' as const), expired]);
    clearTimeout(timer);
    if (outcome === 'expired') {
      this.#logger.warn({ running: this.#running.size }, 'shutdown deadline passed; aborting running jobs');
      for (const id of [...this.#running.keys()]) this.cancel(id, 'Aborted: the shutdown deadline passed.');
      await Promise.all([...this.#running.values()].map((entry) => entry.done));
    }
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
    const job = this.#save({ ...pending, status: 'RUNNING', started_at: new Date().toISOString() });
    const done = this.#executor
      .execute({ plugin: job.plugin, payload: job.payload, jobId: job.id, signal: controller.signal })
      .then((outcome) => this.#complete(job.id, outcome))
      .catch((thrown: unknown) => {
        // The runner never rejects; this guards the service's own bookkeeping.
        this.#logger.error({ err: thrown, jobId: job.id }, 'job bookkeeping failed');
      })
      .finally(() => {
        this.#running.delete(job.id);
        this.#pump();
      });
    this.#running.set(job.id, { controller, done });
  }

  #complete(id: string, outcome: RunResult): void {
    const job = this.#store.get(id);
    // Cancelled meanwhile (or evicted): the cancel already recorded the final state.
    if (job === undefined || job.status !== 'RUNNING') return;
    if (outcome.ok) {
      this.#finish(job, 'SUCCESS', outcome.result, null);
      return;
    }
    this.#logger.info({ jobId: id, err: outcome.error.error, stack: outcome.error._internal.stack }, 'job failed');
    this.#finish(job, 'FAILED', null, outcome.error.error);
  }

  #finish(job: Job, status: JobStatus, result: Job['result'], error: Job['error']): Job {
    const finished = this.#save({ ...job, status, result, error, finished_at: new Date().toISOString() });
    const waiters = this.#waiters.get(job.id) ?? [];
    this.#waiters.delete(job.id);
    for (const resolve of waiters) resolve(finished);
    return finished;
  }

  #save(job: Job): Job {
    const frozen = Object.freeze(job);
    this.#store.save(frozen);
    return frozen;
  }
}
