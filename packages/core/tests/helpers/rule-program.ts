import * as path from 'node:path';
import ts from 'typescript';
import { analyzeSourceFile, createRuleContext, resolveConfig, type ConfigInput, type Finding, type RuleId } from '../../src/index.js';

/** Root of the in-memory project; config globs are relative to it. */
export const VIRTUAL_ROOT = '/virtual';

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  noEmit: true,
};

// Test-only: parsing the standard library once per worker instead of once per case keeps the
// rule tests fast; lib files never change during a run.
const libFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * Builds a program over in-memory files (`src/a.ts` → `/virtual/src/a.ts`); the standard library
 * is read from disk, because without it `string` methods and promises would be `any`.
 */
export function createVirtualProgram(files: Readonly<Record<string, string>>): ts.Program {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.posix.join(VIRTUAL_ROOT, name), text]));
  const host = ts.createCompilerHost(compilerOptions, true);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.fileExists = (fileName) => byPath.has(fileName) || (!fileName.startsWith(VIRTUAL_ROOT) && original.fileExists(fileName));
  host.readFile = (fileName) => byPath.get(fileName) ?? (fileName.startsWith(VIRTUAL_ROOT) ? undefined : original.readFile(fileName));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = byPath.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    if (!libFiles.has(fileName)) libFiles.set(fileName, original.getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return libFiles.get(fileName);
  };
  host.getCurrentDirectory = () => VIRTUAL_ROOT;
  host.directoryExists = (dir) => [...byPath.keys()].some((name) => name.startsWith(`${dir}/`)) || ts.sys.directoryExists(dir);
  return ts.createProgram({ rootNames: [...byPath.keys()], options: compilerOptions, host });
}

/** Runs one rule over every in-memory file and returns its findings (file paths made relative). */
export function runRule(ruleId: RuleId, files: Readonly<Record<string, string>>, config: ConfigInput = {}): Finding[] {
  return analyzeVirtual(ruleId, files, config).findings;
}

/** One program: the rule's findings plus the compilation errors (tests assert none, so cases stay honest). */
export function analyzeVirtual(
  ruleId: RuleId,
  files: Readonly<Record<string, string>>,
  config: ConfigInput = {},
): { findings: Finding[]; errors: string[] } {
  const program = createVirtualProgram(files);
  const findings = runOn(program, ruleId, files, config);
  return { findings, errors: diagnosticsOf(program) };
}

function runOn(program: ts.Program, ruleId: RuleId, files: Readonly<Record<string, string>>, config: ConfigInput): Finding[] {
  const ctx = createRuleContext(ts, program, resolveConfig(config, { configFile: null, configDir: VIRTUAL_ROOT }));
  return Object.keys(files).flatMap((name) => {
    const sourceFile = program.getSourceFile(path.posix.join(VIRTUAL_ROOT, name));
    if (!sourceFile) throw new Error(`not in the program: ${name}`);
    return analyzeSourceFile(ctx, sourceFile, { rules: [ruleId] }).map((finding) => ({ ...finding, file: path.posix.relative(VIRTUAL_ROOT, finding.file) }));
  });
}

/** Compilation errors of the in-memory files. */
export function typeErrors(files: Readonly<Record<string, string>>): string[] {
  return diagnosticsOf(createVirtualProgram(files));
}

function diagnosticsOf(program: ts.Program): string[] {
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.posix.relative(VIRTUAL_ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/** `file:line:col messageId` of each finding, the shape the rule tests compare. */
export function summarize(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.messageId}`);
}
