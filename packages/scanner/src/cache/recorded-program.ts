import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { parseTsconfig, typescript, type ParseConfigSystem, type ProjectPlan } from '../load-projects.js';
import { prepareHost, readAsEmpty } from '../program-host.js';
import type { ProbeRecorder } from './probes.js';
import { readThroughStore, type SourceFileStore } from './source-files.js';

/** A program plus what the cache needs to know about it. */
export interface RecordedProgram {
  program: TS.Program;
  /** Hash of the compiler options (TypeScript's own view, after extends). */
  optionsHash: string;
  /** Direct dependencies of each file: resolved imports, type references, `/// <reference path>`. */
  deps: Map<string, Set<string>>;
  /** Files that can change the types of any file: libs, scripts, global and module augmentations, automatic types. */
  globals: Set<string>;
  /** Files read as empty: TypeScript ran out of stack on them (see buildSurvivingOverflow). */
  tooDeep: readonly string[];
}

/** What else a program is built with. */
export interface BuildOptions {
  /** Files to read as empty: TypeScript ran out of stack on them. */
  emptied?: ReadonlySet<string> | undefined;
  /** Parsed and bound files kept across scans (the daemon's); undefined parses every file. */
  sourceFiles?: SourceFileStore | undefined;
}

/** The tsconfig-parsing host, with each answer recorded. */
export function recordingParseSystem(
  recorder: ProbeRecorder,
  onReadDirectory: (root: string, includes: readonly string[] | undefined) => void,
): ParseConfigSystem {
  const sys = typescript().sys;
  return {
    useCaseSensitiveFileNames: sys.useCaseSensitiveFileNames,
    getCurrentDirectory: () => sys.getCurrentDirectory(),
    fileExists: recorder.fileExists((f) => sys.fileExists(f)),
    readFile: recorder.readFile((f) => sys.readFile(f)),
    directoryExists: recorder.directoryExists((d) => sys.directoryExists(d)),
    realpath: recorder.realpath((f) => (sys.realpath ? sys.realpath(f) : f)),
    getDirectories: recorder.getDirectories((d) => sys.getDirectories(d)),
    readDirectory(root, extensions, excludes, includes, depth) {
      onReadDirectory(root, includes);
      return sys.readDirectory(root, extensions, excludes, includes, depth);
    },
  };
}

