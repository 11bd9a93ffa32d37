import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Queue, QueueEvents, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import { RuntimeError } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import { connect, DEFAULT_QUEUE_NAME, MARKER_TTL_SECONDS, queueKeys, toJob, type CancelMarker, type JobData, type JobReturn } from './job-bullmq-codec.js';
import { retryPolicyFor, type JobListener, type JobQueue, type JobSubmission, type QueueDepth, type RetryPolicies, type RunMetrics } from './job-queue.js';
import { withDeadline } from './job-queue-deadline.js';
import { RedisJobAccounting } from './job-redis-accounting.js';
import { FINAL_STATUSES, type Job, type JobStatus } from './job-store.js';

/** Options for BullMqJobQueue. */
export interface BullMqJobQueueOptions {
  /** `redis://host:port[/db]`, from `EXECGOV_QUEUE_URL`. */
  url: string;
  queueName?: string;
  retry?: RetryPolicies;
  /** Finished jobs kept per outcome (completed, failed); older ones are evicted by BullMQ. */
  maxFinished?: number;
  logger?: Logger;
  newId?: () => string;
}

const PENDING_STATES = ['waiting', 'prioritized', 'delayed', 'waiting-children'] as const satisfies readonly JobState[];
const STATES_OF: Record<JobStatus, readonly JobState[]> = {
  PENDING: PENDING_STATES,
  RUNNING: ['active'],
  SUCCESS: ['completed'],
  FAILED: ['failed'],
  CANCELLED: [...PENDING_STATES, 'active', 'completed', 'failed'],
};
// Waiters also poll: QueueEvents reads a stream from "now", so an event before it was ready is missed.
const WAIT_POLL_MS = 500;

/**
 * The job queue on BullMQ (Redis): the API process only enqueues and reads; `pnpm worker`
 * processes run the jobs. Jobs, their history and the run metrics survive any process.
 */
export class BullMqJobQueue implements JobQueue {
  readonly #redis: Redis;
  readonly #eventsRedis: Redis;
  readonly #queue: Queue<JobData, JobReturn>;
  readonly #events: QueueEvents;
  readonly #keys: ReturnType<typeof queueKeys>;
  readonly #accounting: RedisJobAccounting;
  readonly #retry: RetryPolicies | undefined;
  readonly #maxFinished: number;
  readonly #logger: Logger;
  readonly #newId: () => string;
  readonly #changes = new EventEmitter();
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(options: BullMqJobQueueOptions) {
    const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
    const logger = options.logger ?? silentLogger;
    const onError = (error: Error): void => logger.warn({ err: error }, 'redis connection error');
    // Requests fail fast (→ 503) instead of queueing forever while Redis is away.
    this.#redis = connect(options.url, onError, { maxRetriesPerRequest: 2 });
    this.#eventsRedis = connect(options.url, onError);
    this.#queue = new Queue(queueName, { connection: this.#redis });
    this.#events = new QueueEvents(queueName, { connection: this.#eventsRedis });
    this.#keys = queueKeys(queueName);
    this.#accounting = new RedisJobAccounting(this.#redis, queueName);
    this.#retry = options.retry;
    this.#maxFinished = options.maxFinished ?? 1_000;
    this.#logger = logger;
    this.#newId = options.newId ?? randomUUID;
    this.#changes.setMaxListeners(0);
    for (const event of ['waiting', 'active', 'delayed', 'stalled'] as const)
      this.#events.on(event, ({ jobId }: { jobId: string }) => this.#changed(jobId, false));
    for (const event of ['completed', 'failed'] as const) this.#events.on(event, ({ jobId }: { jobId: string }) => this.#changed(jobId, true));
    this.#events.on('error', () => undefined); // Reported once by the connection's own listener.
    this.#queue.on('error', () => undefined);
  }

