import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.js';
import { builtinPlugins } from '../../src/plugins/builtin/index.js';
import type { Plugin } from '../../src/plugins/plugin.js';
import { PluginRegistry } from '../../src/plugins/registry.js';
import { ToolRunner } from '../../src/plugins/runtime/tool-runner.js';
import { testingPlugins } from '../../src/plugins/testing/index.js';

/** A registry with `plugins` registered and initialized. */
export function registryWith(plugins: Plugin[]): PluginRegistry {
  const registry = new PluginRegistry();
  for (const plugin of plugins) registry.register(plugin);
  registry.initializeAll();
  return registry;
}

/** A real ToolRunner over a real registry. */
export function runnerWith(plugins: Plugin[], defaultTimeoutMs?: number): { registry: PluginRegistry; runner: ToolRunner } {
  const registry = registryWith(plugins);
  return { registry, runner: new ToolRunner({ registry, defaultTimeoutMs }) };
}

/** Every built-in and testing plugin. */
export function allPlugins(): Plugin[] {
  return [...builtinPlugins(), ...testingPlugins()];
}

/** The real app with every plugin, silent, and a short shutdown deadline. */
export function testApp(deps: AppDeps = {}): Promise<FastifyInstance> {
  return buildApp({ plugins: allPlugins(), shutdownDeadlineMs: 1_000, ...deps });
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The ISO 8601 UTC shape the envelope promises. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
