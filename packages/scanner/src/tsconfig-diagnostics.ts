import * as path from 'node:path';
import type { TypeScriptModule } from '@execgov/core';
import { core } from './core-module.js';
import type * as ts from 'typescript';
import { ProjectError } from './errors.js';

// Diagnostics about the files an emit would write: the scanner never emits, so they are not ours to stop on.
const EMIT_ONLY_CODES: ReadonlySet<number> = new Set([5055, 5056]);

const toPosix = (fileName: string) => fileName.replace(/\\/g, '/');

/** A diagnostic as tsc prints it: `file:line:col - error TS1005: message` (file relative to `cwd`). */
export function describeDiagnostic(tsm: TypeScriptModule, diagnostic: ts.Diagnostic, cwd: string): string {
  const message = `error TS${diagnostic.code}: ${tsm.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${toPosix(path.relative(cwd, diagnostic.file.fileName))}:${line + 1}:${character + 1} - ${message}`;
}

/**
 * Every error TypeScript finds reading a tsconfig: JSON syntax (TS1005 …), which `parsed.errors`
 * leaves out, unknown or ill-typed options, broken `extends`, and the unrecoverable ones.
 */
export function tsconfigErrors(tsm: TypeScriptModule, parsed: ts.ParsedCommandLine | undefined, unrecoverable: ts.Diagnostic | undefined): ts.Diagnostic[] {
  const all = [...(unrecoverable ? [unrecoverable] : []), ...(parsed ? tsm.getConfigFileParsingDiagnostics(parsed) : [])];
  const seen = new Set<string>();
  return all.filter((d) => {
    const key = `${d.code}\0${d.file?.fileName ?? ''}\0${d.start ?? ''}`;
    if (d.category !== tsm.DiagnosticCategory.Error || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Throws the ProjectError tsc's diagnostics call for (exit 2), naming the tsconfig and each error. */
export function assertNoTsconfigErrors(tsm: TypeScriptModule, errors: readonly ts.Diagnostic[], tsconfig: string, cwd: string): void {
  if (errors.length === 0) return;
  const shown = toPosix(path.relative(cwd, tsconfig));
  throw new ProjectError(
    `tsconfig ${shown} cannot be used:\n${errors.map((d) => `  ${describeDiagnostic(tsm, d, cwd)}`).join('\n')}`,
    `fix ${shown} (\`tsc -p ${shown} --showConfig\` shows what TypeScript reads), or pass another --project`,
  );
}

/**
 * The option errors tsc stops on once the program exists (TS5063 non-array `paths`, conflicting
 * options …); they are not in the tsconfig's own parse diagnostics.
 */
export function assertUsableOptions(tsm: TypeScriptModule, program: ts.Program, tsconfig: string, cwd: string): void {
  const errors = program.getOptionsDiagnostics().filter((d) => d.category === tsm.DiagnosticCategory.Error && !EMIT_ONLY_CODES.has(d.code));
  assertNoTsconfigErrors(tsm, errors, tsconfig, cwd);
}

/** Runs TypeScript's tsconfig reader; a file nested too deeply for its JSON parser is a ProjectError, not a crash. */
export function readTsconfigOrThrow<T>(tsconfig: string, cwd: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!core().isStackOverflow(error)) throw error;
    const shown = toPosix(path.relative(cwd, tsconfig));
    throw new ProjectError(
      `tsconfig ${shown} cannot be used: it nests too deeply for TypeScript to read (its parser ran out of stack)`,
      `flatten ${shown}, or pass another --project`,
    );
  }
}
