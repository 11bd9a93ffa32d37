import { createErrorEnvelope, RuntimeError, type ErrorEnvelope } from '../../errors.js';
import type { Plugin } from '../plugin.js';
import { isPlainObject, validateWithSchema } from '../schema.js';

/** Checks a payload against the plugin's input schema; never throws. */
export async function validateInput(plugin: Plugin, payload: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorEnvelope }> {
  try {
    const checked = await validateWithSchema(plugin.inputSchema, payload);
    if (checked.ok) return checked;
    return {
      ok: false,
      error: createErrorEnvelope('ValidationError', `Invalid input for plugin "${plugin.name}".`, {
        details: { issues: checked.issues },
        plugin: plugin.name,
      }),
    };
  } catch (thrown) {
    // A schema that throws is the plugin's bug, not the caller's.
    const stack = thrown instanceof Error ? (thrown.stack ?? null) : null;
    return {
      ok: false,
      error: createErrorEnvelope('PluginError', `Input schema of plugin "${plugin.name}" threw.`, { plugin: plugin.name, stack }),
    };
  }
}

/** Output must be a plain object passing the output schema; otherwise throws a PluginError. */
export async function validateOutput(plugin: Plugin, output: unknown): Promise<Record<string, unknown>> {
  if (!isPlainObject(output)) {
    throw new RuntimeError('PluginError', `Plugin "${plugin.name}" returned ${kindOf(output)}; expected a plain object.`, {
      plugin: plugin.name,
      details: { received: kindOf(output) },
    });
  }
  const checked = await validateWithSchema(plugin.outputSchema, output);
  if (!checked.ok) {
    throw new RuntimeError('PluginError', `Plugin "${plugin.name}" returned output that fails its output schema.`, {
      plugin: plugin.name,
      details: { issues: checked.issues },
    });
  }
  // The schema may transform; a transform that yields a non-object is still a contract breach.
  if (!isPlainObject(checked.value)) {
    throw new RuntimeError('PluginError', `Output schema of plugin "${plugin.name}" produced ${kindOf(checked.value)}.`, {
      plugin: plugin.name,
    });
  }
  return checked.value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'a class'}`;
  return `a ${typeof value}`;
}
