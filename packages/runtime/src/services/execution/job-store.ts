import type { PublicError } from '../../errors.js';

/** Job status: PENDING → RUNNING → SUCCESS | FAILED, or CANCELLED from PENDING or RUNNING. */
export type JobStatus = 'PENDING' | 'RUNNING' | 'SUCCESS' | 'FAILED' | 'CANCELLED';

/** Every job status, in lifecycle order. */
export const JOB_STATUSES: readonly JobStatus[] = ['PENDING', 'RUNNING', 'SUCCESS', 'FAILED', 'CANCELLED'];

/** Statuses a job never leaves. */
export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['SUCCESS', 'FAILED', 'CANCELLED']);

/** One step of a job's life: each status it entered, with the attempt and why (retries say so). */
export interface JobHistoryEntry {
  readonly status: JobStatus;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** The attempt this entry belongs to (1-based), or null before the first one. */
  readonly attempt: number | null;
  /** Why the job entered this status (a retry and its cause, a lost worker, a cancel), or null. */
  readonly reason: string | null;
}

/** One job; stored frozen, replaced (never mutated) on each change. */
export interface Job {
  readonly id: string;
  readonly plugin: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly error: PublicError | null;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  /** Attempts started so far (0 while first PENDING). */
  readonly attempts: number;
  readonly history: readonly JobHistoryEntry[];
}

/** Where the in-memory queue keeps its jobs (the BullMQ queue keeps them in Redis instead). */
export interface JobStore {
  save(job: Job): void;
  get(id: string): Job | undefined;
  /** Jobs in creation order, optionally only those with `status`. */
  list(status?: JobStatus): Job[];
}

/** In-memory store that keeps at most `maxFinished` finished jobs, evicting the oldest finished first. */
export class InMemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #finished: string[] = [];
  readonly #maxFinished: number;

  constructor(options: { maxFinished?: number } = {}) {
    this.#maxFinished = options.maxFinished ?? 1_000;
  }

  save(job: Job): void {
    const previous = this.#jobs.get(job.id);
    this.#jobs.set(job.id, job);
    const newlyFinished = FINAL_STATUSES.has(job.status) && (previous === undefined || !FINAL_STATUSES.has(previous.status));
    if (!newlyFinished) return;
    this.#finished.push(job.id);
    while (this.#finished.length > this.#maxFinished) {
      const oldest = this.#finished.shift();
      if (oldest !== undefined) this.#jobs.delete(oldest);
    }
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  list(status?: JobStatus): Job[] {
    const all = [...this.#jobs.values()];
    return status === undefined ? all : all.filter((job) => job.status === status);
  }
}
