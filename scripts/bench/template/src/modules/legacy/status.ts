import type { PluginRegistry } from '../../plugins/registry';

export interface PluginStatusLine {
  readonly name: string;
  readonly state: string;
  readonly runs: number;
}

export function statusLines(registry: PluginRegistry): PluginStatusLine[] {
  return registry.list().map((record) => ({ name: record.plugin.name, state: record.state, runs: record.metrics.runs }));
}

/** Admin reset from an old ops script: writes metrics behind the runner's back. */
export function resetFailures(registry: PluginRegistry): number {
  let reset = 0;
  for (const record of registry.list()) {
    record.metrics.failures = 0; // expect: no-direct-plugin-run
    reset += 1;
  }
  return reset;
}
