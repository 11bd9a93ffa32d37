import { ExecutionError } from '../errors';
import type { Plugin, PluginInput, PluginOutput } from './plugin';

const MAX_INPUT_KEYS = 64;

export function validateInput(plugin: Plugin, input: PluginInput): void {
  const keys = Object.keys(input);
  if (keys.length > MAX_INPUT_KEYS) {
    throw new ExecutionError({ code: 'INVALID_INPUT', message: `${plugin.name}: too many input keys (${keys.length})`, plugin: plugin.name, retryable: false });
  }
}

export function validateOutput(plugin: Plugin, output: PluginOutput): void {
  if (!Array.isArray(output.warnings) || typeof output.ok !== 'boolean') {
    throw new ExecutionError({ code: 'INVALID_OUTPUT', message: `${plugin.name}: malformed output`, plugin: plugin.name, retryable: false });
  }
}
