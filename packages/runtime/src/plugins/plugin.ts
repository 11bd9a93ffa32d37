import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Logger } from '../logger.js';

/** What a plugin gets besides its payload. */
export interface PluginContext {
  /** Aborted on timeout, job cancel or shutdown: long work should stop when it fires. */
  signal: AbortSignal;
  logger: Logger;
  jobId: string;
}

/** The plugin contract. Only ToolRunner may call `run`. */
export interface Plugin<Input = unknown, Output = unknown> {
  name: string;
  version: string;
  description: string;
  inputSchema: StandardSchemaV1<unknown, Input>;
  outputSchema: StandardSchemaV1<unknown, Output>;
  /** Overrides the runner's default timeout (30 s). */
  timeoutMs?: number;
  run(payload: Input, context: PluginContext): Output | Promise<Output>;
}

/** Lifecycle of a registered plugin. SUCCESS/ERROR are job outcomes and metrics, never states. */
export type PluginLifecycleState = 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE';

/** Allowed lifecycle transitions: from → the states it may move to. */
export const LIFECYCLE_TRANSITIONS: Readonly<Record<PluginLifecycleState, readonly PluginLifecycleState[]>> = {
  LOADED: ['INITIALIZED', 'UNAVAILABLE'],
  INITIALIZED: ['RUNNING', 'UNAVAILABLE'],
  // An operator may disable a plugin while runs are in flight; they finish, the state stays.
  RUNNING: ['INITIALIZED', 'FAILED', 'UNAVAILABLE'],
  FAILED: ['RUNNING', 'UNAVAILABLE'],
  UNAVAILABLE: ['INITIALIZED'],
};

/** True when `from → to` is in the transitions table. */
export function canTransition(from: PluginLifecycleState, to: PluginLifecycleState): boolean {
  return LIFECYCLE_TRANSITIONS[from].includes(to);
}

/** Identity helper that infers Input/Output from the schemas, so plugin files need no annotations. */
export function definePlugin<Input, Output>(plugin: Plugin<Input, Output>): Plugin<Input, Output> {
  return plugin;
}
