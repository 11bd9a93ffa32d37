import { describe, expect, it } from 'vitest';
import { createTypeMatcher } from '../../src/types/type-matcher.js';
import { guardMemberNames } from '../../src/types/guard-members.js';
import { compileErrors, createInMemoryContext, createInMemoryProgram, typeOfVariable } from './in-memory-program.js';

// A union alias shaped like AI SDK's Tool: named members, each an intersection over a shared base
// whose execute/outputSchema pair is a union, so instantiations and narrowings lose the alias.
const TOOL = `
type Output<O> = { execute: (input: unknown) => Promise<O>; outputSchema?: O } | { outputSchema: O; execute?: never };
type Base<O = any> = { inputSchema: unknown; title?: string } & Output<O>;
export type FunctionTool<O = any> = Base<O> & { type?: 'function' };
export type ProviderTool<O = any> = Base<O> & { type: 'provider'; id: string };
export interface ClassicTool { type: 'classic'; execute(input: unknown): Promise<unknown> }
export type Tool<O = any> = FunctionTool<O> | ProviderTool<O> | ClassicTool | { type: 'inline'; execute(): void };
export type ExecutableTool<T extends Tool = Tool> = T & { execute: NonNullable<T['execute']> };
export type Named = { title?: string };
export declare function isExecutable<T extends Tool>(t: T | undefined): t is ExecutableTool<T>;
`;

function setup(use: string) {
  const program = createInMemoryProgram({ 'src/ai/tool.ts': TOOL, 'src/use.ts': use });
  expect(compileErrors(program)).toEqual([]);
  const ctx = createInMemoryContext(program);
  const tool = createTypeMatcher(ctx, { name: 'Tool', from: 'src/ai/tool.ts' });
  return { ctx, tool, type: (name: string) => typeOfVariable(program, 'src/use.ts', name) };
}

describe('guarded type aliases (type shape)', () => {
  it('covers union members, their instantiations, intersections over them and narrowed values', () => {
    const { tool, type } = setup(`
      import { isExecutable, type ClassicTool, type ExecutableTool, type FunctionTool, type ProviderTool, type Tool } from './ai/tool';
      declare const provider: ProviderTool<string>;
      declare const fn: FunctionTool;
      declare const classic: ClassicTool;
      declare const executable: ExecutableTool<Tool<number>>;
      declare const extended: Tool<string> & { label: string };
      declare const any: Tool;
      const narrowed = isExecutable(any) ? any : undefined;
      const byTag = any.type === 'provider' ? any : undefined;
      const inline = any.type === 'inline' ? any : undefined;
      const withIn = 'id' in any ? any : undefined;`);
    for (const name of ['provider', 'fn', 'classic', 'executable', 'extended', 'narrowed', 'byTag', 'inline', 'withIn']) {
      expect(tool.matchesType(type(name)), name).toBe(true);
    }
  });

  it('does not cover a piece of the type alone, nor lookalikes and helpers declared elsewhere', () => {
    const { tool, type } = setup(`
      import type { Named } from './ai/tool';
      type Base = { inputSchema: unknown; title?: string };
      declare const named: Named;
      declare const local: Base & { execute: (input: unknown) => Promise<unknown> };
      declare const structural: { type: 'inline'; execute(): void };`);
    for (const name of ['named', 'local', 'structural']) expect(tool.matchesType(type(name)), name).toBe(false);
  });

  it('reads every member name of every union member for members "*"', () => {
    const { ctx } = setup('export {};');
    const guard = { name: 'all', type: { name: 'Tool', from: 'src/ai/tool.ts' }, members: '*' as const, access: 'any' as const, allowIn: [] };
    expect([...guardMemberNames(ctx, guard)].sort()).toEqual(['execute', 'id', 'inputSchema', 'outputSchema', 'title', 'type']);
    expect([...guardMemberNames(ctx, { ...guard, members: ['execute'] })]).toEqual(['execute']);
  });
});
