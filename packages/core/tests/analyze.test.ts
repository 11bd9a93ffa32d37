import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, type Finding } from '../src/index.js';
import { PROJECT_DIR, createInMemoryContext, createInMemoryProgram } from './types/in-memory-program.js';

const PLUGIN = `export interface Plugin { readonly name: string; run(input: string): string }\n`;

function analyze(service: string, options: Parameters<typeof analyzeSourceFile>[2] = {}): Finding[] {
  const program = createInMemoryProgram({ 'src/plugins/plugin.ts': PLUGIN, 'src/services/service.ts': service });
  const ctx = createInMemoryContext(program, { layers: [] });
  const sourceFile = program.getSourceFile(path.posix.join(PROJECT_DIR, 'src/services/service.ts'))!;
  return analyzeSourceFile(ctx, sourceFile, options);
}

const CALL = `import type { Plugin } from '../plugins/plugin';\nexport const go = (p: Plugin) => p.run('x');\n`;

describe('analyzeSourceFile', () => {
  it('gives 1-based positions with an exclusive end column, as ESLint does', () => {
    const [finding] = analyze(CALL);
    expect(finding).toMatchObject({ ruleId: 'no-direct-plugin-run', messageId: 'directUse', line: 2, column: 36, endLine: 2, endColumn: 39 });
    expect(finding!.message).toContain('"run" of Plugin');
    expect(finding!.file).toBe(`${PROJECT_DIR}/src/services/service.ts`);
  });

  it('keeps a fingerprint across unrelated edits above the finding, and tells identical findings apart', () => {
    const before = analyze(CALL);
    const after = analyze(`// a new comment\n\nconst unrelated = 1;\n${CALL}export const again = (p: Plugin) => p.run('x');\n`);
    expect(after[0]!.line).toBe(before[0]!.line + 3);
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint);
    expect(after[1]!.fingerprint).not.toBe(after[0]!.fingerprint);
  });

  it('gives findings on different lines different fingerprints, so removing one and adding another is seen', () => {
    const two = analyze(`${CALL}export const b = (p: Plugin) => p.run('y');\n`);
    const swapped = analyze(`${CALL}export const c = (p: Plugin) => p.run('z');\n`);
    expect(new Set(two.map((f) => f.fingerprint)).size).toBe(2);
    expect(swapped[0]!.fingerprint).toBe(two[0]!.fingerprint);
    expect(swapped[1]!.fingerprint).not.toBe(two[1]!.fingerprint);
  });

  it('applies a suppression with a reason to the next line only', () => {
    const findings = analyze(
      `import type { Plugin } from '../plugins/plugin';\n` +
        `// execution-governance-disable-next-line no-direct-plugin-run -- migration shim, removed in #12\n` +
        `export const a = (p: Plugin) => p.run('x');\n` +
        `export const b = (p: Plugin) => p.run('y');\n`,
    );
    expect(findings.map((f) => `${f.line} ${f.messageId}`)).toEqual(['4 directUse']);
  });

  it("reports a suppression without a reason (it still silences, as ESLint's own directives do) and an unused one", () => {
    const findings = analyze(
      `import type { Plugin } from '../plugins/plugin';\n` +
        `// execution-governance-disable-next-line no-direct-plugin-run\n` +
        `export const a = (p: Plugin) => p.run('x');\n` +
        `// execution-governance-disable-next-line no-direct-plugin-run -- nothing here\n` +
        `export const b = 1;\n`,
    );
    expect(findings.map((f) => `${f.line} ${f.ruleId} ${f.messageId}`)).toEqual([
      '2 invalid-suppression suppressionMissingReason',
      '4 invalid-suppression unusedSuppression',
    ]);
  });

  it('reports an unknown rule in a suppression only in a full run', () => {
    const source = `// execution-governance-disable-next-line no-such-rule -- typo\nexport const b = 1;\n`;
    expect(analyze(source).map((f) => `${f.ruleId} ${f.messageId}`)).toEqual(['invalid-suppression unknownRule']);
    expect(analyze(source, { rules: ['no-direct-plugin-run'] })).toEqual([]);
  });

  it('ignores directive text inside strings', () => {
    const findings = analyze(`export const s = '// execution-governance-disable-next-line no-direct-plugin-run -- x';\n`);
    expect(findings).toEqual([]);
  });

  it('turns syntax errors into findings instead of running rules, in a full run only', () => {
    const broken = `import type { Plugin } from '../plugins/plugin';\nexport const go = (p: Plugin) => p.run(;\n`;
    const findings = analyze(broken);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === 'syntax-error' && f.messageId === 'syntaxError')).toBe(true);
    expect(findings[0]!.message).toMatch(/^Syntax error: .*[^.]\. Fix the syntax/);
    expect(analyze(broken, { rules: ['no-direct-plugin-run'] })).toEqual([]);
  });

  it('skips files the config excludes and rules it turns off', () => {
    const program = createInMemoryProgram({ 'src/plugins/plugin.ts': PLUGIN, 'src/services/service.ts': CALL });
    const sourceFile = program.getSourceFile(`${PROJECT_DIR}/src/services/service.ts`)!;
    const excluded = createInMemoryContext(program, { exclude: ['src/services/**'] });
    const off = createInMemoryContext(program, { rules: { 'no-direct-plugin-run': 'off' } });
    const warn = createInMemoryContext(program, { rules: { 'no-direct-plugin-run': 'warn' } });
    expect(analyzeSourceFile(excluded, sourceFile)).toEqual([]);
    expect(analyzeSourceFile(off, sourceFile)).toEqual([]);
    expect(analyzeSourceFile(warn, sourceFile).map((f) => f.severity)).toEqual(['warn']);
  });
});
