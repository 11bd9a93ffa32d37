import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, type AnalyzerHost, type Finding } from '../src/index.js';
import { PROJECT_DIR, createInMemoryProgram } from './types/in-memory-program.js';

const PLUGIN = `export interface Plugin { run(input: unknown): Promise<unknown> }\n`;
const CALLER = `import type { Plugin } from '../plugins/plugin.js';\nexport const go = (p: Plugin) => p.run({});\n`;

/** An in-memory host the test edits between analyses, as an editor's buffers change. */
function memoryHost(files: Record<string, string>): AnalyzerHost & { files: Record<string, string> } {
  const full = (name: string) => path.posix.relative(PROJECT_DIR, name);
  return {
    files,
    readFile: (name) => files[full(name)],
    fileExists: (name) => full(name) in files,
  };
}

const guardConfig = (allowIn: string[]) =>
  JSON.stringify({
    guards: [{ name: 'plugin-run', type: { name: 'Plugin', from: '**/src/plugins/plugin.ts' }, members: ['run'], allowIn }],
    rules: { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' },
  });

function setup(configs: Record<string, string>) {
  const program = createInMemoryProgram({ 'src/plugins/plugin.ts': PLUGIN, 'src/a/caller.ts': CALLER, 'src/b/caller.ts': CALLER });
  const host = memoryHost({ ...configs });
  const analyzer = createAnalyzer({ ts, program, cwd: PROJECT_DIR, host });
  const rules = (file: string): string[] => {
    const analysis = analyzer.analyzeFile(program.getSourceFile(path.posix.join(PROJECT_DIR, file))!);
    if ('error' in analysis) return [`config error: ${analysis.error.issues.map((i) => i.path).join(',')}`];
    return analysis.findings.map((f: Finding) => f.ruleId);
  };
  return { program, host, analyzer, rules };
}

// The analyzer is what every front end calls; settle macrotasks so a long-lived host's edits are seen.
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('createAnalyzer: one config resolution for every front end', () => {
  it('gives each file the nearest config above it', () => {
    const { rules } = setup({
      'execution-governance.config.json': guardConfig([]),
      'src/b/execution-governance.config.json': JSON.stringify({ rules: { 'no-direct-plugin-run': 'off' } }),
    });
    expect(rules('src/a/caller.ts')).toEqual(['no-direct-plugin-run']);
    expect(rules('src/b/caller.ts')).toEqual([]);
  });

  it('lets an explicit config file override the search for every file', () => {
    const program = createInMemoryProgram({ 'src/plugins/plugin.ts': PLUGIN, 'src/b/caller.ts': CALLER });
    const host = memoryHost({
      'strict.json': guardConfig([]),
      'src/b/execution-governance.config.json': JSON.stringify({ rules: { 'no-direct-plugin-run': 'off' } }),
    });
    const analyzer = createAnalyzer({ ts, program, cwd: PROJECT_DIR, host, configFile: 'strict.json' });
    const analysis = analyzer.analyzeFile(program.getSourceFile(`${PROJECT_DIR}/src/b/caller.ts`)!);
    expect('findings' in analysis && analysis.findings.map((f) => f.ruleId)).toEqual(['no-direct-plugin-run']);
  });

  it('re-reads a config whose text changed, and sees a config file appear', async () => {
    const { host, rules } = setup({ 'execution-governance.config.json': guardConfig([]) });
    expect(rules('src/a/caller.ts')).toEqual(['no-direct-plugin-run']);
    host.files['execution-governance.config.json'] = guardConfig(['src/a/caller.ts']);
    await nextTurn();
    expect(rules('src/a/caller.ts')).toEqual([]);
    host.files['src/a/execution-governance.config.json'] = guardConfig([]);
    await nextTurn();
    expect(rules('src/a/caller.ts')).toEqual(['no-direct-plugin-run']);
  });

  it('reports an invalid nested config for the files under it only, and recovers once it is fixed', async () => {
    const { host, rules } = setup({ 'execution-governance.config.json': guardConfig([]), 'src/b/execution-governance.config.json': '{ "rules": 3 }' });
    expect(rules('src/a/caller.ts')).toEqual(['no-direct-plugin-run']);
    expect(rules('src/b/caller.ts')).toEqual(['config error: $.rules']);
    host.files['src/b/execution-governance.config.json'] = guardConfig([]);
    await nextTurn();
    expect(rules('src/b/caller.ts')).toEqual(['no-direct-plugin-run']);
  });

  it('analyses a file once per config, however many front-end rules ask', () => {
    const { program, analyzer } = setup({ 'execution-governance.config.json': guardConfig([]) });
    const sourceFile = program.getSourceFile(`${PROJECT_DIR}/src/a/caller.ts`)!;
    const first = analyzer.analyzeFile(sourceFile);
    const second = analyzer.analyzeFile(sourceFile);
    expect('findings' in first && 'findings' in second && first.findings === second.findings).toBe(true);
    const overridden = analyzer.analyzeFile(sourceFile, { overrides: { rules: { 'no-direct-plugin-run': 'warn' } } });
    expect('findings' in overridden && overridden.findings.map((f) => f.severity)).toEqual(['warn']);
  });
});
