import { ExecutionError, toErrorEnvelope } from '../../errors';
import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';
import { recordMetrics, type PluginRegistry } from '../registry';
import { validateInput, validateOutput } from '../schema';

export class ToolRunner {
  constructor(private readonly registry: PluginRegistry) {}

  async run(name: string, input: PluginInput, context: PluginContext): Promise<PluginOutput> {
    const record = this.registry.require(name);
    const plugin: Plugin = record.plugin;
    const started = Date.now();
    let ok = false;
    validateInput(plugin, input);
    record.state = 'RUNNING';
    try {
      const output = await plugin.run(input, context);
      validateOutput(plugin, output);
      ok = true;
      record.state = 'INITIALIZED';
      return output;
    } catch (error) {
      record.state = 'FAILED';
      throw new ExecutionError(toErrorEnvelope(plugin.name, error));
    } finally {
      recordMetrics(record, Date.now() - started, ok);
    }
  }
}
