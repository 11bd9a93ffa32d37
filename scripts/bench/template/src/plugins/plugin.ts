/** Lifecycle of a plugin as the registry tracks it. Outcomes (success, error) are metrics. */
export type PluginLifecycleState = 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE';

export type PluginInput = Readonly<Record<string, unknown>>;

export interface PluginOutput {
  readonly ok: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
}

export interface PluginContext {
  readonly requestId: string;
  readonly tenant: string;
  log(level: 'debug' | 'info' | 'warn', message: string): void;
}

/** A unit of analysis. Only ToolRunner may call run(): it validates, meters and wraps errors. */
export interface Plugin {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly string[];
  run(input: PluginInput, context: PluginContext): Promise<PluginOutput>;
}
