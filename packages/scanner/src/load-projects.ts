import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TypeScriptModule } from '@execgov/core';
import type * as TS from 'typescript';
import { lazyModule } from './cache/code-cache.js';
import { prepareHost, readAsEmpty, readerOptions } from './program-host.js';
import { ProjectError, UnreadableFileError } from './errors.js';
import { assertListableDirectories, whyUnreadable } from './file-access.js';
import { assertNoTsconfigErrors, assertUsableOptions, readTsconfigOrThrow, tsconfigErrors } from './tsconfig-diagnostics.js';

/**
 * The scanner's own TypeScript 6 (a dependency of this package, so a project whose `typescript` is
 * 7, the native port without a JS API, still gets one), loaded on first use: a warm `--cache` scan
 * with nothing to re-analyse never pays the half second it takes to load (require, not import: an ESM import of the 9 MB CommonJS file
 * makes Node lex it for named exports first, 0.52 s of CPU against 0.17 s).
 */
const typescriptModule = lazyModule<typeof TS>(import.meta.url, 'typescript');

/** TypeScript, loaded on first use (see `typescriptModule`). */
export function typescript(): typeof TS {
  return typescriptModule.get();
}

/**
 * Loads TypeScript (when a scan first needs it) through a V8 code cache kept in `file`, and
 * returns the function that writes that cache after the scan (a no-op when it was used, or when
 * TypeScript never loaded). Only `--cache` asks for it: that is where the user lets us keep state.
 */
export function useTypeScriptCodeCache(file: string): () => void {
  return typescriptModule.useCodeCache(file);
}

/** The host tsconfig parsing reads through (default: the real file system). */
export type ParseConfigSystem = Pick<TS.System, 'useCaseSensitiveFileNames' | 'readDirectory' | 'fileExists' | 'readFile' | 'getCurrentDirectory'> &
  Partial<Pick<TS.System, 'directoryExists' | 'realpath' | 'getDirectories'>>;

/** One tsconfig to turn into a program. */
export interface ProjectPlan {
  /** Absolute path of the tsconfig file. */
  tsconfig: string;
  /** Absolute paths of the files the tsconfig selects (its `files` / `include`). */
  fileNames: readonly string[];
}

const PROJECT_HINT = 'pass --project <path/to/tsconfig.json> (repeatable), or run from the directory holding tsconfig.json';

function toPosix(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

function tsconfigPath(given: string, base: string): string {
  const absolute = path.resolve(base, given);
  return fs.existsSync(absolute) && fs.statSync(absolute).isDirectory() ? path.join(absolute, 'tsconfig.json') : absolute;
}

/** Parses one tsconfig (extends and all); throws ProjectError as tsc reports its errors (file:line:col - error TSnnnn). */
export function parseTsconfig(tsconfig: string, cwd: string, system?: ParseConfigSystem): TS.ParsedCommandLine {
  const ts = typescript();
  let unrecoverable: TS.Diagnostic | undefined;
  const parsed = readTsconfigOrThrow(tsconfig, cwd, () =>
    ts.getParsedCommandLineOfConfigFile(tsconfig, readerOptions(ts), {
      ...(system ?? ts.sys),
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        unrecoverable = diagnostic;
      },
    }),
  );
  const errors = tsconfigErrors(ts, parsed, unrecoverable);
  assertNoTsconfigErrors(ts, errors, tsconfig, cwd);
  if (!parsed) throw new ProjectError(`tsconfig ${toPosix(path.relative(cwd, tsconfig))} cannot be read`, PROJECT_HINT);
  return parsed;
}

/** The directories of the tsconfigs named by `--project` values (default: ./tsconfig.json). */
export function givenRoots(projects: readonly string[], cwd: string): string[] {
  return (projects.length > 0 ? projects : ['tsconfig.json']).map((project) => path.dirname(tsconfigPath(project, cwd)));
}

/**
 * The tsconfigs to load for the given `--project` values (default: ./tsconfig.json), in order,
 * each once. References are followed depth-first after their referrer, so a solution-style
 * tsconfig (`files: []` + `references`) expands to its projects; it has no files of its own.
 */
export function planProjects(projects: readonly string[], cwd: string, system?: ParseConfigSystem): ProjectPlan[] {
  const ts = typescript();
  const plans: ProjectPlan[] = [];
  const visited = new Set<string>();
  const visit = (tsconfig: string, referencedFrom: string | null) => {
    if (visited.has(tsconfig)) return;
    visited.add(tsconfig);
    if (!fs.existsSync(tsconfig)) {
      const shown = toPosix(path.relative(cwd, tsconfig));
      throw new ProjectError(
        referencedFrom ? `tsconfig ${shown} not found (referenced from ${toPosix(path.relative(cwd, referencedFrom))})` : `tsconfig ${shown} not found`,
        referencedFrom ? `fix the "references" entry in ${toPosix(path.relative(cwd, referencedFrom))}` : PROJECT_HINT,
      );
    }
    const parsed = parseTsconfig(tsconfig, cwd, system);
    assertListableDirectories(ts, parsed, tsconfig, cwd);
    if (parsed.fileNames.length > 0) plans.push({ tsconfig, fileNames: parsed.fileNames.map((f) => path.resolve(f)) });
    for (const reference of parsed.projectReferences ?? []) {
      visit(path.resolve(ts.resolveProjectReferencePath(reference)), tsconfig);
    }
  };
  const given = projects.length > 0 ? projects : ['tsconfig.json'];
  for (const project of given) visit(tsconfigPath(project, cwd), null);
  return plans;
}

/** The error for a file a tsconfig selects that cannot be read (a `files` entry that is gone, a file without read permission). */
export function unreadableSelectedFile(plan: ProjectPlan, fileName: string, cwd: string): UnreadableFileError {
  return new UnreadableFileError(
    `${toPosix(path.relative(cwd, fileName))} ${whyUnreadable(fileName)} (selected by ${toPosix(path.relative(cwd, plan.tsconfig))})`,
    'check the file exists and is readable, or remove it from the tsconfig "files"/"include"',
  );
}

/**
 * Builds the program of one planned tsconfig with plain `ts.createProgram` (references and all),
 * parsing JSDoc only where it carries types (JavaScript files), as the checker needs it.
 * Every file the tsconfig selects must read (ts.sys decodes UTF-16 and UTF-8 byte-order marks as
 * tsc does). Files in `emptied` are read as empty: TypeScript ran out of stack on them.
 */
export function loadProgram(plan: ProjectPlan, cwd: string, emptied: ReadonlySet<string> = new Set()): TS.Program {
  const ts = typescript();
  const parsed = parseTsconfig(plan.tsconfig, cwd);
  // No parent pointers from the parser: the binder sets them on every file of the program anyway.
  const host = ts.createCompilerHost(parsed.options, false);
  prepareHost(ts, host);
  readAsEmpty(ts, host, emptied);
  const program = ts.createProgram({
    rootNames: plan.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    host,
  });
  for (const fileName of plan.fileNames) {
    if (!program.getSourceFile(fileName)) throw unreadableSelectedFile(plan, fileName, cwd);
  }
  assertUsableOptions(ts, program, plan.tsconfig, cwd);
  return program;
}

/** The TypeScript module the programs are built with; hand this to the core. */
export function compilerModule(): TypeScriptModule {
  return typescript();
}
