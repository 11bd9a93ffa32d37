import type * as ts from 'typescript';
import { resolvedModuleFile } from '../layers/value-imports.js';
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
// triple-slash references. A file holding one is assumed to reach everything.
const HIDDEN_REFERENCE = /\bimport\s*\(|\brequire\s*\(/;

/**
 * A test for "can a value of a type declared in one of `targets` appear in this file?": true when
 * the file's imports and re-exports (type-only ones included), followed transitively, reach one of
 * them. Types flow only along imports, so a file that reaches none holds no such value; files with
 * references the declarations do not show, and every file when a target is a global script, count
 * as reaching. Built once: the import graph is walked backwards from the targets.
 */
export function createImportReach(ctx: RuleContext, targets: ReadonlySet<ts.SourceFile>): (sourceFile: ts.SourceFile) => boolean {
  const { ts: tsm, program } = ctx;
  if ([...targets].some((file) => !tsm.isExternalModule(file))) return () => true;
  const importers = new Map<ts.SourceFile, ts.SourceFile[]>();
  const reaching = new Set<ts.SourceFile>(targets);
  for (const file of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(file)) continue;
    if (file.referencedFiles.length > 0 || HIDDEN_REFERENCE.test(file.text)) reaching.add(file);
    for (const specifier of moduleSpecifiers(tsm, file)) {
      const imported = resolvedModuleFile(ctx, specifier);
      if (!imported) continue;
      const list = importers.get(imported);
      if (list) list.push(file);
      else importers.set(imported, [file]);
    }
  }
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
  return (sourceFile) => reaching.has(sourceFile);
}
