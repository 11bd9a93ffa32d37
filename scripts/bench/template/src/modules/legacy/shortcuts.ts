import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../../plugins/plugin';
import type { PluginRegistry } from '../../plugins/registry';

/** Pre-ToolRunner fast path, kept "temporarily": no validation, no metrics, no envelope. */
export async function runDirect(plugin: Plugin, input: PluginInput, context: PluginContext): Promise<PluginOutput> {
  return plugin.run(input, context); // expect: no-direct-plugin-run
}

export function detachRun(registry: PluginRegistry, name: string): Plugin['run'] {
  const { run } = registry.require(name).plugin; // expect: no-direct-plugin-run
  return run;
}

export async function warmUp(plugins: readonly Plugin[], context: PluginContext): Promise<number> {
  const outputs = await Promise.all(plugins.map((p) => p.run({ warmUp: true }, context))); // expect: no-direct-plugin-run
  return outputs.filter((output) => output.ok).length;
}
