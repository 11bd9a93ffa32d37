import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';

export abstract class BasePlugin implements Plugin {
  abstract readonly name: string;
  abstract readonly version: string;
  readonly capabilities: readonly string[] = ['analyze'];

  abstract run(input: PluginInput, context: PluginContext): Promise<PluginOutput>;

  protected ok(data: Record<string, unknown>, warnings: string[] = []): PluginOutput {
    return { ok: true, data, warnings };
  }

  protected fail(reason: string): PluginOutput {
    return { ok: false, data: {}, warnings: [reason] };
  }
}
