import { createErrorEnvelope, RuntimeError, toErrorEnvelope, type ErrorEnvelope } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import { canTransition, type PluginLifecycleState } from '../plugin.js';
import type { PluginRecord, PluginRegistry } from '../registry.js';
import { validateInput, validateOutput } from './validation.js';

/** Default per-run timeout when a plugin sets none. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** One execution request. */
export interface RunRequest {
  plugin: string;
  payload: unknown;
  jobId: string;
  /** Aborting it (job cancel, shutdown) aborts the plugin's signal. */
  signal?: AbortSignal;
}

/** What `run` resolves to; it never rejects. */
export type RunResult = { ok: true; result: Record<string, unknown> } | { ok: false; error: ErrorEnvelope };

/** One finished run, as reported to `onRunRecorded`. */
export interface RunRecord {
  plugin: string;
  jobId: string;
  ok: boolean;
  durationMs: number;
  /** ISO 8601 UTC. */
  finishedAt: string;
}

/** Options for ToolRunner. */
export interface ToolRunnerOptions {
  registry: PluginRegistry;
  logger?: Logger;
  defaultTimeoutMs?: number;
  /**
   * Told of every finished run, synchronously, right after the local metrics are updated: a
   * worker process forwards it to the metrics every process shares.
   */
  onRunRecorded?: (run: RunRecord) => void;
}

/** The only caller of `plugin.run`: validation, lifecycle, timeout, error envelope and metrics. */
export class ToolRunner {
  readonly #registry: PluginRegistry;
  readonly #logger: Logger;
  readonly #defaultTimeoutMs: number;
  readonly #onRunRecorded: ((run: RunRecord) => void) | undefined;
  // Concurrent runs of one plugin: the state leaves RUNNING only when the last one ends.
  readonly #inFlight = new Map<string, number>();

  constructor(options: ToolRunnerOptions) {
    this.#registry = options.registry;
    this.#logger = options.logger ?? silentLogger;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#onRunRecorded = options.onRunRecorded;
  }

  /** Runs one plugin; resolves to a result or an error envelope, never throws. */
  async run(request: RunRequest): Promise<RunResult> {
    const record = this.#registry.recordFor(request.plugin);
    const refusal = refuse(record, request);
    if (refusal !== null || record === undefined) {
      return { ok: false, error: refusal ?? createErrorEnvelope('NotFoundError', 'Unknown plugin.') };
    }
    const { plugin } = record;
    const input = await validateInput(plugin, request.payload);
    if (!input.ok) return { ok: false, error: input.error };
    // Validation may be async: the plugin can have been disabled, or the job cancelled, meanwhile.
    const lateRefusal = refuse(record, request);
    if (lateRefusal !== null) return { ok: false, error: lateRefusal };

    const logger = this.#logger.child({ plugin: plugin.name, jobId: request.jobId });
    const controller = new AbortController();
    const unlink = linkAbort(controller, request.signal, plugin.timeoutMs ?? this.#defaultTimeoutMs, plugin.name);
    this.#begin(record);
    const startedAt = performance.now();
    let succeeded = false;
    try {
      const pending = plugin.run(input.value, { signal: controller.signal, logger, jobId: request.jobId });
      const output = await untilAborted(pending, controller.signal);
      const result = await validateOutput(plugin, output);
      succeeded = true;
      return { ok: true, result };
    } catch (thrown) {
      const envelope = toErrorEnvelope(thrown, plugin.name);
      logger.warn({ err: envelope.error, stack: envelope._internal.stack }, 'plugin run failed');
      return { ok: false, error: envelope };
    } finally {
      unlink();
      const remaining = (this.#inFlight.get(plugin.name) ?? 1) - 1;
      this.#inFlight.set(plugin.name, remaining);
      const durationMs = performance.now() - startedAt;
      recordMetrics(record, durationMs, succeeded, remaining > 0);
      this.#report({ plugin: plugin.name, jobId: request.jobId, ok: succeeded, durationMs, finishedAt: record.metrics.last_used ?? '' }, logger);
    }
  }

  /**
   * Checks a submission without running it: the plugin exists and is available, and the payload
   * passes its input schema. Jobs are validated here when they are queued, not when they start.
   */
  async check(plugin: string, payload: unknown): Promise<ErrorEnvelope | null> {
    const record = this.#registry.recordFor(plugin);
    const refusal = refuse(record, { plugin, payload, jobId: '' });
    if (refusal !== null || record === undefined) return refusal ?? createErrorEnvelope('NotFoundError', 'Unknown plugin.');
    const input = await validateInput(record.plugin, payload);
    return input.ok ? null : input.error;
  }

  #report(run: RunRecord, logger: Logger): void {
    try {
      this.#onRunRecorded?.(run);
    } catch (error) {
      // A failing metrics sink must not turn a finished run into a failed one.
      logger.error({ err: error }, 'run metrics sink failed');
    }
  }

  #begin(record: PluginRecord): void {
    this.#inFlight.set(record.plugin.name, (this.#inFlight.get(record.plugin.name) ?? 0) + 1);
    if (record.state !== 'RUNNING') moveTo(record, 'RUNNING');
  }
}

