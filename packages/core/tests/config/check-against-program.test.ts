import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  checkConfigAgainstProgram,
  combineConfigChecks,
  createRuleContext,
  programCoversConfig,
  resolveConfig,
  RULE_IDS,
  type ConfigInput,
  type RuleId,
  type TypeSpecifier,
} from '../../src/index.js';
import { nearest } from '../../src/config/suggest.js';
import { PROJECT_DIR, compileErrors, createInMemoryContext, createInMemoryProgram } from '../types/in-memory-program.js';

const ONLY = (rule: RuleId): { rules: NonNullable<ConfigInput['rules']> } => ({
  rules: Object.fromEntries(RULE_IDS.map((id) => [id, id === rule ? 'error' : 'off'])),
});

const TOOLS = {
  'src/tools/base.ts': 'export interface Disposable { dispose(): void }\n',
  'src/tools/tool.ts': [
    "import type { Disposable } from './base.js';",
    "const INVOKE = 'invoke';",
    'export interface Tool extends Disposable { execute(input: unknown): unknown; [INVOKE](): void }',
    "export type ToolTable = Record<'describe' | 'schema', () => string>;",
    'export type AnyBag = { [key: string]: unknown };',
    'export class ToolExecutor { static create(): ToolExecutor { return new ToolExecutor(); } constructor(readonly label = "x") {} invoke(tool: Tool): unknown { return tool.execute(1); } }',
    'export enum Phase { Idle = "idle", Busy = "busy" }',
    'export enum Level { Low, High }',
    "export type Mode = 'on' | 'off';",
    '',
  ].join('\n'),
  'src/app/uses.ts': "import type { Tool } from '../tools/tool.js';\nexport const use = (t: Tool) => t.dispose();\n",
};

/** The problems one program finds in `config`, as `path: message`. */
function problems(config: ConfigInput, files: Record<string, string> = TOOLS): string[] {
  const program = createInMemoryProgram(files);
  expect(compileErrors(program)).toEqual([]);
  return combineConfigChecks([checkConfigAgainstProgram(createInMemoryContext(program, config))]).map((issue) => `${issue.path}: ${issue.message}`);
}

const guard = (type: TypeSpecifier, members: string[], allowIn: string[] = []) => ({
  ...ONLY('no-direct-plugin-run'),
  guards: [{ name: 'g', type, members, allowIn }],
});

