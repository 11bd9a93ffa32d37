import { RuntimeError } from '../../errors.js';
import type { PluginRegistry, PluginSnapshot } from '../../plugins/registry.js';
import type { JobExecutionService } from './job-execution-service.js';
import type { Job, JobStatus } from './job-store.js';

/** A request to analyse: run `plugin` on `payload`, waiting (sync) or not (async). */
export interface AnalysisRequest {
  plugin: string;
  payload: unknown;
  mode?: 'sync' | 'async';
}

/** Sync completes with the result; async hands back the queued job. */
export type AnalysisOutcome =
  | { mode: 'sync'; plugin: string; result: Readonly<Record<string, unknown>>; job: Job }
  | { mode: 'async'; job: Job };

/** The only service the API calls: sync/async orchestration over the job service. */
export class AnalysisExecutionService {
  readonly #jobs: JobExecutionService;
  readonly #registry: PluginRegistry;

  constructor(options: { jobs: JobExecutionService; registry: PluginRegistry }) {
    this.#jobs = options.jobs;
    this.#registry = options.registry;
  }

  /** Runs or queues an analysis. Unknown/unavailable plugins fail fast, before any job exists. */
  async execute(request: AnalysisRequest): Promise<AnalysisOutcome> {
    this.#assertRunnable(request.plugin);
    const job = this.#jobs.submit(request.plugin, request.payload);
    if (request.mode === 'async') return { mode: 'async', job };
    const finished = await this.#jobs.waitFor(job.id);
    if (finished.status === 'SUCCESS' && finished.result !== null) {
      return { mode: 'sync', plugin: finished.plugin, result: finished.result, job: finished };
    }
    const error = finished.error;
    throw new RuntimeError(error?.type ?? 'ExecutionError', error?.message ?? `Job ended ${finished.status}.`, {
      plugin: finished.plugin,
      details: withJobId(error?.details ?? null, finished.id),
    });
  }

  /** The job; NotFoundError when unknown or evicted. */
  getJob(id: string): Job {
    const job = this.#jobs.get(id);
    if (job === undefined) throw new RuntimeError('NotFoundError', `Unknown job "${id}".`);
    return job;
  }

  /** Jobs, optionally filtered by status. */
  listJobs(status?: JobStatus): Job[] {
    return this.#jobs.list(status);
  }

  /** Cancels a job; NotFoundError when unknown. A finished job comes back unchanged. */
  cancelJob(id: string): Job {
    const job = this.#jobs.cancel(id);
    if (job === undefined) throw new RuntimeError('NotFoundError', `Unknown job "${id}".`);
    return job;
  }

  /** Every plugin with its state and metrics (frozen snapshots). */
  listPlugins(): PluginSnapshot[] {
    return this.#registry.snapshots();
  }

  /** Liveness plus queue figures. */
  health(): { status: 'ok' | 'draining'; plugins: number; jobs: { pending: number; running: number } } {
    const { pending, running, accepting } = this.#jobs.stats();
    return { status: accepting ? 'ok' : 'draining', plugins: this.#registry.list().length, jobs: { pending, running } };
  }

  /** Stops taking jobs and drains running ones up to `deadlineMs`. */
  shutdown(deadlineMs: number): Promise<void> {
    return this.#jobs.shutdown(deadlineMs);
  }

  #assertRunnable(name: string): void {
    const plugin = this.#registry.get(name);
    if (plugin === undefined) throw new RuntimeError('NotFoundError', `Unknown plugin "${name}".`, { plugin: name });
    if (plugin.state === 'UNAVAILABLE') {
      throw new RuntimeError('NotFoundError', `Plugin "${name}" is unavailable.`, { plugin: name, details: { reason: plugin.reason } });
    }
  }
}

function withJobId(details: unknown, jobId: string): unknown {
  if (details === null) return { job_id: jobId };
  if (typeof details === 'object' && !Array.isArray(details)) return { ...details, job_id: jobId };
  return details;
}
