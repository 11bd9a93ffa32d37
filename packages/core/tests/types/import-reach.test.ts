import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTypeMatcher } from '../../src/types/type-matcher.js';
import { analyzeVirtual, summarize } from '../helpers/rule-program.js';
import { PROJECT_DIR, compileErrors, createInMemoryContext, createInMemoryProgram } from './in-memory-program.js';

// A guard applies to a file only where a value of its type can appear: the file's module
// references, followed transitively, reach a declaration of the type, or a file in the global
// scope does. These cases are every way a type reaches a file without an import of its module.

const PLUGIN = `export interface Plugin { readonly name: string; run(input: string): Promise<string>; }\n`;
const QUIET = { layers: [], rules: { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' } } as const;
const PLUGIN_GUARD = {
  ...QUIET,
  guards: [{ name: 'plugin-run', type: { name: 'Plugin', from: 'src/plugins/plugin.ts' }, members: ['run'], access: 'any' as const, allowIn: [] }],
};
// A decoy with the same member name, in a file that reaches nothing guarded.
const DECOY = `export class Statement { run(sql: string): number { return sql.length; } }
export function decoy(statement: Statement): number { return statement.run('select 1'); }
`;

/** `file:line messageId` of the rule's findings over `files` (which must compile). */
function findings(files: Record<string, string>, config: object = PLUGIN_GUARD, options = {}): string[] {
  const result = analyzeVirtual('no-direct-plugin-run', { 'src/plugins/plugin.ts': PLUGIN, ...files }, config, options);
  expect(result.errors).toEqual([]);
  return summarize(result.findings).map((entry) => entry.replace(/:\d+ /, ' '));
}

/** Whether the Plugin guard's type may appear in each file, by the matcher's reach test. */
function reach(files: Record<string, string>): Record<string, boolean> {
  const program = createInMemoryProgram({ 'src/plugins/plugin.ts': PLUGIN, ...files });
  expect(compileErrors(program)).toEqual([]);
  const matcher = createTypeMatcher(createInMemoryContext(program), { name: 'Plugin', from: 'src/plugins/plugin.ts' });
  return Object.fromEntries(Object.keys(files).map((name) => [name, matcher.mayAppearIn(program.getSourceFile(path.posix.join(PROJECT_DIR, name))!)]));
}

describe('guard reach: which files a guarded type can appear in', () => {
  it('follows imports, type-only imports, re-exports and import types transitively, and nothing else', () => {
    expect(
      reach({
        'src/db/statement.ts': DECOY,
        'src/barrel.ts': `export * from './plugins/plugin';\n`,
        'src/via-barrel.ts': `import type { Plugin } from './barrel';\nexport const first = (ps: Plugin[]) => ps[0];\n`,
        'src/via-helper.ts': `import { first } from './via-barrel';\nexport const pick = first;\n`,
        'src/import-type.ts': `export type Runner = import('./plugins/plugin').Plugin;\n`,
        'src/unrelated.ts': `import { decoy } from './db/statement';\nexport const again = decoy;\n`,
      }),
    ).toEqual({
      'src/db/statement.ts': false,
      'src/barrel.ts': true,
      'src/via-barrel.ts': true,
      'src/via-helper.ts': true,
      'src/import-type.ts': true,
      'src/unrelated.ts': false,
    });
  });

  it('reports a decoy in a file that reaches nothing guarded only when untyped receivers are reported', () => {
    const files = { 'src/db/statement.ts': DECOY, 'src/db/untyped.ts': `export function untyped(x: any): unknown { return x.run('a'); }\n` };
    expect(findings(files)).toEqual([]);
    expect(findings(files, { ...PLUGIN_GUARD, rules: { ...PLUGIN_GUARD.rules, reportUntyped: true } })).toEqual(['src/db/untyped.ts:1 untypedReceiver']);
  });

  it('counts every file once a global declaration reaches the type (declare global)', () => {
    const files = {
      'src/host/globals.ts': `import type { Plugin } from '../plugins/plugin';\ndeclare global { var hostPlugin: Plugin | undefined; }\nexport {};\n`,
      'src/app/uses-global.ts': `export async function viaGlobal(): Promise<void> {\n  await globalThis.hostPlugin?.run('x');\n}\n`,
    };
    expect(findings(files)).toEqual(['src/app/uses-global.ts:2 directUse']);
  });

  it('counts every file once a script declaration file reaches the type (an import type in an ambient declaration)', () => {
    const files = {
      'src/types/ambient.d.ts': `declare const ambientPlugins: ReadonlyArray<import('../plugins/plugin').Plugin>;\n`,
      'src/app/uses-ambient.ts': `export async function viaAmbient(): Promise<void> {\n  await ambientPlugins[0]?.run('y');\n}\n`,
    };
    expect(findings(files)).toEqual(['src/app/uses-ambient.ts:2 directUse']);
  });

  it('counts every file once a module augmentation reaches the type', () => {
    const files = {
      'src/host/host.ts': `export interface Host { readonly name: string }\n`,
      'src/host/augment.ts': `import type { Plugin } from '../plugins/plugin';\ndeclare module './host' { interface Host { plugin: Plugin } }\n`,
      'src/app/uses-host.ts': `import type { Host } from '../host/host';\nexport async function viaHost(host: Host): Promise<void> {\n  await host.plugin.run('z');\n}\n`,
    };
    expect(findings(files)).toEqual(['src/app/uses-host.ts:3 directUse']);
  });

  it("reaches a guarded alias's union member declared in a file of its own", () => {
    const config = {
      ...QUIET,
      guards: [{ name: 'tool', type: { name: 'Tool', from: 'src/ai/tool.ts' }, members: ['execute'], access: 'any' as const, allowIn: [] }],
    };
    const files = {
      'src/ai/function-tool.ts': `export interface FunctionTool { type: 'function'; execute(input: unknown): Promise<unknown> }\n`,
      'src/ai/tool.ts': `import type { FunctionTool } from './function-tool';\nexport type Tool = FunctionTool | { type: 'inline'; execute(): void };\n`,
      'src/app/member-only.ts': `import type { FunctionTool } from '../ai/function-tool';\nexport async function call(tool: FunctionTool): Promise<void> {\n  await tool.execute({});\n}\n`,
    };
    expect(findings(files, config)).toEqual(['src/app/member-only.ts:3 directUse']);
  });

  it('follows a JSDoc @import and require() in checked JavaScript', () => {
    const options = { allowJs: true, checkJs: true };
    const files = {
      'src/app/jsdoc.js': `/** @import { Plugin } from '../plugins/plugin' */\n/** @param {Plugin} plugin */\nexport function viaJsDoc(plugin) {\n  return plugin.run('a');\n}\n`,
      'src/app/factory.js': `/** @returns {import('../plugins/plugin').Plugin} */\nexport function make() { return { name: 'n', run: async (input) => input }; }\n`,
      'src/app/required.js': `const { make } = require('./factory.js');\nmodule.exports = () => make().run('b');\n`,
    };
    expect(findings(files, PLUGIN_GUARD, options)).toEqual(['src/app/jsdoc.js:4 directUse', 'src/app/required.js:2 directUse']);
  });
});