describe('checkConfigAgainstProgram: a config naming what the program lacks is an error, never a silent pass', () => {
  it('accepts inherited, computed-key and mapped members, and any member of an index-signature type', () => {
    expect(problems(guard({ name: 'Tool', from: 'src/tools/tool.ts' }, ['execute', 'dispose', 'invoke'], ['src/app/*.ts']))).toEqual([]);
    expect(problems(guard({ name: 'ToolTable', from: 'src/tools/*.ts' }, ['describe', 'schema']))).toEqual([]);
    expect(problems(guard({ name: 'AnyBag', from: 'src/tools/tool.ts' }, ['whatever']))).toEqual([]);
    // A class: instance members, parameter properties and static members.
    expect(problems(guard({ name: 'ToolExecutor', from: 'src/tools/tool.ts' }, ['invoke', 'label', 'create']))).toEqual([]);
  });

  it('names a member that is not on the type, with the nearest member', () => {
    expect(problems(guard({ name: 'Tool', from: 'src/tools/tool.ts' }, ['execute', 'dipsose']))).toEqual([
      '$.guards[0].members[1]: no member `dipsose` on `Tool` (src/tools/tool.ts); did you mean `dispose`?',
    ]);
  });

  it('names a type missing from its file, with the nearest declared name, or where it is declared instead', () => {
    expect(problems(guard({ name: 'Tol', from: 'src/tools/tool.ts' }, ['execute']))).toEqual([
      '$.guards[0].type.name: no type `Tol` in src/tools/tool.ts; did you mean `Tool`?',
    ]);
    expect(problems(guard({ name: 'Disposable', from: 'src/tools/tool.ts' }, ['dispose']))).toEqual([
      '$.guards[0].type.name: no type `Disposable` in src/tools/tool.ts; `Disposable` is declared in src/tools/base.ts',
    ]);
  });

  it('names globs that match no file, suggesting the nearest directory or file', () => {
    expect(problems(guard({ name: 'Tool', from: 'src/tool/tool.ts' }, ['execute'], ['src/ap/**']))).toEqual([
      '$.guards[0].type.from: no file of the program matches "src/tool/tool.ts" (relative to /virtual/project); did you mean `src/tools/tool.ts`?',
      '$.guards[0].allowIn[0]: no file of the program matches "src/ap/**" (relative to /virtual/project); did you mean `src/app/**`?',
    ]);
    const layers = { ...ONLY('no-layer-bypass'), layers: [{ name: 'app', files: ['src/app/**', 'lib/**'] }], shared: ['src/tools/*.tsx'] };
    expect(problems(layers)).toEqual([
      '$.layers[0].files[1]: no file of the program matches "lib/**" (relative to /virtual/project)',
      '$.shared[0]: no file of the program matches "src/tools/*.tsx" (relative to /virtual/project)',
    ]);
  });

  it('rejects an absolute glob, saying what to write instead', () => {
    expect(problems(guard({ name: 'Tool', from: `${PROJECT_DIR}/src/tools/tool.ts` }, ['execute']))).toEqual([
      `$.guards[0].type.from: "${PROJECT_DIR}/src/tools/tool.ts" is an absolute path, but paths in the defaults are relative to its directory; write "src/tools/tool.ts"`,
    ]);
  });

  it('names a package no file belongs to', () => {
    expect(problems(guard({ name: 'Tool', package: 'tool-sdk' }, ['execute']))).toEqual([
      '$.guards[0].type.package: no file of the program belongs to the package "tool-sdk"',
    ]);
  });

  it('checks the runner class and method', () => {
    const runner = (cls: string, method: string) => ({
      ...ONLY('tool-runner-invariants'),
      runner: { file: 'src/tools/*.ts', class: cls, method, validateInput: ['v'], validateOutput: ['v'], errorEnvelope: ['e'], recordMetrics: ['m'] },
    });
    expect(problems(runner('ToolExecutor', 'invoke'))).toEqual([]);
    expect(problems(runner('ToolExecuter', 'invoke'))).toEqual([
      '$.runner.class: no class `ToolExecuter` in src/tools/base.ts, src/tools/tool.ts; did you mean `ToolExecutor`?',
    ]);
    expect(problems(runner('ToolExecutor', 'invok'))).toEqual([
      '$.runner.method: class `ToolExecutor` (src/tools/tool.ts) has no member `invok`; did you mean `invoke`?',
    ]);
  });

  it('checks lifecycle states against a string enum, a numeric enum and a literal union; not against other types', () => {
    const lifecycle = (name: string, states: string[]) => ({
      ...ONLY('valid-lifecycle-states'),
      lifecycle: { type: { name, from: 'src/tools/tool.ts' }, states },
    });
    expect(problems(lifecycle('Phase', ['idle', 'busy']))).toEqual([]);
    expect(problems(lifecycle('Phase', ['idle', 'Busy']))).toEqual([
      '$.lifecycle.states[1]: "Busy" is not a member of `Phase` (src/tools/tool.ts); did you mean `busy`?',
    ]);
    expect(problems(lifecycle('Level', ['0', '2']))).toEqual([
      '$.lifecycle.states[1]: "2" is not a member of `Level` (src/tools/tool.ts); did you mean `0` or `1`?',
    ]);
    expect(problems(lifecycle('Mode', ['on', 'standby']))).toEqual([
      '$.lifecycle.states[1]: "standby" is not a member of `Mode` (src/tools/tool.ts) (its members: `on`, `off`)',
    ]);
    expect(problems(lifecycle('Tool', ['anything']))).toEqual([]);
    expect(problems(lifecycle('Moda', ['on']))).toEqual(['$.lifecycle.type.name: no type `Moda` in src/tools/tool.ts; did you mean `Mode`?']);
  });

  it('checks only sections the config writes, for rules that are on', () => {
    // The defaults describe packages/runtime; this program has none of it, and nothing is reported.
    expect(problems({})).toEqual([]);
    expect(problems({ ...guard({ name: 'Nope', from: 'x.ts' }, ['y']), rules: { 'no-direct-plugin-run': 'off', 'tool-runner-invariants': 'off' } })).toEqual(
      [],
    );
  });

  it('reports a config file whose directory holds no file of the program', () => {
    const program = createInMemoryProgram(TOOLS);
    const config = resolveConfig(guard({ name: 'Tool', from: '**/tool.ts' }, ['execute']), {
      configFile: '/elsewhere/execution-governance.config.json',
      configDir: '/elsewhere',
    });
    const issues = combineConfigChecks([checkConfigAgainstProgram(createRuleContext(ts, program, config))]);
    expect(issues.map((issue) => issue.path)).toEqual(['$']);
    expect(issues[0]!.message).toContain("outside every project's root: its paths are relative to /elsewhere");
  });
});

