import { noDirectPluginRun } from '../../src/rules/no-direct-plugin-run.js';
import { createRuleTester, projectFile } from '../rule-tester.js';

const service = projectFile('src/services/execution/plugin-execution-service.ts');
const runner = projectFile('src/plugins/runtime/tool-runner.ts');

createRuleTester().run('no-direct-plugin-run', noDirectPluginRun, {
  valid: [
    {
      name: 'the ToolRunner (sanctioned file) calls Plugin.run',
      filename: runner,
      code: `
import type { Plugin } from '../plugin.js';
export async function runOnce(plugin: Plugin): Promise<string> {
  return plugin.run('x');
}
`,
    },
    {
      name: 'another type with a run method is not a plugin',
      filename: service,
      code: `
interface Statement { run(sql: string): number }
export function migrate(db: Statement): number {
  return db.run('select 1');
}
`,
    },
    {
      name: 'type-only positions do not use the member',
      filename: service,
      code: `
import type { Plugin } from '../../plugins/plugin.js';
export type RunFn = Plugin['run'];
`,
    },
    {
      name: 'reading registry metrics outside the runner is fine (the guard covers writes only)',
      filename: service,
      code: `
import type { PluginRegistry } from '../../plugins/registry.js';
export function failures(registry: PluginRegistry, name: string): number {
  return registry.get(name)?.metrics.failures ?? 0;
}
`,
    },
  ],
  invalid: [
    {
      name: 'a service calls run on a plugin from the registry, bypassing the runner',
      filename: service,
      code: `
import type { PluginRegistry } from '../../plugins/registry.js';
export function bypass(registry: PluginRegistry): Promise<string> | undefined {
  return registry.get('echo')?.plugin.run('hi');
}
`,
      errors: [{ messageId: 'directUse', line: 4 }],
    },
    {
      name: 'an aliased callback still calls the guarded member',
      filename: service,
      code: `
import type { Plugin } from '../../plugins/plugin.js';
export function all(plugins: Plugin[]) {
  const list = plugins;
  return list.map((p) => p.run('x'));
}
`,
      errors: [{ messageId: 'directUse', line: 5 }],
    },
    {
      name: 'a service writes a lifecycle state owned by the runner and the registry',
      filename: service,
      code: `
import type { PluginRegistry } from '../../plugins/registry.js';
export function disable(registry: PluginRegistry): void {
  const record = registry.get('echo');
  if (record) record.state = 'UNAVAILABLE';
}
`,
      errors: [{ messageId: 'forbiddenWrite', line: 5 }],
    },
    {
      name: 'a plugin passed on as a structural type with run escapes the guard at the upcast',
      filename: service,
      code: `
import type { PluginRegistry } from '../../plugins/registry.js';
interface Runnable { run(input: string): Promise<string> }
declare function later(target: Runnable): void;
export function upcast(registry: PluginRegistry): void {
  const plugin = registry.get('echo')?.plugin;
  if (plugin) later(plugin);
}
`,
      errors: [{ messageId: 'escapingUpcast', line: 7 }],
    },
    {
      name: 'registry metrics mutated through a local constant and a collection method',
      filename: service,
      code: `
import type { PluginRegistry } from '../../plugins/registry.js';
export function bump(registry: PluginRegistry): void {
  const record = registry.get('echo');
  if (!record) return;
  const metrics = record.metrics;
  metrics.runs++;
}
`,
      errors: [{ messageId: 'forbiddenWrite', line: 7 }],
    },
    {
      name: 'with reportUntyped, run read from an any-typed receiver is reported',
      filename: service,
      options: [{ rules: { reportUntyped: true } }],
      code: `
export function untyped(p: any): unknown {
  return p.run('x');
}
`,
      errors: [{ messageId: 'untypedReceiver', line: 3 }],
    },
  ],
});