/** Updates counters and, when no other run is in flight, the lifecycle state. */
function recordMetrics(record: PluginRecord, durationMs: number, succeeded: boolean, othersRunning: boolean): void {
  const metrics = record.metrics;
  const rounded = Math.round(durationMs * 1000) / 1000;
  if (succeeded) metrics.success_count += 1;
  else metrics.error_count += 1;
  metrics.last_execution_time_ms = rounded;
  metrics.total_execution_time_ms += rounded;
  metrics.last_used = new Date().toISOString();
  // An operator may have made the plugin UNAVAILABLE meanwhile: that wins.
  if (!othersRunning && record.state === 'RUNNING') moveTo(record, succeeded ? 'INITIALIZED' : 'FAILED');
}

function moveTo(record: PluginRecord, to: PluginLifecycleState): void {
  if (!canTransition(record.state, to)) {
    throw new RuntimeError('ExecutionError', `Illegal lifecycle transition ${record.state} → ${to}.`, { plugin: record.plugin.name });
  }
  record.state = to;
}

/** Why a run must not start, or null. Unknown and UNAVAILABLE plugins are "not found". */
function refuse(record: PluginRecord | undefined, request: RunRequest): ErrorEnvelope | null {
  if (record === undefined) {
    return createErrorEnvelope('NotFoundError', `Unknown plugin "${request.plugin}".`, { plugin: request.plugin });
  }
  if (record.state === 'UNAVAILABLE') {
    return createErrorEnvelope('NotFoundError', `Plugin "${request.plugin}" is unavailable.`, {
      plugin: request.plugin,
      details: { reason: record.reason },
    });
  }
  if (record.state === 'LOADED') {
    return createErrorEnvelope('ExecutionError', `Plugin "${request.plugin}" is not initialized yet.`, { plugin: request.plugin });
  }
  if (request.signal?.aborted === true) return toErrorEnvelope(abortReason(request.signal), request.plugin, 'ExecutionError');
  return null;
}

/** Aborts `controller` on timeout or when `outer` aborts; returns the cleanup. */
function linkAbort(controller: AbortController, outer: AbortSignal | undefined, timeoutMs: number, plugin: string): () => void {
  const timer = setTimeout(() => {
    controller.abort(
      new RuntimeError('TimeoutError', `Plugin "${plugin}" did not finish within ${timeoutMs} ms.`, {
        plugin,
        details: { timeout_ms: timeoutMs },
      }),
    );
  }, timeoutMs);
  const onOuterAbort = (): void => controller.abort(abortReason(outer));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  return () => {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  };
}

function abortReason(signal: AbortSignal | undefined): RuntimeError {
  const reason: unknown = signal?.reason;
  if (reason instanceof RuntimeError) return reason;
  return new RuntimeError('ExecutionError', 'Execution was aborted.', { details: { reason: String(reason) } });
}

/** Settles like `value`, or rejects with the abort reason as soon as `signal` fires. */
function untilAborted<T>(value: T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(value).then(
      (settled) => {
        signal.removeEventListener('abort', onAbort);
        resolve(settled);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