describe('checkConfigAgainstProgram on a program rooted at a few files of a bigger one (programFiles)', () => {
  const runner = {
    ...ONLY('tool-runner-invariants'),
    runner: {
      file: 'src/tools/*.ts',
      class: 'ToolExecutor',
      method: 'invoke',
      validateInput: ['v'],
      validateOutput: ['v'],
      errorEnvelope: ['e'],
      recordMetrics: ['m'],
    },
  };
  const whole = ['src/tools/base.ts', 'src/tools/tool.ts', 'src/app/uses.ts'].map((name) => `${PROJECT_DIR}/${name}`);
  const outcomes = (files: Record<string, string>, config: ConfigInput) =>
    checkConfigAgainstProgram(createInMemoryContext(createInMemoryProgram(files), config), { programFiles: whole });

  it('a glob over several files, of which the program holds only some: what they declare is undecided, not wrong', () => {
    const result = outcomes({ 'src/tools/base.ts': TOOLS['src/tools/base.ts']! }, runner);
    expect(result).toContainEqual({ path: '$.runner.file', ok: true });
    expect(result.find((outcome) => outcome.path === '$.runner.class')).toBeUndefined();
  });

  it('every file the glob names is held: decided as in a whole program', () => {
    expect(outcomes(TOOLS, runner)).toContainEqual({ path: '$.runner.class', ok: true });
    const typo = outcomes(TOOLS, { ...runner, runner: { ...runner.runner, class: 'ToolExecuter' } });
    expect(typo.find((outcome) => outcome.path === '$.runner.class')).toMatchObject({ ok: false, scope: 'content' });
  });

  it('a glob matching only files outside the program is satisfied; one matching nothing anywhere is a problem', () => {
    const layered = {
      ...ONLY('no-layer-bypass'),
      layers: [
        { name: 'app', files: ['src/app/**'] },
        { name: 'tools', files: ['src/tool/**'] },
      ],
    };
    const result = outcomes({ 'src/tools/base.ts': TOOLS['src/tools/base.ts']! }, layered);
    expect(result).toContainEqual({ path: '$.layers[0].files[0]', ok: true });
    expect(result.find((outcome) => outcome.path === '$.layers[1].files[0]')).toMatchObject({ ok: false, scope: 'presence' });
  });

  it('"did you mean" draws on the whole program, as the cold scan of the same tree suggests (found by the --cache fuzzer, seed 503)', () => {
    const layered = {
      ...ONLY('no-layer-bypass'),
      layers: [
        { name: 'tools', files: ['src/tools/**'] },
        { name: 'app', files: ['src/ap/**'] },
      ],
    };
    const rooted = outcomes({ 'src/tools/base.ts': TOOLS['src/tools/base.ts']! }, layered);
    const cold = checkConfigAgainstProgram(createInMemoryContext(createInMemoryProgram({ ...TOOLS, 'src/app/uses.ts': 'export const uses = 1;\n' }), layered));
    const message = (result: typeof rooted) => result.find((outcome) => outcome.path === '$.layers[1].files[0]') as { message?: string } | undefined;
    expect(message(cold)?.message).toContain('did you mean `src/app/**`?');
    expect(message(rooted)?.message).toBe(message(cold)?.message);
  });

  it('"did you mean" for a plain file path (not a glob) also names a file only the whole program holds', () => {
    // A guard's `from` with a typo in the folder: the file it means is outside the rooted program.
    const typo = {
      ...ONLY('no-direct-plugin-run'),
      guards: [{ name: 'tool-execute', type: { name: 'Tool', from: 'src/tool/tool.ts' }, members: ['execute'] }],
    };
    const rooted = outcomes({ 'src/tools/base.ts': TOOLS['src/tools/base.ts']! }, typo);
    const cold = checkConfigAgainstProgram(createInMemoryContext(createInMemoryProgram({ ...TOOLS, 'src/app/uses.ts': 'export const uses = 1;\n' }), typo));
    const message = (result: typeof rooted) => result.find((outcome) => outcome.path === '$.guards[0].type.from') as { message?: string } | undefined;
    expect(message(cold)?.message).toContain('did you mean `src/tools/tool.ts`?');
    expect(message(rooted)?.message).toBe(message(cold)?.message);
  });
});

describe('combineConfigChecks: several programs under one config', () => {
  it('an entry is a problem only when no program satisfies it; one program alone keeps only content problems', () => {
    const config = {
      ...ONLY('no-layer-bypass'),
      layers: [
        { name: 'a', files: ['packages/a/**'] },
        { name: 'b', files: ['packages/b/**'] },
      ],
    };
    const check = (files: Record<string, string>) => checkConfigAgainstProgram(createInMemoryContext(createInMemoryProgram(files), config));
    const a = check({ 'packages/a/index.ts': 'export const a = 1;\n' });
    const b = check({ 'packages/b/index.ts': 'export const b = 1;\n' });
    expect(combineConfigChecks([a, b])).toEqual([]);
    expect(combineConfigChecks([a]).map((issue) => issue.path)).toEqual(['$.layers[1].files[0]']);
    expect(combineConfigChecks([a], { onlyContent: true })).toEqual([]);
  });

  it('a program covers a config when its tsconfig sits at or above the config directory', () => {
    const program = ts.createProgram({ rootNames: [], options: { configFilePath: '/repo/packages/a/tsconfig.json' } });
    expect(programCoversConfig(program, '/repo/packages/a')).toBe(true);
    expect(programCoversConfig(program, '/repo/packages/a/src')).toBe(true);
    expect(programCoversConfig(program, '/repo')).toBe(false);
    expect(programCoversConfig(ts.createProgram({ rootNames: [], options: {} }), '/repo')).toBe(false);
  });
});

describe('nearest: did-you-mean candidates', () => {
  it('keeps candidates within a third of the length, closest first, case-only differences first', () => {
    expect(nearest('Plugn', ['Plugin', 'Plug', 'Program', 'plugn'])).toEqual(['plugn', 'Plug', 'Plugin']);
    expect(nearest('run', ['execute', 'dispose'])).toEqual([]);
  });
});
