import { describe, expect, it } from 'vitest';
import { analyzeVirtual, summarize } from '../helpers/rule-program.js';

const PLUGIN = `export interface Plugin { readonly name: string; run(input: string): Promise<string>; }\n`;
const REGISTRY = `
export interface Metrics { runs: number; byPlugin: Map<string, { runs: number; tags: Set<string> }>; recent: string[] }
export interface Registry { state: 'open' | 'closed'; metrics: Metrics }
`;
const QUIET = { layers: [], rules: { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' } } as const;
const DATA_GUARD = {
  ...QUIET,
  guards: [{ name: 'registry', type: { name: 'Registry', from: 'src/registry.ts' }, members: ['state', 'metrics'], access: 'write' as const, allowIn: [] }],
};

/** `line messageId` of each finding in `file`, with the compile errors (asserted empty). */
function run(files: Record<string, string>, config: object = QUIET) {
  const { findings, errors } = analyzeVirtual('no-direct-plugin-run', { 'src/plugins/plugin.ts': PLUGIN, 'src/registry.ts': REGISTRY, ...files }, config);
  expect(errors).toEqual([]);
  return summarize(findings).map((entry) => entry.replace(/:\d+ /, ' '));
}

/** The 1-based lines of `code` that end with the marker comment. */
function marked(file: string, code: string, messageId: string): string[] {
  return code.split('\n').flatMap((line, index) => (line.endsWith('// flag') ? [`${file}:${index + 1} ${messageId}`] : []));
}

describe('escape analysis: upcasts of a guarded value (escapingUpcast)', () => {
  it('reports initialisers, assignments, arguments, returns, literals, spreads and casts at the flow site', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
interface Runnable { run(input: string): Promise<string> }
declare function use(target: Runnable): void;
declare function useAll(...targets: Runnable[]): void;
export function flows(plugin: Plugin, plugins: Plugin[]): Runnable {
  const direct: { run(input: string): Promise<string> } = plugin; // flag
  let later: Runnable;
  later = plugin; // flag
  use(plugin); // flag
  useAll(...plugins); // flag
  const list: Runnable[] = [plugin]; // flag
  const all: readonly Runnable[] = plugins; // flag
  const spread: Runnable[] = [...plugins]; // flag
  const held: { target: Runnable } = { target: plugin }; // flag
  const copy: Runnable = { ...plugin }; // flag
  void (plugin as Runnable); // flag
  void [direct, later, list, all, spread, held, copy];
  return plugin; // flag
}
`;
    expect(run({ 'src/services/flows.ts': code })).toEqual(marked('src/services/flows.ts', code, 'escapingUpcast'));
  });

  it('follows results of generic functions and containers by their stated return types', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
interface Runnable { run(input: string): Promise<string> }
declare function first<T>(items: readonly T[]): T;
declare function sumBy<T>(items: readonly T[], value: (item: T) => number): number;
declare function collect<T>(items: readonly T[], toRunner: (item: T) => Runnable): Runnable[];
declare function keepAll<T>(items: readonly T[], keep: (item: T) => T): T[];
declare class Shelf<T> { get(): T; main(): Plugin; size(): number; each(visit: (item: T) => void): void; map<U>(f: (item: T) => U): U[] }
export function results(plugins: Plugin[], shelf: Shelf<Plugin>, counts: Shelf<number>): void {
  const a: Runnable = first(plugins); // flag
  const b: Runnable = shelf.get(); // flag
  const c: Runnable = counts.main(); // flag
  const d: Runnable[] = shelf.map((p) => p); // flag
  const total: number = sumBy(plugins, (p) => p.name.length) + shelf.size() + counts.get() + sumBy(plugins, (p) => p.name.length);
  const runners = collect(plugins, (p) => p); // flag
  const kept = keepAll(plugins, (p) => p);
  shelf.each((p) => { const e: Runnable = p; void e; }); // flag
  void [a, b, c, d, total, runners, kept];
}
`;
    expect(run({ 'src/services/generic-results.ts': code })).toEqual(marked('src/services/generic-results.ts', code, 'escapingUpcast'));
  });

  it('judges calls of functions with inferred return types by what they return, and conditional and logical values by their operands', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
interface Runnable { run(input: string): Promise<string> }
class Holder {
  constructor(private readonly plugin: Plugin, private readonly fallback: Plugin | undefined) {}
  current() { return this.fallback ?? this.plugin; }
  label() { return this.plugin.name.toUpperCase(); }
  async later() { return this.current(); }
  all() { return [this.plugin]; }
  unknown(): unknown { return this.plugin; }
}
export async function inferred(holder: Holder, plugin: Plugin, other: Runnable, flag: boolean): Promise<void> {
  const a: Runnable = holder.current(); // flag
  const b: Runnable = await holder.later(); // flag
  const c: Runnable[] = holder.all(); // flag
  const d: Runnable = flag ? plugin : other; // flag
  const e: Runnable = (flag && plugin) || other; // flag
  const f: Runnable = holder.unknown() as Plugin; // flag
  const label: string = holder.label();
  void [a, b, c, d, e, f, label];
}
`;
    expect(run({ 'src/services/inferred.ts': code })).toEqual(marked('src/services/inferred.ts', code, 'escapingUpcast'));
  });

  it('does not report a plugin kept as Plugin, or put where run is not exposed, nor other values', () => {
    const code = `import type { Plugin } from '../plugins/plugin';
interface Runnable { run(input: string): Promise<string> }
declare function keep(target: Plugin): void;
declare function opaque(value: unknown): void;
declare function generic<T>(value: T): T;
export function stays(plugin: Plugin, other: Runnable): unknown[] {
  keep(plugin);
  opaque(plugin);
  const same: Plugin | undefined = plugin;
  const frozen: Readonly<Plugin> = plugin;
  const picked: Pick<Plugin, 'run'> = plugin;
  const named: { name: string } = plugin;
  const anything: object[] = [plugin];
  const runnable: Runnable = other;
  const fresh: Runnable = { run: async (input) => input };
  return [same, frozen, picked, named, anything, runnable, fresh, generic(plugin), new Set([plugin])];
}
`;
    const namespaces = `import type { Plugin } from '../plugins/plugin';\nexport type P = Plugin;\nimport * as helpers from './helpers';\ndeclare function opaque(value: unknown): void;\nopaque(helpers);\nexport const all = [helpers];\n`;
    const helpers = `export const version = 1;\nexport function help(): number { return version; }\n`;
    expect(run({ 'src/services/stays.ts': code, 'src/services/helpers.ts': helpers, 'src/services/namespaces.ts': namespaces })).toEqual([]);
  });

  it('asks only in files whose imports reach the guarded type, transitively, and never in the sanctioned file', () => {
    const holder = `import type { Plugin } from './plugins/plugin';\nexport interface Holder { plugin: Plugin }\n`;
    const runnable = `export interface Runnable { run(input: string): Promise<string> }\nexport declare function use(target: Runnable): void;\n`;
    const reaching = `import type { Holder } from './holder';\nimport { use } from './runnable';\nexport const go = (h: Holder) => use(h.plugin); // flag\n`;
    const runner = `import type { Plugin } from '../plugin';\nimport type { Runnable } from '../../runnable';\nexport const toRunnable = (plugin: Plugin): Runnable => plugin;\n`;
    const files = { 'src/holder.ts': holder, 'src/runnable.ts': runnable, 'src/reaching.ts': reaching, 'src/plugins/runtime/tool-runner.ts': runner };
    expect(run(files)).toEqual(marked('src/reaching.ts', reaching, 'escapingUpcast'));
  });
});

