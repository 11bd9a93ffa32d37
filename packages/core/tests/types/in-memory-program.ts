import * as path from 'node:path';
import * as ts from 'typescript';
import { createRuleContext, resolveConfig, type ConfigInput, type RuleContext } from '../../src/index.js';

/** Root of every in-memory project; file names in tests are relative to it. */
export const PROJECT_DIR = '/virtual/project';

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  lib: ['lib.es2022.d.ts'],
  types: [],
  noEmit: true,
};

// Test-only: the standard library never changes during a run, so each worker parses it once.
const libFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * A real ts.Program over in-memory files (paths relative to {@link PROJECT_DIR}); the default
 * library files still come from disk so `Array`, `Map` and `Reflect` are typed as in a project.
 */
export function createInMemoryProgram(files: Readonly<Record<string, string>>, extraOptions: ts.CompilerOptions = {}): ts.Program {
  const options = { ...COMPILER_OPTIONS, ...extraOptions };
  const sources = new Map(Object.entries(files).map(([name, text]) => [path.posix.join(PROJECT_DIR, name), text]));
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (fileName) => sources.has(fileName) || (!fileName.startsWith(PROJECT_DIR) && fileExists(fileName));
  host.readFile = (fileName) => sources.get(fileName) ?? (fileName.startsWith(PROJECT_DIR) ? undefined : readFile(fileName));
  host.directoryExists = (dir) => [...sources.keys()].some((name) => name.startsWith(`${dir}/`)) || !dir.startsWith(PROJECT_DIR);
  host.getCurrentDirectory = () => PROJECT_DIR;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = sources.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    if (!libFiles.has(fileName)) libFiles.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return libFiles.get(fileName);
  };
  const roots = options.allowJs ? /\.[jt]sx?$/ : /\.tsx?$/;
  const rootNames = [...sources.keys()].filter((name) => roots.test(name) && !name.includes('/node_modules/'));
  return ts.createProgram({ rootNames, options, host });
}

/** A rule context over `program` with `config` resolved as if it sat in {@link PROJECT_DIR}. */
export function createInMemoryContext(program: ts.Program, config: ConfigInput = {}): RuleContext {
  return createRuleContext(ts, program, resolveConfig(config, { configFile: null, configDir: PROJECT_DIR }));
}

/** Semantic errors of the in-memory project, so a test never passes on code that does not compile. */
export function compileErrors(program: ts.Program): string[] {
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.posix.relative(PROJECT_DIR, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/** The type of the variable `name` declared in `file`, as the checker sees it at its declaration. */
export function typeOfVariable(program: ts.Program, file: string, name: string): ts.Type {
  const sourceFile = program.getSourceFile(path.posix.join(PROJECT_DIR, file));
  if (!sourceFile) throw new Error(`no source file ${file}`);
  let found: ts.VariableDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error(`no variable ${name} in ${file}`);
  return program.getTypeChecker().getTypeAtLocation(found.name);
}
