import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createTypeMatcher } from '../../src/types/type-matcher.js';
import { compileErrors, createInMemoryContext, createInMemoryProgram, typeOfVariable } from './in-memory-program.js';

const PLUGIN_SPEC = { name: 'Plugin', from: 'src/plugins/plugin.ts' };

const pluginFile = `
export interface Plugin { name: string; run(input: unknown): Promise<unknown>; }
export enum PluginLifecycleState { LOADED = 'LOADED', RUNNING = 'RUNNING' }
export type PluginShape = { run(input: unknown): unknown };
export type Box<T> = { value: T; run(): T };
`;

function setup(files: Record<string, string>) {
  const program = createInMemoryProgram({ 'src/plugins/plugin.ts': pluginFile, ...files });
  expect(compileErrors(program)).toEqual([]);
  const ctx = createInMemoryContext(program);
  return { program, ctx, plugin: createTypeMatcher(ctx, PLUGIN_SPEC) };
}

describe('createTypeMatcher', () => {
  it('matches the declared interface, also through a renamed import and a re-export', () => {
    const { program, plugin } = setup({
      'src/index.ts': `export type { Plugin as PublicPlugin } from './plugins/plugin';`,
      'src/use.ts': `
        import type { Plugin as P } from './plugins/plugin';
        import type { PublicPlugin } from './index';
        declare const direct: P;
        declare const reexported: PublicPlugin;
        declare const list: PublicPlugin[];
        const element = list[0];`,
    });
    expect(plugin.matchesType(typeOfVariable(program, 'src/use.ts', 'direct'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/use.ts', 'reexported'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/use.ts', 'element'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/use.ts', 'list'))).toBe(false);
  });

  it('does not match a same-named or structurally identical type declared elsewhere', () => {
    const { program, plugin } = setup({
      'src/other.ts': `
        export interface Plugin { name: string; run(input: unknown): Promise<unknown>; }
        declare const lookalike: Plugin;
        const literal = { name: 'x', run: async (input: unknown) => input };
        declare const structural: { name: string; run(input: unknown): Promise<unknown> };`,
    });
    for (const name of ['lookalike', 'literal', 'structural']) {
      expect(plugin.matchesType(typeOfVariable(program, 'src/other.ts', name)), name).toBe(false);
    }
  });

  it('matches interfaces that extend it and classes that implement it, at any depth', () => {
    const { program, plugin } = setup({
      'src/impl.ts': `
        import type { Plugin } from './plugins/plugin';
        interface ToolPlugin extends Plugin { tool: true }
        interface NamedTool extends ToolPlugin { label: string }
        class Echo implements Plugin { name = 'echo'; async run(input: unknown) { return input; } }
        class LoudEcho extends Echo {}
        class Generic<T> implements NamedTool { name = 'g'; tool = true as const; label = ''; value?: T; async run(i: unknown) { return i; } }
        class Unrelated { run() {} }
        declare const tool: NamedTool;
        const echo = new LoudEcho();
        const generic = new Generic<string>();
        const unrelated = new Unrelated();`,
    });
    expect(plugin.matchesType(typeOfVariable(program, 'src/impl.ts', 'tool'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/impl.ts', 'echo'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/impl.ts', 'generic'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/impl.ts', 'unrelated'))).toBe(false);
  });

  it('matches unions, intersections, standard-library wrappers and type parameters constrained to it', () => {
    const { program, plugin } = setup({
      'src/compose.ts': `
        import type { Plugin } from './plugins/plugin';
        declare const maybe: Plugin | undefined;
        declare const both: Plugin & { extra: number };
        declare const neither: string | { run(): void };
        declare const frozen: Readonly<Plugin>;
        declare const partial: Partial<Plugin>;
        declare const byName: Record<string, Plugin>;
        export function f<T extends Plugin, U extends T, V>(t: T, u: U, v: V) {
          const constrained = t;
          const nested = u;
          const free = v;
          return [constrained, nested, free];
        }`,
    });
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'maybe'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'both'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'neither'))).toBe(false);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'frozen'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'partial'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'byName'))).toBe(false);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'constrained'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'nested'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/compose.ts', 'free'))).toBe(false);
  });

  it('matches object literals checked with satisfies or annotated, but not bare ones', () => {
    const { program, plugin } = setup({
      'src/literals.ts': `
        import type { Plugin } from './plugins/plugin';
        const checked = { name: 'a', run: async (i: unknown) => i } satisfies Plugin;
        const frozen = { name: 'b', run: async (i: unknown) => i } as const satisfies Plugin;
        const annotated: Plugin = { name: 'c', run: async (i: unknown) => i };
        const bare = { name: 'd', run: async (i: unknown) => i };`,
    });
    expect(plugin.matchesType(typeOfVariable(program, 'src/literals.ts', 'checked'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/literals.ts', 'frozen'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/literals.ts', 'annotated'))).toBe(true);
    expect(plugin.matchesType(typeOfVariable(program, 'src/literals.ts', 'bare'))).toBe(false);
  });

  it('matches type aliases of object types (generic too), enums and their members', () => {
    const { program, ctx } = setup({
      'src/aliases.ts': `
        import { PluginLifecycleState, type PluginShape, type Box } from './plugins/plugin';
        declare const shape: PluginShape;
        declare const box: Box<number>;
        declare const state: PluginLifecycleState;
        const loaded = PluginLifecycleState.LOADED;
        declare const text: 'LOADED';`,
    });
    const file = 'src/aliases.ts';
    const matcher = (name: string) => createTypeMatcher(ctx, { name, from: 'src/plugins/plugin.ts' });
    expect(matcher('PluginShape').matchesType(typeOfVariable(program, file, 'shape'))).toBe(true);
    expect(matcher('Box').matchesType(typeOfVariable(program, file, 'box'))).toBe(true);
    expect(matcher('PluginLifecycleState').matchesType(typeOfVariable(program, file, 'state'))).toBe(true);
    expect(matcher('PluginLifecycleState').matchesType(typeOfVariable(program, file, 'loaded'))).toBe(true);
    expect(matcher('PluginLifecycleState').matchesType(typeOfVariable(program, file, 'text'))).toBe(false);
    expect(matcher('PluginShape').matchesType(typeOfVariable(program, file, 'box'))).toBe(false);
  });

  it('matches by package: the declaring file lives under node_modules/<package>/', () => {
    const program = createInMemoryProgram({
      'node_modules/ai/package.json': JSON.stringify({ name: 'ai', types: 'index.d.ts' }),
      'node_modules/ai/index.d.ts': `export interface Tool { execute(input: unknown): Promise<unknown>; }`,
      'src/tool.ts': `
        import type { Tool } from 'ai';
        interface LocalTool { execute(input: unknown): Promise<unknown>; }
        declare const fromPackage: Tool;
        declare const local: LocalTool;`,
    });
    expect(compileErrors(program)).toEqual([]);
    const tool = createTypeMatcher(createInMemoryContext(program), { name: 'Tool', package: 'ai' });
    expect(tool.matchesType(typeOfVariable(program, 'src/tool.ts', 'fromPackage'))).toBe(true);
    expect(tool.matchesType(typeOfVariable(program, 'src/tool.ts', 'local'))).toBe(false);
    expect(
      createTypeMatcher(createInMemoryContext(program), { name: 'Tool', package: 'other' }).matchesType(typeOfVariable(program, 'src/tool.ts', 'fromPackage')),
    ).toBe(false);
  });

  it('is built once per context and specifier, and anew for another context', () => {
    const { program, ctx, plugin } = setup({});
    expect(createTypeMatcher(ctx, { ...PLUGIN_SPEC })).toBe(plugin);
    expect(createTypeMatcher(ctx, { name: 'Plugin', from: '**/plugin.ts' })).not.toBe(plugin);
    expect(createTypeMatcher(createInMemoryContext(program), PLUGIN_SPEC)).not.toBe(plugin);
  });

  it('answers for the type of every expression, whatever kind of declaration its symbol has', () => {
    // Module namespaces (their declaration is a SourceFile, which has no parent), namespaces,
    // global and module augmentations, enums, functions, class expressions, literals.
    const { program, plugin } = setup({
      'src/kinds.ts': `
        import * as pluginModule from './plugins/plugin';
        import * as self from './kinds';
        export const run = 1;
        export namespace Outer { export namespace Inner { export const run = 2; } }
        declare global { interface GlobalThing { run(): void } }
        export enum Mode { A = 'A' }
        export function fn() { return 1; }
        const Anonymous = class { run() { return 1; } };
        export async function all() {
          const dynamic = await import('./plugins/plugin');
          return [pluginModule, self.run, Outer.Inner.run, Mode.A, fn, new Anonymous().run, dynamic, { run }, globalThis];
        }
        export type ModuleType = typeof import('./plugins/plugin');
        declare const moduleValue: ModuleType;
        export const fromModule = moduleValue.PluginLifecycleState;`,
    });
    const sourceFile = program.getSourceFile('/virtual/project/src/kinds.ts')!;
    const checker = program.getTypeChecker();
    const answers: boolean[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isExpression(node)) answers.push(plugin.matchesType(checker.getTypeAtLocation(node)));
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    expect(answers.length).toBeGreaterThan(40);
    expect(answers.every((answer) => answer === false)).toBe(true);
  });
});