describe('data-write guards: every mutation', () => {
  it('reports mutating collection methods, aliases, destructuring and for…of targets, and calls in the chain', () => {
    const code = `import type { Registry } from '../registry';
export function writes(registry: Registry, id: string, snapshot: { runs: number }): void {
  registry.metrics.byPlugin.set(id, { runs: 0, tags: new Set() }); // flag
  registry.metrics.byPlugin.get(id)?.tags.add('x'); // flag
  registry.metrics.recent.splice(0, 1); // flag
  const m = registry.metrics;
  m.runs++; // flag
  const { metrics } = registry;
  metrics.recent.sort(); // flag
  ({ runs: registry.metrics.runs } = snapshot); // flag
  for (registry.state of ['open', 'closed'] as const) break; // flag
  registry.metrics.byPlugin.get(id)!.runs++; // flag
}
`;
    expect(run({ 'src/services/writes.ts': code }, DATA_GUARD)).toEqual(marked('src/services/writes.ts', code, 'forbiddenWrite'));
  });

  it('does not report reads, copies, reads through aliases, or other types of the same shape', () => {
    const code = `import type { Metrics, Registry } from '../registry';
export function reads(registry: Registry, id: string, lookalike: { metrics: Metrics }): number {
  const sorted = registry.metrics.recent.slice().sort();
  const reversed = [...registry.metrics.recent].reverse();
  const m = registry.metrics;
  const total = m.runs + (m.byPlugin.get(id)?.runs ?? 0);
  const copy = { ...registry.metrics };
  copy.runs++;
  lookalike.metrics.recent.push(id);
  lookalike.metrics.runs++;
  return total + sorted.length + reversed.length + (registry.state === 'open' ? 1 : 0);
}
`;
    expect(run({ 'src/services/reads.ts': code }, DATA_GUARD)).toEqual([]);
  });
});

describe('createImportReach', () => {
  it('follows imports and re-exports (type-only too) backwards from the declaring file', async () => {
    const { createInMemoryContext, createInMemoryProgram, PROJECT_DIR } = await import('./in-memory-program.js');
    const { createImportReach } = await import('../../src/types/import-reach.js');
    const program = createInMemoryProgram({
      'src/plugins/plugin.ts': PLUGIN,
      'src/barrel.ts': `export type { Plugin } from './plugins/plugin';\n`,
      'src/direct.ts': `import type { Plugin } from './plugins/plugin';\nexport type P = Plugin;\n`,
      'src/through-barrel.ts': `import type { Plugin } from './barrel';\nexport type P = Plugin;\n`,
      'src/two-steps.ts': `import type { P } from './direct';\nexport type Q = P;\n`,
      'src/dynamic.ts': `export type Lazy = import('./plugins/plugin').Plugin;\n`,
      'src/unrelated.ts': `import type { Q } from './leaf';\nexport type R = Q;\n`,
      'src/leaf.ts': `export type Q = number;\n`,
    });
    const file = (name: string) => program.getSourceFile(`${PROJECT_DIR}/${name}`)!;
    const reaches = createImportReach(createInMemoryContext(program), new Set([file('src/plugins/plugin.ts')]));
    const reached = ['direct', 'through-barrel', 'two-steps', 'dynamic', 'barrel', 'unrelated', 'leaf'].filter((name) => reaches(file(`src/${name}.ts`)));
    expect(reached).toEqual(['direct', 'through-barrel', 'two-steps', 'dynamic', 'barrel']);
  });
});
