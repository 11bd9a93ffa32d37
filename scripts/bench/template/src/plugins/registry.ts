import { ExecutionError } from '../errors';
import type { Plugin, PluginLifecycleState } from './plugin';

export interface PluginMetrics {
  runs: number;
  failures: number;
  totalMs: number;
  lastOutcome: 'SUCCESS' | 'ERROR' | 'NONE';
}

export interface PluginRecord {
  readonly plugin: Plugin;
  state: PluginLifecycleState;
  metrics: PluginMetrics;
}

export class PluginRegistry {
  private readonly records = new Map<string, PluginRecord>();

  register(plugin: Plugin): PluginRecord {
    const record: PluginRecord = { plugin, state: 'LOADED', metrics: { runs: 0, failures: 0, totalMs: 0, lastOutcome: 'NONE' } };
    this.records.set(plugin.name, record);
    return record;
  }

  get(name: string): PluginRecord | undefined {
    return this.records.get(name);
  }

  require(name: string): PluginRecord {
    const record = this.records.get(name);
    if (!record) throw new ExecutionError({ code: 'NOT_FOUND', message: `no plugin named ${name}`, plugin: name, retryable: false });
    if (record.state === 'UNAVAILABLE') throw new ExecutionError({ code: 'UNAVAILABLE', message: `${name} is unavailable`, plugin: name, retryable: true });
    return record;
  }

  list(): readonly PluginRecord[] {
    return [...this.records.values()];
  }

  markUnavailable(name: string): void {
    const record = this.records.get(name);
    if (record) record.state = 'UNAVAILABLE';
  }

  /** Legacy batch hook: confuses the outcome metric with a lifecycle state. */
  markCompleted(name: string): void {
    this.require(name).state = 'SUCCESS' as unknown as PluginLifecycleState; // expect: valid-lifecycle-states
  }
}

export function recordMetrics(record: PluginRecord, elapsedMs: number, ok: boolean): void {
  record.metrics.runs += 1;
  record.metrics.totalMs += elapsedMs;
  if (!ok) record.metrics.failures += 1;
  record.metrics.lastOutcome = ok ? 'SUCCESS' : 'ERROR';
}
