import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, type ConfigInput } from '../../src/index.js';
import { compileErrors, createInMemoryContext, createInMemoryProgram, PROJECT_DIR } from '../types/in-memory-program.js';

const PLUGIN = `
export interface PluginInput { [key: string]: unknown }
export interface Plugin {
  readonly name: string;
  run(input: PluginInput): Promise<unknown>;
}
`;

const RECORD = `
export interface PluginRecord { name: string; state: string; metrics: { runs: number } }
`;

/** Only this rule, other rules quiet, so cases speak about it alone. */
const QUIET: ConfigInput = { layers: [], rules: { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' } };

interface Seen {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  messageId: string;
}

/** Findings of the rule on `file` in a project holding the default plugin and registry files. */
function lint(files: Record<string, string>, config: ConfigInput = {}) {
  const all = { 'src/plugins/plugin.ts': PLUGIN, 'src/plugins/registry.ts': RECORD, ...files };
  const program = createInMemoryProgram(all);
  expect(compileErrors(program)).toEqual([]);
  const ctx = createInMemoryContext(program, { ...QUIET, ...config });
  const findings = Object.keys(files).flatMap((name) =>
    analyzeSourceFile(ctx, program.getSourceFile(path.posix.join(PROJECT_DIR, name))!, { rules: ['no-direct-plugin-run'] }),
  );
  return findings.map((f) => ({
    finding: f,
    seen: { file: path.posix.relative(PROJECT_DIR, f.file), line: f.line, column: f.column, endColumn: f.endColumn, messageId: f.messageId } satisfies Seen,
  }));
}

/**
 * The finding expected on the token `needle` starts with (an identifier or a quoted key), at its
 * `occurrence`-th match in `text`.
 */
function at(file: string, text: string, needle: string, messageId: string, occurrence = 1): Seen {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index === -1) throw new Error(`"${needle}" not in the case`);
  const before = text.slice(0, index).split('\n');
  const column = before[before.length - 1]!.length + 1;
  const token = /^(?:'[^']*'|[A-Za-z_$][\w$]*)/.exec(needle)![0];
  return { file, line: before.length, column, endColumn: column + token.length, messageId };
}

const seen = (results: ReturnType<typeof lint>) => results.map((r) => r.seen);

describe('no-direct-plugin-run', () => {
  it('reports every call form of Plugin.run on the member name', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
export async function go(p: Plugin, maybe: Plugin | undefined, map: Map<string, Plugin>) {
  await p.run({});
  await maybe?.run({});
  await p.run?.({});
  await p['run']({});
  await map.get('x')!.run({});
  await p.run.call(p, {});
  await Reflect.apply(p.run, p, [{}]);
  return [p].map((q) => q.run({}));
}
`;
    const file = 'src/services/calls.ts';
    expect(seen(lint({ [file]: code }))).toEqual([
      at(file, code, 'run({});', 'directUse', 1),
      at(file, code, 'run({});', 'directUse', 2),
      at(file, code, 'run?.', 'directUse'),
      at(file, code, "'run'", 'directUse'),
      at(file, code, 'run({});', 'directUse', 3),
      at(file, code, 'run.call', 'directUse'),
      at(file, code, 'run, p, [{}]', 'directUse'),
      at(file, code, 'run({}))', 'directUse'),
    ]);
  });

  it('reports escaping references and destructuring under escapingReference', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
export function leak(p: Plugin, list: Plugin[]) {
  const f = p.run;
  const { run } = p;
  const { run: alias } = p;
  let later: Plugin['run'];
  ({ run: later } = p);
  for (const { run: each } of list) void each;
  const bound = p.run.bind(p);
  const got = Reflect.get(p, 'run');
  return [f, run, alias, later, bound, got];
}
export const param = ({ run }: Plugin) => run;
`;
    const file = 'src/services/leak.ts';
    expect(seen(lint({ [file]: code }))).toEqual([
      at(file, code, 'run;', 'escapingReference'),
      at(file, code, 'run } = p', 'escapingReference'),
      at(file, code, 'run: alias', 'escapingReference'),
      at(file, code, 'run: later', 'escapingReference'),
      at(file, code, 'run: each', 'escapingReference'),
      at(file, code, 'run.bind', 'escapingReference'),
      at(file, code, "'run')", 'escapingReference'),
      at(file, code, 'run }: Plugin', 'escapingReference'),
    ]);
  });

  it('finds keys by their checked type: constants, literal parameters, narrowing, imported constants', () => {
    const keys = `export const KEY = 'run' as const;\n`;
    const code = `import type { Plugin } from '../plugins/plugin';
import { KEY } from './keys';
export function keyed(p: Plugin, key: string, union: 'run' | 'name', other: 'name') {
  p[KEY]({});
  if (key === 'run') p[key]({});
  const value = p[union];
  return [value, p[other]];
}
`;
    const file = 'src/services/keyed.ts';
    expect(seen(lint({ 'src/services/keys.ts': keys, [file]: code }))).toEqual([
      at(file, code, 'KEY]', 'directUse'),
      at(file, code, 'key]({})', 'directUse'),
      at(file, code, 'union]', 'escapingReference'),
    ]);
  });

  it('still checks a file whose text never names the member (the key comes from elsewhere)', () => {
    const keys = `export const KEY = 'run' as const;\n`;
    const code = `import type { Plugin } from '../plugins/plugin';\nimport { KEY } from './keys';\nexport const go = (p: Plugin) => p[KEY]({});\n`;
    const file = 'src/services/nameless.ts';
    expect(code).not.toContain('run');
    expect(seen(lint({ 'src/services/keys.ts': keys, [file]: code }))).toEqual([at(file, code, 'KEY]', 'directUse')]);
  });

  it('reports writes of a method under forbiddenWrite, including Object.assign sources', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
export function patch(p: Plugin, overrides: Partial<Plugin>) {
  p.run = async () => 1;
  Object.assign(p, { run: async () => 2 });
  Object.assign(p, overrides);
  Object.assign(p, { name: 'x' });
}
`;
    const file = 'src/services/patch.ts';
    const results = seen(lint({ [file]: code }));
    expect(results).toEqual([
      at(file, code, 'run = async', 'forbiddenWrite'),
      at(file, code, 'run: async', 'forbiddenWrite'),
      at(file, code, 'overrides);', 'forbiddenWrite'),
    ]);
  });

  it('names the member, the type, the guard and the sanctioned files in the message data', () => {
    const file = 'src/services/one.ts';
    const [result] = lint({ [file]: `import type { Plugin } from '../plugins/plugin';\nexport const go = (p: Plugin) => p.run({});\n` });
    expect(result?.finding.data).toEqual({ member: 'run', type: 'Plugin', guard: 'plugin-run', allowIn: '**/src/plugins/runtime/tool-runner.ts' });
  });

  it('leaves declarations, implementations, self calls, type positions and value tests alone', () => {
    const code = `import type { Plugin, PluginInput } from '../plugin';
export class Echo implements Plugin {
  readonly name = 'echo';
  async run(input: PluginInput) { return input; }
  async twice(input: PluginInput) { await this.run(input); return this['run'](input); }
}
export class Loud extends Echo {
  override async run(input: PluginInput) { return super.run(input); }
}
export const literal: Plugin = { name: 'l', run: async (i) => i };
export const checked = { name: 'c', async run(i: PluginInput) { return i; } } satisfies Plugin;
export type RunFn = Plugin['run'];
declare const p: Plugin;
export let same: typeof p.run;
export const ok = typeof p.run === 'function' && p.run !== undefined && 'run' in p;
export const name = p.name;
`;
    expect(seen(lint({ 'src/plugins/builtin/echo.ts': code }))).toEqual([]);
  });

  it('reports presence checks only with rules.reportPresenceChecks', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
export function ready(p: Plugin): boolean {
  if (!p.run) return false;
  return typeof p.run === 'function' && p.run != null;
}
`;
    const file = 'src/services/ready.ts';
    expect(seen(lint({ [file]: code }))).toEqual([]);
    expect(seen(lint({ [file]: code }, { rules: { ...QUIET.rules, reportPresenceChecks: true } }))).toEqual([
      at(file, code, 'run) return', 'presenceCheck'),
      at(file, code, 'run ===', 'presenceCheck'),
      at(file, code, 'run != null', 'presenceCheck'),
    ]);
  });

  it('ignores other types with a run member, even structurally identical ones', () => {
    const code = `import type { PluginInput } from '../plugins/plugin';
class Statement { run(...params: unknown[]) { return params.length; } }
interface Plugin { run(input: PluginInput): Promise<unknown> }
const fake = { name: 'fake', async run(input: PluginInput) { return input; } };
export async function decoys(db: { prepare(sql: string): Statement }, local: Plugin, shape: { run(i: PluginInput): Promise<unknown> }) {
  db.prepare('x').run(1);
  await local.run({});
  await fake.run({});
  const { run } = shape;
  return [run, shape['run']];
}
`;
    expect(seen(lint({ 'src/services/decoys.ts': code }))).toEqual([]);
  });

  it('reads of a guarded member name from a module namespace are not uses, and never stop the file', () => {
    const code = `import * as pluginModule from '../plugins/plugin';
import type { Plugin } from '../plugins/plugin';
export const run = 1;
export const fromNamespace = (pluginModule as unknown as { run?: unknown }).run;
export async function fromDynamicImport() { return (await import('./namespace')).run; }
export const real = (p: Plugin) => p.run({});
`;
    const file = 'src/services/namespace.ts';
    expect(seen(lint({ [file]: code }))).toEqual([at(file, code, 'run({})', 'directUse')]);
  });

  it('allows everything in the sanctioned files', () => {
    const code = `import type { Plugin } from '../plugin';\nexport const go = (p: Plugin) => { const { run } = p; return [p.run({}), run]; };\n`;
    expect(seen(lint({ 'src/plugins/runtime/tool-runner.ts': code }))).toEqual([]);
    const file = 'src/plugins/runtime/other.ts';
    expect(seen(lint({ [file]: code })).map((s) => s.messageId)).toEqual(['escapingReference', 'directUse']);
  });

  it('reports receivers typed any only when reportUntyped is on', () => {
    const file = 'src/services/untyped.ts';
    const code = `export const go = (x: any) => x.run({});\n`;
    expect(seen(lint({ [file]: code }))).toEqual([]);
    expect(seen(lint({ [file]: code }, { rules: { ...QUIET.rules, reportUntyped: true } }))).toEqual([at(file, code, 'run({})', 'untypedReceiver')]);
  });

  it('for a write guard, reports mutation of the member or anything reached through it, and no reads', () => {
    const code = `import type { PluginRecord } from '../plugins/registry';
export function touch(rec: PluginRecord, list: PluginRecord[]) {
  rec.state = 'FAILED';
  rec.metrics.runs++;
  delete (rec as Partial<PluginRecord>).metrics;
  Object.assign(rec.metrics, { runs: 0 });
  list[0]!.metrics = { runs: 1 };
  const read = rec.state + rec.metrics.runs;
  const { metrics } = rec;
  return [read, metrics, Reflect.get(rec, 'state')];
}
`;
    const file = 'src/services/touch.ts';
    expect(seen(lint({ [file]: code }))).toEqual([
      at(file, code, "state = 'FAILED'", 'forbiddenWrite'),
      at(file, code, 'metrics.runs++', 'forbiddenWrite'),
      at(file, code, 'metrics;', 'forbiddenWrite'),
      at(file, code, 'metrics, { runs: 0 }', 'forbiddenWrite'),
      at(file, code, 'metrics = { runs: 1 }', 'forbiddenWrite'),
    ]);
  });

  it('applies every configured guard and reports a place once', () => {
    const tool = `export interface Tool { execute(input: unknown): Promise<unknown> }\n`;
    const code = `import type { Tool } from './tool';\nexport const go = (t: Tool) => t.execute(1);\n`;
    const guard = { type: { name: 'Tool', from: 'src/tools/tool.ts' }, members: ['execute'], allowIn: ['src/tool-executor.ts'] };
    const config: ConfigInput = {
      guards: [
        { name: 'first', ...guard },
        { name: 'second', ...guard },
      ],
    };
    const results = lint({ 'src/tools/tool.ts': tool, 'src/tools/use.ts': code }, config);
    expect(results.map((r) => [r.seen.messageId, r.finding.data.guard])).toEqual([['directUse', 'first']]);
    expect(seen(lint({ 'src/tools/tool.ts': tool, 'src/tool-executor.ts': code.replace('./tool', './tools/tool') }, config))).toEqual([]);
  });
});
