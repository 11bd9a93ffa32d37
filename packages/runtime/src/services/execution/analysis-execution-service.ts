import { RuntimeError } from '../../errors.js';
import type { PluginRegistry, PluginSnapshot } from '../../plugins/registry.js';
import type { JobExecutionService } from './job-execution-service.js';
import type { RunMetrics } from './job-queue.js';
import type { Job, JobStatus } from './job-store.js';

/** A request to analyse: run `plugin` on `payload`, waiting (sync) or not (async). */
export interface AnalysisRequest {
  plugin: string;
  payload: unknown;
  mode?: 'sync' | 'async';
}

/** Sync completes with the result; async hands back the queued job. */
export type AnalysisOutcome = { mode: 'sync'; plugin: string; result: Readonly<Record<string, unknown>>; job: Job } | { mode: 'async'; job: Job };

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
    const job = await this.#jobs.submit(request.plugin, request.payload);
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
  async getJob(id: string): Promise<Job> {
    const job = await this.#jobs.get(id);
    if (job === undefined) throw new RuntimeError('NotFoundError', `Unknown job "${id}".`);
    return job;
  }

  /** Jobs, optionally filtered by status. */
  listJobs(status?: JobStatus): Promise<Job[]> {
    return this.#jobs.list(status);
  }

  /** Cancels a job; NotFoundError when unknown. A finished job comes back unchanged. */
  async cancelJob(id: string): Promise<Job> {
    const job = await this.#jobs.cancel(id);
    if (job === undefined) throw new RuntimeError('NotFoundError', `Unknown job "${id}".`);
    return job;
  }

  /**
   * Every plugin with its state and metrics. With workers in other processes the metrics and the
   * RUNNING/FAILED state come from the totals they share, so the answer is exact with N workers.
   */
  async listPlugins(): Promise<PluginSnapshot[]> {
    const shared = await this.#jobs.runMetrics();
    const local = this.#registry.snapshots();
    return shared === null ? local : local.map((snapshot) => withSharedMetrics(snapshot, shared.get(snapshot.name)));
  }

  /** Liveness plus queue figures. */
  async health(): Promise<{ status: 'ok' | 'draining'; plugins: number; jobs: { pending: number; running: number } }> {
    const { pending, running, accepting } = await this.#jobs.stats();
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

/** A snapshot whose metrics and run state are the ones every worker shares. */
function withSharedMetrics(snapshot: PluginSnapshot, shared: RunMetrics | undefined): PluginSnapshot {
  // LOADED and UNAVAILABLE are decided by this process's registry; only run outcomes are shared.
  const governed = snapshot.state === 'LOADED' || snapshot.state === 'UNAVAILABLE';
  const runs = (shared?.success_count ?? 0) + (shared?.error_count ?? 0);
  const state = governed || shared === undefined ? snapshot.state : shared.running > 0 ? 'RUNNING' : shared.last_ok === false ? 'FAILED' : 'INITIALIZED';
  return Object.freeze({
    ...snapshot,
    state,
    metrics: Object.freeze({
      success_count: shared?.success_count ?? 0,
      error_count: shared?.error_count ?? 0,
      last_execution_time_ms: shared?.last_execution_time_ms ?? null,
      avg_execution_time_ms: runs === 0 || shared === undefined ? null : shared.total_execution_time_ms / runs,
      last_used: shared?.last_used ?? null,
      state,
    }),
  });
}