/** True for a module file that adds to the global scope or to another module (`declare global`, `declare module 'x'`). */
function augmentsOthers(ts: typeof TS, sourceFile: TS.SourceFile): boolean {
  return sourceFile.statements.some(
    (statement) => ts.isModuleDeclaration(statement) && (ts.isStringLiteral(statement.name) || (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0),
  );
}

/**
 * True for a file that can change the types of files that never import it: a default lib, a
 * script (no import or export: its declarations are global), or a module with `declare global`
 * or `declare module 'x'`.
 */
export function isGlobalFile(ts: typeof TS, program: TS.Program, sourceFile: TS.SourceFile): boolean {
  if (program.isSourceFileDefaultLibrary(sourceFile)) return true;
  if (!sourceFile.fileName.endsWith('.json') && !ts.isExternalModule(sourceFile)) return true;
  return augmentsOthers(ts, sourceFile);
}

/**
 * Builds a program for `plan` rooted at `rootNames` (all its files for a cold scan, the affected
 * ones for a warm scan: TypeScript pulls in their dependencies), with module resolution done
 * here so every resolved edge is known, and every file-system answer recorded by `recorder`.
 */
export function buildRecordedProgram(
  plan: ProjectPlan,
  rootNames: readonly string[],
  cwd: string,
  recorder: ProbeRecorder,
  parseSystem: ParseConfigSystem,
  { emptied = new Set(), sourceFiles }: BuildOptions = {},
): RecordedProgram {
  const ts = typescript();
  const parsed = parseTsconfig(plan.tsconfig, cwd, parseSystem);
  const options = parsed.options;
  const optionsHash = hashOptions(parsed);
  const host = ts.createCompilerHost(options, false);
  prepareHost(ts, host);
  if (sourceFiles) readThroughStore(ts, host, sourceFiles, optionsHash);
  readAsEmpty(ts, host, emptied);
  host.fileExists = recorder.fileExists(host.fileExists.bind(host));
  host.readFile = recorder.readFile(host.readFile.bind(host));
  if (host.directoryExists) host.directoryExists = recorder.directoryExists(host.directoryExists.bind(host));
  if (host.realpath) host.realpath = recorder.realpath(host.realpath.bind(host));
  if (host.getDirectories) host.getDirectories = recorder.getDirectories(host.getDirectories.bind(host));

  const deps = new Map<string, Set<string>>();
  const unattached = new Set<string>();
  const addDep = (from: string, to: string | undefined) => {
    if (to === undefined) return;
    const target = path.resolve(to);
    let set = deps.get(path.resolve(from));
    if (!set) deps.set(path.resolve(from), (set = new Set()));
    set.add(target);
  };
  const moduleCache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options);
  const typeCache = ts.createTypeReferenceDirectiveResolutionCache(
    host.getCurrentDirectory(),
    (f) => host.getCanonicalFileName(f),
    options,
    moduleCache.getPackageJsonInfoCache(),
  );
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containingSourceFile) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, moduleCache, redirected, mode);
      addDep(containingFile, resolved.resolvedModule?.resolvedFileName);
      return resolved;
    });
  host.resolveTypeReferenceDirectiveReferences = (references, containingFile, redirected, compilerOptions, containingSourceFile) =>
    references.map((reference) => {
      const name = typeof reference === 'string' ? reference : reference.fileName.toLowerCase();
      const mode = typeof reference === 'string' ? undefined : ts.getModeForFileReference(reference, containingSourceFile?.impliedNodeFormat);
      const resolved = ts.resolveTypeReferenceDirective(name, containingFile, compilerOptions, host, redirected, typeCache, mode);
      // `types` / automatic @types are resolved from a file that is not in the program: they are global.
      if (!containingSourceFile && resolved.resolvedTypeReferenceDirective?.resolvedFileName)
        unattached.add(path.resolve(resolved.resolvedTypeReferenceDirective.resolvedFileName));
      else addDep(containingFile, resolved.resolvedTypeReferenceDirective?.resolvedFileName);
      return resolved;
    });

  // The checker binds every file, as the analysis would on its first question. Out of stack (in
  // the parser or the binder), that throws here, where buildSurvivingOverflow can tell which file
  // to leave out. Only files whose binding finished are kept for the next program.
  let program: TS.Program;
  try {
    program = ts.createProgram({
      rootNames,
      options,
      projectReferences: parsed.projectReferences,
      configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
      host,
    });
    program.getTypeChecker();
    sourceFiles?.commit();
  } catch (error) {
    sourceFiles?.rollback();
    throw error;
  }

  const globals = new Set<string>(unattached);
  for (const sourceFile of program.getSourceFiles()) {
    const fileName = path.resolve(sourceFile.fileName);
    for (const reference of sourceFile.referencedFiles) {
      const target = ts.resolveTripleslashReference(reference.fileName, sourceFile.fileName);
      for (const candidate of [target, `${target}.ts`, `${target}.d.ts`, `${target}.tsx`]) {
        if (program.getSourceFile(candidate)) addDep(fileName, candidate);
      }
    }
    // A file read as empty (out of stack) would pass for a script; its real text is no global.
    if (isGlobalFile(ts, program, sourceFile) && !emptied.has(fileName)) globals.add(fileName);
  }
  return { program, optionsHash, deps, globals, tooDeep: [...emptied] };
}

function hashOptions(parsed: TS.ParsedCommandLine): string {
  return createHash('sha1')
    .update(JSON.stringify({ options: parsed.options, references: parsed.projectReferences ?? [] }))
    .digest('base64url');
}

/** The hash of a plan's compiler options as its tsconfig parses now. */
export function optionsHashOf(plan: ProjectPlan, cwd: string, parseSystem: ParseConfigSystem): string {
  return hashOptions(parseTsconfig(plan.tsconfig, cwd, parseSystem));
}
