import { Redis, type RedisOptions } from 'ioredis';
import type { Job as BullJob } from 'bullmq';
import { createErrorEnvelope, type PublicError } from '../../errors.js';
import type { Job, JobHistoryEntry, JobStatus } from './job-store.js';

// What the API process (producer) and `pnpm worker` processes (consumers) must agree on: key
// names, the job data shape, how failures are encoded, and how BullMQ states map onto ours.

/** Default BullMQ queue name; `EXECGOV_QUEUE_NAME` overrides it. */
export const DEFAULT_QUEUE_NAME = 'execgov-jobs';

/** Cancel markers and byte accounting outlive their job by this long at most. */
export const MARKER_TTL_SECONDS = 7 * 24 * 3600;

/** What a BullMQ job carries. */
export interface JobData {
  plugin: string;
  payload: unknown;
}

/** What a successful job returns to BullMQ. */
export interface JobReturn {
  result: Record<string, unknown>;
}

/** A recorded cancel: the API writes it before telling the workers. */
export interface CancelMarker {
  at: string;
  reason: string;
}

/** A cancel request on the pub/sub channel. */
export interface CancelMessage {
  jobId: string;
  reason: string;
}

/** Our keys, beside BullMQ's own under the same prefix and queue name. */
export function queueKeys(
  queueName: string,
  prefix = 'bull',
): {
  cancel: (jobId: string) => string;
  cancelChannel: string;
  metrics: (plugin: string) => string;
  metricPlugins: string;
  run: (jobId: string, attempt: number) => string;
  bytes: string;
  bytesTotal: string;
} {
  const base = `${prefix}:${queueName}:execgov`;
  return {
    cancel: (jobId) => `${base}:cancel:${jobId}`,
    cancelChannel: `${base}:cancel-requests`,
    metrics: (plugin) => `${base}:metrics:${plugin}`,
    metricPlugins: `${base}:metric-plugins`,
    run: (jobId, attempt) => `${base}:run:${jobId}:${attempt}`,
    bytes: `${base}:bytes`,
    bytesTotal: `${base}:bytes-total`,
  };
}

/**
 * A Redis connection for `url`. Workers and QueueEvents block, so BullMQ needs
 * `maxRetriesPerRequest: null`. Connection errors go to `onError` (ioredis keeps reconnecting);
 * without a listener ioredis would print each one as unhandled.
 */
export function connect(url: string, onError: (error: Error) => void, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  let last = 0;
  redis.on('error', (error: Error) => {
    // One report per 10 s per connection: a Redis outage is one problem, not a flood.
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    onError(error);
  });
  return redis;
}

/** How a failed attempt's error travels through BullMQ's `failedReason`: our public error as JSON. */
export function encodeFailure(error: PublicError): string {
  return JSON.stringify({ execgov: 1, error });
}

/** The public error of a failed job: ours when a worker wrote it, otherwise BullMQ's own reason (a stall limit). */
export function decodeFailure(failedReason: string | undefined, plugin: string, jobId: string): PublicError {
  try {
    const parsed = JSON.parse(failedReason ?? '') as { execgov?: number; error?: PublicError };
    if (parsed.execgov === 1 && parsed.error !== undefined) return parsed.error;
  } catch {
    // Not ours: BullMQ failed the job itself.
  }
  const stalled = (failedReason ?? '').includes('stalled');
  const message = stalled
    ? 'The workers running this job stopped more often than allowed (BullMQ stalled-job limit).'
    : `The queue failed this job: ${failedReason ?? 'no reason given'}.`;
  return createErrorEnvelope('ExecutionError', message, { plugin, details: { job_id: jobId } }).error;
}

/**
 * BullMQ state → our status. Waiting, delayed (a retry's backoff), prioritized and paused jobs
 * are PENDING; active is RUNNING; completed is SUCCESS; failed is FAILED. A cancel marker wins
 * over every unfinished state, and over the outcome of a run that ends after the cancel.
 */
export function statusOf(state: string, cancelled: boolean): JobStatus {
  if (cancelled) return 'CANCELLED';
  if (state === 'active') return 'RUNNING';
  if (state === 'completed') return 'SUCCESS';
  if (state === 'failed') return 'FAILED';
  return 'PENDING';
}

const iso = (ms: number | undefined): string | null => (ms === undefined || ms === 0 ? null : new Date(ms).toISOString());

/** Our view of a BullMQ job, from its state, its logs (the history the workers wrote) and a cancel marker. */
export function toJob(bull: BullJob<JobData, JobReturn>, state: string, logs: readonly string[], marker: CancelMarker | null): Job {
  const id = String(bull.id);
  const status = statusOf(state, marker !== null);
  const created = new Date(bull.timestamp).toISOString();
  const history: JobHistoryEntry[] = [{ status: 'PENDING', at: created, attempt: null, reason: null }];
  for (const line of logs) {
    try {
      history.push(JSON.parse(line) as JobHistoryEntry);
    } catch {
      // A log line that is not ours (someone called job.log by hand): not history.
    }
  }
  const firstRun = history.find((entry) => entry.status === 'RUNNING');
  const finished_at = marker?.at ?? (status === 'SUCCESS' || status === 'FAILED' ? iso(bull.finishedOn) : null);
  const error =
    marker !== null ? cancelError(marker, bull.data.plugin, id) : status === 'FAILED' ? decodeFailure(bull.failedReason, bull.data.plugin, id) : null;
  if (finished_at !== null) {
    const attempt = bull.attemptsStarted === 0 ? null : bull.attemptsStarted;
    history.push({ status, at: finished_at, attempt, reason: marker?.reason ?? (status === 'FAILED' ? (error?.message ?? null) : null) });
  }
  return Object.freeze({
    id,
    plugin: bull.data.plugin,
    payload: finished_at === null ? bull.data.payload : null,
    status,
    result: status === 'SUCCESS' ? (bull.returnvalue?.result ?? null) : null,
    error,
    created_at: created,
    started_at: firstRun?.at ?? iso(bull.processedOn),
    finished_at,
    attempts: bull.attemptsStarted,
    history,
  });
}

/** The error a cancelled job shows: the cancel's reason, stamped when it was cancelled. */
export function cancelError(marker: CancelMarker, plugin: string, jobId: string): PublicError {
  return { ...createErrorEnvelope('ExecutionError', marker.reason, { plugin, details: { job_id: jobId } }).error, timestamp: marker.at };
}
