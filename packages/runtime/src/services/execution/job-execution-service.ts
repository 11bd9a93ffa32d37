import { RuntimeError } from '../../errors.js';
import type { PluginExecutionService } from './plugin-execution-service.js';
import type { JobQueue, QueueDepth, RunMetrics } from './job-queue.js';
import { withDeadline } from './job-queue-deadline.js';
import type { Job, JobStatus } from './job-store.js';

/** Bounds on unfinished jobs: past either one, submissions get 429 with `Retry-After`. */
export interface JobLimits {
  /** Unfinished (pending + running) jobs at most. */
  maxJobs: number;
  /** Payload bytes (UTF-8 JSON) of unfinished jobs at most. */
  maxBytes: number;
  /** `Retry-After` seconds sent with 429 (queue full) and 503 (shutting down, queue unreachable). */
  retryAfterSeconds: number;
  /** A queue call slower than this (Redis unreachable) is answered 503 instead of hanging the request. */
  queueTimeoutMs: number;
  /** How long a sync request waits for its job (no worker running, a long queue) before a 504 naming the job. */
  syncWaitMs: number;
}

/** Defaults: room for bursts, while a full queue holds at most 64 MiB of payloads. */
export const DEFAULT_JOB_LIMITS: JobLimits = { maxJobs: 10_000, maxBytes: 64 * 1024 * 1024, retryAfterSeconds: 1, queueTimeoutMs: 5_000, syncWaitMs: 60_000 };

/** Options for JobExecutionService. */
export interface JobExecutionServiceOptions {
  executor: PluginExecutionService;
  queue: JobQueue;
  limits?: Partial<JobLimits>;
}

/** Owns jobs: validates and bounds submissions, then hands them to the queue (in memory or BullMQ). */
export class JobExecutionService {
  readonly #executor: PluginExecutionService;
  readonly #queue: JobQueue;
  readonly #limits: JobLimits;
  #accepting = true;

  constructor(options: JobExecutionServiceOptions) {
    this.#executor = options.executor;
    this.#queue = options.queue;
    this.#limits = { ...DEFAULT_JOB_LIMITS, ...options.limits };
  }

  /**
   * Validates the payload against the plugin's input schema, checks the bounds, and queues a
   * PENDING job. Nothing invalid is ever held: a bad payload is a 400 now, not a failed job later.
   */
  async submit(plugin: string, payload: unknown): Promise<Job> {
    if (!this.#accepting) {
      throw new RuntimeError('UnavailableError', 'The service is shutting down; no new jobs are accepted.', {
        retryAfterSeconds: this.#limits.retryAfterSeconds,
      });
    }
    const refusal = await this.#executor.check(plugin, payload);
    if (refusal !== null) {
      const { type, message, details } = refusal.error;
      throw new RuntimeError(type, message, { plugin, details });
    }
    const payloadBytes = Buffer.byteLength(JSON.stringify(payload ?? null), 'utf8');
    this.#assertRoom(await this.#depth(), payloadBytes);
    return this.#reachable(() => this.#queue.submit({ plugin, payload, payloadBytes }));
  }

  /** The job, or undefined (unknown or evicted). */
  get(id: string): Promise<Job | undefined> {
    return this.#reachable(() => this.#queue.get(id));
  }

  /** Jobs in creation order, optionally filtered by status. */
  list(status?: JobStatus): Promise<Job[]> {
    return this.#reachable(() => this.#queue.list(status));
  }

  /**
   * Resolves with the job once it is SUCCESS, FAILED or CANCELLED. Past `syncWaitMs` it rejects
   * with a TimeoutError naming the job, which stays queued and can be polled.
   */
  waitFor(id: string): Promise<Job> {
    const { syncWaitMs } = this.#limits;
    const late = new RuntimeError('TimeoutError', `Job "${id}" did not finish within ${syncWaitMs} ms; it is still queued: poll it.`, {
      details: { job_id: id, waited_ms: syncWaitMs },
    });
    // The abort ends the queue's wait too, so a request that gave up leaves no poller behind.
    const stop = new AbortController();
    return this.#reachable(() => this.#queue.waitForFinal(id, stop.signal), syncWaitMs, late).finally(() => stop.abort(late));
  }

  /** Cancels a PENDING or RUNNING job (its plugin's signal fires); a finished job is returned unchanged. */
  cancel(id: string, reason = 'Job was cancelled.'): Promise<Job | undefined> {
    return this.#reachable(() => this.#queue.cancel(id, reason));
  }

  /** Counts of queued and running jobs, and whether submissions are accepted. */
  async stats(): Promise<{ pending: number; running: number; accepting: boolean }> {
    const { pending, running } = await this.#depth();
    return { pending, running, accepting: this.#accepting };
  }

  /** Run totals from every worker process, or null when the local registry is exact. */
  runMetrics(): Promise<ReadonlyMap<string, RunMetrics> | null> {
    return this.#reachable(() => this.#queue.runMetrics());
  }

  /** Refuses new jobs, then lets the queue drain (in memory) or disconnect (BullMQ) within `deadlineMs`. */
  async shutdown(deadlineMs: number): Promise<void> {
    this.#accepting = false;
    await this.#queue.close(deadlineMs);
  }

  #depth(): Promise<QueueDepth> {
    return this.#reachable(() => this.#queue.depth());
  }

  #assertRoom(depth: QueueDepth, payloadBytes: number): void {
    const { maxJobs, maxBytes, retryAfterSeconds } = this.#limits;
    const unfinished = depth.pending + depth.running;
    if (unfinished < maxJobs && depth.bytes + payloadBytes <= maxBytes) return;
    const which = unfinished >= maxJobs ? `${unfinished} unfinished jobs (limit ${maxJobs})` : `${depth.bytes} payload bytes queued (limit ${maxBytes})`;
    throw new RuntimeError('OverloadedError', `The job queue is full: ${which}. Retry after ${retryAfterSeconds} s.`, {
      details: { jobs: unfinished, max_jobs: maxJobs, bytes: depth.bytes, max_bytes: maxBytes, payload_bytes: payloadBytes },
      retryAfterSeconds,
    });
  }

  /**
   * Runs a queue call; a backend that cannot be reached (Redis down, or not answering within
   * `queueTimeoutMs`) is a 503 with `Retry-After`, not a 500 with its stack or a hung request.
   */
  async #reachable<T>(call: () => Promise<T>, timeoutMs = this.#limits.queueTimeoutMs, onTimeout?: RuntimeError): Promise<T> {
    const unreachable = (cause: unknown): RuntimeError =>
      new RuntimeError('UnavailableError', 'The job queue backend is unreachable; retry later.', {
        cause,
        retryAfterSeconds: this.#limits.retryAfterSeconds * 5,
      });
    let outcome;
    try {
      outcome = await withDeadline(call(), timeoutMs);
    } catch (error) {
      throw error instanceof RuntimeError ? error : unreachable(error);
    }
    if (!outcome.done) throw onTimeout ?? unreachable(new Error(`no answer within ${timeoutMs} ms`));
    return outcome.value;
  }
}
