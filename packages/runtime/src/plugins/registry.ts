import { RuntimeError } from '../errors.js';
import { canTransition, type Plugin, type PluginLifecycleState } from './plugin.js';
import { isStandardSchema } from './schema.js';

/** Running totals per plugin. Written only by ToolRunner. */
export interface PluginMetrics {
  success_count: number;
  error_count: number;
  last_execution_time_ms: number | null;
  total_execution_time_ms: number;
  /** ISO 8601 UTC of the last finished run, or null. */
  last_used: string | null;
}

/** The mutable per-plugin record. Only ToolRunner (and this registry, at registration) writes it. */
export interface PluginRecord {
  plugin: Plugin;
  state: PluginLifecycleState;
  metrics: PluginMetrics;
  /** Why the plugin is UNAVAILABLE, when it is. */
  reason: string | null;
}

/** What readers get: a frozen copy. */
export interface PluginSnapshot {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly timeout_ms: number | null;
  readonly state: PluginLifecycleState;
  readonly reason: string | null;
  readonly metrics: Readonly<{
    success_count: number;
    error_count: number;
    last_execution_time_ms: number | null;
    avg_execution_time_ms: number | null;
    last_used: string | null;
    state: PluginLifecycleState;
  }>;
}

/** Holds every plugin with its lifecycle state and metrics. */
export class PluginRegistry {
  readonly #records = new Map<string, PluginRecord>();

  /** Adds a plugin in state LOADED. A duplicate name is an error. */
  register(plugin: Plugin): void {
    if (typeof plugin?.name !== 'string' || plugin.name.length === 0) {
      throw new RuntimeError('ExecutionError', 'A plugin needs a non-empty string name.');
    }
    if (this.#records.has(plugin.name)) {
      throw new RuntimeError('ExecutionError', `Plugin "${plugin.name}" is already registered.`, { plugin: plugin.name });
    }
    this.#records.set(plugin.name, {
      plugin,
      state: 'LOADED',
      metrics: { success_count: 0, error_count: 0, last_execution_time_ms: null, total_execution_time_ms: 0, last_used: null },
      reason: null,
    });
  }

  /**
   * Checks each LOADED plugin's contract: a valid one becomes INITIALIZED, a broken one
   * UNAVAILABLE with a reason, so one bad plugin never takes the service down.
   */
  initializeAll(): void {
    for (const record of this.#records.values()) {
      if (record.state !== 'LOADED') continue;
      const problem = contractProblem(record.plugin);
      this.#move(record, problem === null ? 'INITIALIZED' : 'UNAVAILABLE');
      record.reason = problem;
    }
  }

  /** Operator switch: UNAVAILABLE plugins are refused by ToolRunner; in-flight runs finish. */
  setAvailable(name: string, available: boolean, reason = 'disabled by operator'): PluginSnapshot {
    const record = this.#recordOrThrow(name);
    if (available && record.state === 'UNAVAILABLE' && contractProblem(record.plugin) === null) {
      this.#move(record, 'INITIALIZED');
      record.reason = null;
    } else if (!available && record.state !== 'UNAVAILABLE') {
      this.#move(record, 'UNAVAILABLE');
      record.reason = reason;
    }
    return snapshotOf(record);
  }

  /** The plugin's snapshot, or undefined when unknown. */
  get(name: string): PluginSnapshot | undefined {
    const record = this.#records.get(name);
    return record === undefined ? undefined : snapshotOf(record);
  }

  /** The plugin's snapshot; NotFoundError when unknown. */
  getOrThrow(name: string): PluginSnapshot {
    return snapshotOf(this.#recordOrThrow(name));
  }

  /** Names of every registered plugin, in registration order. */
  list(): string[] {
    return [...this.#records.keys()];
  }

  /** Frozen snapshots of every plugin, in registration order. */
  snapshots(): PluginSnapshot[] {
    return [...this.#records.values()].map(snapshotOf);
  }

  /** The live, mutable record: for ToolRunner only (the registry-state guard enforces who writes it). */
  recordFor(name: string): PluginRecord | undefined {
    return this.#records.get(name);
  }

  #recordOrThrow(name: string): PluginRecord {
    const record = this.#records.get(name);
    if (record === undefined) throw new RuntimeError('NotFoundError', `Unknown plugin "${name}".`, { plugin: name });
    return record;
  }

  #move(record: PluginRecord, to: PluginLifecycleState): void {
    if (!canTransition(record.state, to)) {
      throw new RuntimeError('ExecutionError', `Illegal lifecycle transition ${record.state} → ${to}.`, {
        plugin: record.plugin.name,
      });
    }
    record.state = to;
  }
}

/** A frozen, JSON-ready copy of a record. */
export function snapshotOf(record: PluginRecord): PluginSnapshot {
  const { plugin, metrics, state } = record;
  const runs = metrics.success_count + metrics.error_count;
  return Object.freeze({
    name: plugin.name,
    version: String(plugin.version),
    description: String(plugin.description),
    timeout_ms: plugin.timeoutMs ?? null,
    state,
    reason: record.reason,
    metrics: Object.freeze({
      success_count: metrics.success_count,
      error_count: metrics.error_count,
      last_execution_time_ms: metrics.last_execution_time_ms,
      avg_execution_time_ms: runs === 0 ? null : metrics.total_execution_time_ms / runs,
      last_used: metrics.last_used,
      state,
    }),
  });
}

function contractProblem(plugin: Plugin): string | null {
  if (typeof plugin.version !== 'string' || typeof plugin.description !== 'string') {
    return 'version and description must be strings';
  }
  if (!isStandardSchema(plugin.inputSchema)) return 'inputSchema is not a Standard Schema';
  if (!isStandardSchema(plugin.outputSchema)) return 'outputSchema is not a Standard Schema';
  // `run` is deliberately not inspected here: only ToolRunner touches it, and a non-function
  // `run` surfaces there as a PluginError on the first call.
  const timeout = plugin.timeoutMs;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) return 'timeoutMs must be a positive number';
  return null;
}
