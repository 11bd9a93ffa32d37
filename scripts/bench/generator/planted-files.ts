import { planted, type GeneratedFile } from './file.js';

/**
 * Violations written the way people write them when not trying to be caught: a fast path, a
 * detached method, a callback, an ops reset, a route that skips two layers. (The sixth, a
 * forbidden lifecycle state, sits in registry.ts.) Each marked line must give exactly one finding.
 */
export function plantedFiles(): GeneratedFile[] {
  return [
    {
      path: 'src/modules/legacy/shortcuts.ts',
      text: `import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../../plugins/plugin';
import type { PluginRegistry } from '../../plugins/registry';

/** Pre-ToolRunner fast path, kept "temporarily": no validation, no metrics, no envelope. */
export async function runDirect(plugin: Plugin, input: PluginInput, context: PluginContext): Promise<PluginOutput> {
  return plugin.run(input, context); ${planted('no-direct-plugin-run')}
}

export function detachRun(registry: PluginRegistry, name: string): Plugin['run'] {
  const { run } = registry.require(name).plugin; ${planted('no-direct-plugin-run')}
  return run;
}

export async function warmUp(plugins: readonly Plugin[], context: PluginContext): Promise<number> {
  const outputs = await Promise.all(plugins.map((p) => p.run({ warmUp: true }, context))); ${planted('no-direct-plugin-run')}
  return outputs.filter((output) => output.ok).length;
}
`,
    },
    {
      path: 'src/modules/legacy/status.ts',
      text: `import type { PluginRegistry } from '../../plugins/registry';

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
    record.metrics.failures = 0; ${planted('no-direct-plugin-run')}
    reset += 1;
  }
  return reset;
}
`,
    },
    {
      path: 'src/api/routes/legacy-routes.ts',
      text: `import type { PluginExecutionService } from '../../services/execution/plugin-execution-service';
import { bodyItems, type Router } from '../http';

/** Skips the analysis and job layers: no import to see, only the call. */
export function registerLegacyRoutes(router: Router, executions: PluginExecutionService): void {
  router.post('/legacy/execute', async (request) => {
    const input = { items: bodyItems(request) };
    const output = await executions.execute({ plugin: request.params['plugin'] ?? 'unknown', input, requestId: request.requestId, tenant: request.tenant }); ${planted('no-layer-bypass')}
    return { status: output.ok ? 200 : 422, body: output };
  });
}
`,
    },
  ];
}
