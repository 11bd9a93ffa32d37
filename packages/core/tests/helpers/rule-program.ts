import * as path from 'node:path';
import type * as ts from 'typescript';
import { analyzeSourceFile, type ConfigInput, type Finding, type RuleId } from '../../src/index.js';
import { PROJECT_DIR, compileErrors, createInMemoryContext, createInMemoryProgram } from '../types/in-memory-program.js';

/**
 * Runs one rule over every in-memory file (`src/a.ts`, relative to the project) and returns its
 * findings with relative paths, plus the compile errors: tests assert there are none, so a case
 * never passes on code that does not type-check.
 */
export function analyzeVirtual(
  ruleId: RuleId,
  files: Readonly<Record<string, string>>,
  config: ConfigInput = {},
  options: ts.CompilerOptions = {},
): { findings: Finding[]; errors: string[] } {
  const program = createInMemoryProgram(files, options);
  const ctx = createInMemoryContext(program, config);
  const analysed = options.allowJs ? /\.[jt]sx?$/ : /\.tsx?$/;
  const findings = Object.keys(files)
    .filter((name) => analysed.test(name))
    .flatMap((name) => {
      const sourceFile = program.getSourceFile(path.posix.join(PROJECT_DIR, name));
      if (!sourceFile) throw new Error(`not in the program: ${name}`);
      return analyzeSourceFile(ctx, sourceFile, { rules: [ruleId] });
    })
    .map((finding) => ({ ...finding, file: path.posix.relative(PROJECT_DIR, finding.file) }));
  return { findings, errors: compileErrors(program) };
}

/** `file:line:col messageId` of each finding, the shape the rule tests compare. */
export function summarize(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.messageId}`);
}
