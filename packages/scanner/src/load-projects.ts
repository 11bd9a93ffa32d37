import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TypeScriptModule } from '@execgov/core';
import { Project, ts } from 'ts-morph';
import type * as coreTs from 'typescript';
import { ProjectError, UnreadableFileError } from './errors.js';
import { assertListableDirectories, whyUnreadable } from './file-access.js';
import { sourceFileSystem } from './source-file-system.js';
import { assertNoTsconfigErrors, assertUsableOptions, readTsconfigOrThrow, tsconfigErrors } from './tsconfig-diagnostics.js';

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

function parseTsconfig(tsconfig: string, cwd: string): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const parsed = readTsconfigOrThrow(tsconfig, cwd, () =>
    ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        unrecoverable = diagnostic;
      },
    }),
  );
  const errors = tsconfigErrors(compilerModule, parsed as coreTs.ParsedCommandLine | undefined, unrecoverable as coreTs.Diagnostic | undefined);
  assertNoTsconfigErrors(compilerModule, errors, tsconfig, cwd);
  if (!parsed) throw new ProjectError(`tsconfig ${toPosix(path.relative(cwd, tsconfig))} cannot be read`, PROJECT_HINT);
  return parsed;
}

/**
 * The tsconfigs to load for the given `--project` values (default: ./tsconfig.json), in order,
 * each once. References are followed depth-first after their referrer, so a solution-style
 * tsconfig (`files: []` + `references`) expands to its projects; it has no files of its own.
 */
export function planProjects(projects: readonly string[], cwd: string): ProjectPlan[] {
  const plans: ProjectPlan[] = [];
  const visited = new Set<string>();
  const visit = (tsconfig: string, referencedFrom: string | null) => {
    if (visited.has(tsconfig)) return;
    visited.add(tsconfig);
    if (!fs.existsSync(tsconfig)) {
      const shown = toPosix(path.relative(cwd, tsconfig));
      throw new ProjectError(
        referencedFrom
          ? `tsconfig ${shown} not found (referenced from ${toPosix(path.relative(cwd, referencedFrom))})`
          : `tsconfig ${shown} not found`,
        referencedFrom ? `fix the "references" entry in ${toPosix(path.relative(cwd, referencedFrom))}` : PROJECT_HINT,
      );
    }
    const parsed = parseTsconfig(tsconfig, cwd);
    assertListableDirectories(compilerModule, parsed as unknown as coreTs.ParsedCommandLine, tsconfig, cwd);
    if (parsed.fileNames.length > 0) plans.push({ tsconfig, fileNames: parsed.fileNames.map((f) => path.resolve(f)) });
    for (const reference of parsed.projectReferences ?? []) {
      visit(path.resolve(ts.resolveProjectReferencePath(reference)), tsconfig);
    }
  };
  const given = projects.length > 0 ? projects : ['tsconfig.json'];
  for (const project of given) visit(tsconfigPath(project, cwd), null);
  return plans;
}

/**
 * Builds the program of one planned tsconfig. ts-morph only loads: the raw ts.Program is what
 * the core walks, so no node of it is ever wrapped. Every file the tsconfig selects must read.
 * Files in `emptied` are read as empty (TypeScript overflowed its stack on them).
 */
export function loadProgram(plan: ProjectPlan, cwd: string, emptied: ReadonlySet<string> = new Set()): coreTs.Program {
  // Read as tsc reads (UTF-16 with a BOM); files TypeScript ran out of stack on read as empty.
  const project = new Project({ tsConfigFilePath: plan.tsconfig, fileSystem: sourceFileSystem(emptied) });
  const program = project.getProgram().compilerObject;
  for (const fileName of plan.fileNames) {
    if (program.getSourceFile(fileName)) continue;
    const shown = toPosix(path.relative(cwd, fileName));
    const reason = whyUnreadable(fileName);
    throw new UnreadableFileError(
      `${shown} ${reason} (selected by ${toPosix(path.relative(cwd, plan.tsconfig))})`,
      'check the file exists and is readable, or remove it from the tsconfig "files"/"include"',
    );
  }
  // Same compiler (ts-morph's bundled TypeScript 6.0) at runtime; only the declared types differ.
  assertUsableOptions(compilerModule, program as unknown as coreTs.Program, plan.tsconfig, cwd);
  return program as unknown as coreTs.Program;
}

/** ts-morph's own TypeScript module, typed as the core expects; hand this (never `typescript`) to the core. */
export const compilerModule = ts as unknown as TypeScriptModule;
