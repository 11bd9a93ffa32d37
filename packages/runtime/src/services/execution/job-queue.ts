import type { PublicError } from '../../errors.js';
import type { Job, JobHistoryEntry, JobStatus } from './job-store.js';

/** A job to enqueue: the job service has validated the payload and measured it. */
export interface JobSubmission {
  plugin: string;
  payload: unknown;
  /** UTF-8 bytes of the payload as JSON: what the queue holds until the job ends. */
  payloadBytes: number;
}

/** How often a job of one type (plugin) may run, and how long to wait between attempts. */
export interface RetryPolicy {
  /** Total attempts, first run included (1 = no retry). */
  attempts: number;
  backoff: { type: 'fixed' | 'exponential'; delayMs: number };
}

/** Retry policy per plugin name; plugins not listed run once. */
export type RetryPolicies = Readonly<Record<string, RetryPolicy>>;

const NO_RETRY: RetryPolicy = { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } };

/** The policy for `plugin`: its own, or one attempt. */
export function retryPolicyFor(policies: RetryPolicies | undefined, plugin: string): RetryPolicy {
  return policies?.[plugin] ?? NO_RETRY;
}

/** Delay before the attempt after `failedAttempts` failures, as BullMQ computes it for fixed/exponential. */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  const { type, delayMs } = policy.backoff;
  return type === 'fixed' ? delayMs : Math.round(2 ** (failedAttempts - 1) * delayMs);
}

/**
 * Only failures a later attempt could fix are retried: a plugin error or a timeout. Bad input,
 * an unknown plugin and a cancel fail the same way every time.
 */
export function isRetryable(error: PublicError, cancelled: boolean): boolean {
  return !cancelled && (error.type === 'PluginError' || error.type === 'TimeoutError');
}

/**
 * The history entry saying a failed attempt will be retried, and why. `attempt` counts every
 * start (a run lost with its worker included); `failures` counts what the policy allows.
 */
export function retryEntry(error: PublicError, attempt: number, failures: number, policy: RetryPolicy, at = new Date()): JobHistoryEntry {
  return {
    status: 'PENDING',
    at: at.toISOString(),
    attempt,
    reason: `retry after attempt ${attempt} failed (${failures} of ${policy.attempts} attempts used): ${error.type}: ${error.message}`,
  };
}

/** Unfinished jobs and the payload bytes they hold: what back-pressure bounds. */
export interface QueueDepth {
  pending: number;
  running: number;
  /** Payload bytes of unfinished jobs. */
  bytes: number;
}

/** Per-plugin run totals gathered from every worker process. */
export interface RunMetrics {
  success_count: number;
  error_count: number;
  last_execution_time_ms: number | null;
  total_execution_time_ms: number;
  last_used: string | null;
  /** Whether the last finished run succeeded; null before the first one. */
  last_ok: boolean | null;
  /** Runs in progress on any worker. */
  running: number;
}

/** Called with the new version of a job whenever its status changes. */
export type JobListener = (job: Job) => void;

/**
 * The job queue port: scheduling lives behind it. The in-memory queue runs jobs in this process;
 * the BullMQ queue stores them in Redis for `pnpm worker` processes to run.
 */
export interface JobQueue {
  /** Enqueues a PENDING job. */
  submit(submission: JobSubmission): Promise<Job>;
  /** The job, or undefined (unknown or evicted). */
  get(id: string): Promise<Job | undefined>;
  /** Jobs in creation order, optionally only those with `status`. */
  list(status?: JobStatus): Promise<Job[]>;
  /** Cancels a PENDING or RUNNING job (the plugin's signal fires wherever it runs); a finished job comes back unchanged. */
  cancel(id: string, reason: string): Promise<Job | undefined>;
  /** Resolves with the job once it is SUCCESS, FAILED or CANCELLED; rejects for an unknown job, or once `signal` aborts. */
  waitForFinal(id: string, signal?: AbortSignal): Promise<Job>;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onChange(listener: JobListener): () => void;
  /** Unfinished jobs and their payload bytes. */
  depth(): Promise<QueueDepth>;
  /** Run totals from every process, or null when runs happen in this process (the local registry is exact). */
  runMetrics(): Promise<ReadonlyMap<string, RunMetrics> | null>;
  /** Stops: an in-process queue cancels pending jobs and drains running ones up to the deadline; a remote one disconnects. */
  close(deadlineMs: number): Promise<void>;
}
