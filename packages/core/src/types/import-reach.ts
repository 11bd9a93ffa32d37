import type * as ts from 'typescript';
import { requiredModuleFile, resolvedModuleFile } from '../layers/value-imports.js';
import type { RuleContext } from '../types.js';

/** Module specifiers of a file's import and export declarations and `import x = require(…)`. */
function moduleSpecifiers(tsm: RuleContext['ts'], sourceFile: ts.SourceFile): ts.Expression[] {
  const specifiers: ts.Expression[] = [];
  const visit = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if ((tsm.isImportDeclaration(statement) || tsm.isExportDeclaration(statement)) && statement.moduleSpecifier) {
        specifiers.push(statement.moduleSpecifier);
      } else if (tsm.isImportEqualsDeclaration(statement) && tsm.isExternalModuleReference(statement.moduleReference)) {
        specifiers.push(statement.moduleReference.expression);
      } else if (tsm.isModuleDeclaration(statement) && statement.body && tsm.isModuleBlock(statement.body)) {
        visit(statement.body.statements);
      }
    }
  };
  visit(sourceFile.statements);
  return specifiers;
}

// Module references the declarations above do not show: `import('./x').T` types, `require()`,
// JSDoc `@import` tags. Without the program's own list of a file's module references, a file
// holding one is assumed to reach everything.
const HIDDEN_REFERENCE = /\bimport\s*\(|\brequire\s*\(|@import\b/;

/**
 * Every module reference of a file as the program collected it (`SourceFile.imports`: imports,
 * re-exports, `import x = require`, `import()` calls and types, `require()` in JavaScript, JSDoc
 * `@import`), or undefined when this TypeScript does not expose it.
 */
function collectedImports(sourceFile: ts.SourceFile): readonly ts.StringLiteralLike[] | undefined {
  const imports = (sourceFile as { imports?: readonly ts.StringLiteralLike[] }).imports;
  return Array.isArray(imports) ? imports : undefined;
}

/** `Program.getResolvedModuleFromModuleSpecifier`: present since TypeScript 5.3, not in its public types. */
interface ProgramWithResolutions {
  getResolvedModuleFromModuleSpecifier?: (
    specifier: ts.StringLiteralLike,
    sourceFile: ts.SourceFile,
  ) => { resolvedModule?: { resolvedFileName: string } | undefined } | undefined;
}

/** True when a module file adds to other files' scopes: `declare global { … }` or `declare module '…' { … }`. */
function augmentsOthers(tsm: RuleContext['ts'], sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some(
    (statement) => tsm.isModuleDeclaration(statement) && (tsm.isStringLiteral(statement.name) || (statement.flags & tsm.NodeFlags.GlobalAugmentation) !== 0),
  );
}

/** The program's import graph, walked backwards by every reach test. */
interface ImportGraph {
  /** For each file, the files that import or re-export it. */
  readonly importers: ReadonlyMap<ts.SourceFile, readonly ts.SourceFile[]>;
  /** Files with module references the graph cannot show: they count as reaching. */
  readonly opaque: readonly ts.SourceFile[];
  /** Files whose declarations are in scope everywhere: scripts, global and module augmentations. */
  readonly globalScope: ReadonlySet<ts.SourceFile>;
}

function importGraph(ctx: RuleContext): ImportGraph {
  return ctx.memo('import-reach:graph', () => {
    const { ts: tsm, program } = ctx;
    const importers = new Map<ts.SourceFile, ts.SourceFile[]>();
    const opaque: ts.SourceFile[] = [];
    const globalScope = new Set<ts.SourceFile>();
    // The program resolved every collected reference already; asking it is a lookup, where the
    // checker would resolve the module symbol again. Anything it cannot answer goes to the checker.
    const resolved = (program as ProgramWithResolutions).getResolvedModuleFromModuleSpecifier;
    const resolveImport = (specifier: ts.StringLiteralLike, file: ts.SourceFile): ts.SourceFile | undefined => {
      const fileName = resolved?.call(program, specifier, file)?.resolvedModule?.resolvedFileName;
      return (fileName !== undefined ? program.getSourceFile(fileName) : undefined) ?? requiredModuleFile(ctx, specifier);
    };
    const addEdge = (file: ts.SourceFile, imported: ts.SourceFile | undefined): void => {
      if (!imported) return;
      const list = importers.get(imported);
      if (list) list.push(file);
      else importers.set(imported, [file]);
    };
    for (const file of program.getSourceFiles()) {
      if (program.isSourceFileDefaultLibrary(file)) continue;
      if (!tsm.isExternalModule(file) || augmentsOthers(tsm, file)) globalScope.add(file);
      const collected = collectedImports(file);
      if (collected) {
        for (const specifier of collected) addEdge(file, resolveImport(specifier, file));
        continue;
      }
      if (HIDDEN_REFERENCE.test(file.text)) opaque.push(file);
      for (const specifier of moduleSpecifiers(tsm, file)) addEdge(file, resolvedModuleFile(ctx, specifier));
    }
    return { importers, opaque, globalScope };
  });
}

/**
 * A test for "can a value of a type declared in one of `targets` appear in this file?": true when
 * the file's module references (type-only ones included), followed transitively, reach one of
 * them. Types flow only along imports and through the global scope, so a file that reaches none
 * holds no such value. When a target, or a file that reaches one, is in the global scope (a
 * script, `declare global`, a module augmentation), every file does. The import graph is built
 * once per rule context; a `/// <reference>` adds a file to the program, not to a file's scope.
 */
export function createImportReach(ctx: RuleContext, targets: ReadonlySet<ts.SourceFile>): (sourceFile: ts.SourceFile) => boolean {
  const { ts: tsm } = ctx;
  if ([...targets].some((file) => !tsm.isExternalModule(file))) return () => true;
  const { importers, opaque, globalScope } = importGraph(ctx);
  const reaching = new Set<ts.SourceFile>([...targets, ...opaque]);
  const queue = [...reaching];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const importer of importers.get(file) ?? []) {
      if (!reaching.has(importer)) {
        reaching.add(importer);
        queue.push(importer);
      }
    }
  }
  for (const file of reaching) if (globalScope.has(file)) return () => true;
  return (sourceFile) => reaching.has(sourceFile);
}