  /** Resolves once Redis answers; rejects with a clear message when it does not. */
  async ready(): Promise<void> {
    await Promise.all([this.#queue.waitUntilReady(), this.#events.waitUntilReady()]);
  }

  async submit(submission: JobSubmission): Promise<Job> {
    const id = this.#newId();
    const policy = retryPolicyFor(this.#retry, submission.plugin);
    // Held before the add: a worker may finish (and release) the job before add() returns.
    await this.#accounting.holdBytes(id, submission.payloadBytes);
    try {
      const bull = await this.#queue.add(
        submission.plugin,
        { plugin: submission.plugin, payload: submission.payload },
        {
          jobId: id,
          attempts: policy.attempts,
          backoff: policy.backoff.delayMs > 0 ? { type: policy.backoff.type, delay: policy.backoff.delayMs } : undefined,
          removeOnComplete: { count: this.#maxFinished },
          removeOnFail: { count: this.#maxFinished },
          // Stacks stay in the worker's log, never in Redis where a job view could leak them.
          stackTraceLimit: 0,
        },
      );
      return toJob(bull, 'waiting', [], null);
    } catch (error) {
      await this.#accounting.releaseBytes(id).catch(() => undefined);
      throw error;
    }
  }

  async get(id: string): Promise<Job | undefined> {
    // State first, then the job: data newer than its state is harmless (a RUNNING job whose
    // result just landed reads RUNNING); the reverse would show SUCCESS without its result.
    const state = await this.#queue.getJobState(id);
    if (state === 'unknown') return undefined;
    const [bull, logs, marker] = await Promise.all([this.#queue.getJob(id), this.#logs(id), this.#marker(id)]);
    return bull === undefined ? undefined : toJob(bull, state, logs, marker);
  }

  async list(status?: JobStatus): Promise<Job[]> {
    // One getRanges script: which jobs exist is one snapshot, so a job moving between states
    // (active → delayed on a retry) is neither missed nor listed twice. Each is then read fresh.
    const ids = await this.#queue.getRanges([...(status === undefined ? STATES_OF.CANCELLED : STATES_OF[status])], 0, -1, true);
    const jobs = await Promise.all([...new Set(ids)].map((id) => this.get(id)));
    const found = jobs.filter((job): job is Job => job !== undefined && (status === undefined || job.status === status));
    return found.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }

  async cancel(id: string, reason: string): Promise<Job | undefined> {
    const job = await this.get(id);
    if (job === undefined || FINAL_STATUSES.has(job.status)) return job;
    const marker: CancelMarker = { at: new Date().toISOString(), reason };
    // The marker first: a worker that picks the job up after this sees it; one already running
    // it gets the message and aborts the plugin's signal through BullMQ's cancelJob.
    await this.#redis.set(this.#keys.cancel(id), JSON.stringify(marker), 'EX', MARKER_TTL_SECONDS, 'NX');
    await this.#redis.publish(this.#keys.cancelChannel, JSON.stringify({ jobId: id, reason }));
    await this.#accounting.releaseBytes(id);
    const cancelled = await this.get(id);
    if (cancelled !== undefined) this.#announce(cancelled);
    return cancelled;
  }

  async waitForFinal(id: string, signal?: AbortSignal): Promise<Job> {
    for (;;) {
      signal?.throwIfAborted();
      const job = await this.get(id);
      if (job === undefined) throw new RuntimeError('NotFoundError', `Unknown job "${id}".`);
      if (FINAL_STATUSES.has(job.status)) return job;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', wake);
          const waiters = this.#waiters.get(id);
          waiters?.delete(wake);
          if (waiters?.size === 0) this.#waiters.delete(id);
          resolve();
        };
        const timer = setTimeout(wake, WAIT_POLL_MS);
        this.#waiters.set(id, (this.#waiters.get(id) ?? new Set()).add(wake));
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  onChange(listener: JobListener): () => void {
    this.#changes.on('change', listener);
    return () => this.#changes.off('change', listener);
  }

  async depth(): Promise<QueueDepth> {
    const [counts, bytes] = await Promise.all([this.#queue.getJobCounts(...PENDING_STATES, 'active'), this.#accounting.bytesHeld()]);
    const pending = PENDING_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
    return { pending, running: counts.active ?? 0, bytes };
  }

  async runMetrics(): Promise<ReadonlyMap<string, RunMetrics>> {
    const [totals, active] = await Promise.all([this.#accounting.metrics(), this.#queue.getActive()]);
    const running = new Map<string, number>();
    for (const bull of active) if (bull) running.set(bull.data.plugin, (running.get(bull.data.plugin) ?? 0) + 1);
    const names = new Set([...totals.keys(), ...running.keys()]);
    const empty = { success_count: 0, error_count: 0, last_execution_time_ms: null, total_execution_time_ms: 0, last_used: null, last_ok: null };
    return new Map([...names].map((name) => [name, { ...(totals.get(name) ?? empty), running: running.get(name) ?? 0 }]));
  }

  /** Disconnects (at most `deadlineMs` for a graceful close); jobs stay in Redis for the workers and the next API process. */
  async close(deadlineMs = 5_000): Promise<void> {
    for (const wakers of this.#waiters.values()) for (const wake of wakers) wake();
    // A close waits for Redis; when Redis is gone, the deadline ends the wait and we cut the sockets.
    await withDeadline(Promise.allSettled([this.#events.close(), this.#queue.close()]), Math.min(deadlineMs, 5_000));
    this.#redis.disconnect();
    this.#eventsRedis.disconnect();
  }

  #changed(jobId: string, final: boolean): void {
    for (const wake of [...(this.#waiters.get(jobId) ?? [])]) wake();
    if (final) void this.#accounting.releaseBytes(jobId).catch(() => undefined);
    if (this.#changes.listenerCount('change') === 0) return;
    this.get(jobId).then(
      (job) => job && this.#announce(job),
      (error: unknown) => this.#logger.warn({ err: error, jobId }, 'could not read a changed job'),
    );
  }

  #announce(job: Job): void {
    this.#changes.emit('change', job);
    for (const wake of [...(this.#waiters.get(job.id) ?? [])]) wake();
  }

  async #logs(id: string): Promise<string[]> {
    return (await this.#queue.getJobLogs(id, 0, -1, true)).logs;
  }

  async #marker(id: string): Promise<CancelMarker | null> {
    return parseMarker(await this.#redis.get(this.#keys.cancel(id)));
  }
}

function parseMarker(text: string | null): CancelMarker | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as CancelMarker;
  } catch {
    return null;
  }
}
