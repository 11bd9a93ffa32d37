import type * as ts from 'typescript';
import type { RuleContext } from '../types.js';

/** One binding an import or re-export brings in, with the node a finding marks. */
export interface ImportedBinding {
  /** Name shown in messages (`default`, `* as ns`, `{ run }`). */
  label: string;
  /** The local binding to follow through the file, when the import creates one. */
  local: ts.Identifier | undefined;
  /** The exported name it refers to, for re-exports (where no local binding exists). */
  exported: ts.Identifier | ts.StringLiteral | undefined;
  node: ts.Node;
}

/** The file a module specifier resolves to, through the checker (so tsconfig `paths` count). */
export function resolvedModuleFile(ctx: RuleContext, specifier: ts.Expression): ts.SourceFile | undefined {
  const symbol = ctx.checker.getSymbolAtLocation(specifier);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  return declaration && ctx.ts.isSourceFile(declaration) ? declaration : undefined;
}

/**
 * The file a `require('…')` specifier resolves to. The checker links `require` only in JavaScript
 * files; in TypeScript the program's own options resolve it, against the program's files (the
 * only files a layer can sit in), so no file system is touched.
 */
export function requiredModuleFile(ctx: RuleContext, specifier: ts.StringLiteralLike): ts.SourceFile | undefined {
  const linked = resolvedModuleFile(ctx, specifier);
  if (linked) return linked;
  const { program } = ctx;
  const host = { fileExists: (fileName: string) => program.getSourceFile(fileName) !== undefined, readFile: () => undefined };
  const resolved = ctx.ts.resolveModuleName(
    specifier.text,
    specifier.getSourceFile().fileName,
    program.getCompilerOptions(),
    host,
    undefined,
    undefined,
    ctx.ts.ModuleKind.CommonJS,
  );
  return resolved.resolvedModule ? program.getSourceFile(resolved.resolvedModule.resolvedFileName) : undefined;
}

/** True for `require('…')` with one string literal: a CommonJS import of that module. */
export function isRequireCall(ctx: RuleContext, call: ts.CallExpression): call is ts.CallExpression & { arguments: [ts.StringLiteralLike] } {
  const { ts: tsm } = ctx;
  return tsm.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1 && tsm.isStringLiteralLike(call.arguments[0]!);
}

/** The declaration an imported name finally stands for, past every re-export (barrels included). */
export function importedDeclaration(ctx: RuleContext, local: ts.Identifier): ts.Declaration | undefined {
  const symbol = ctx.checker.getSymbolAtLocation(local);
  if (!symbol) return undefined;
  const target = symbol.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
  return target.valueDeclaration ?? target.declarations?.[0];
}

/** The bindings of an import declaration that are not written type-only. */
export function importedValueBindings(ctx: RuleContext, declaration: ts.ImportDeclaration): ImportedBinding[] {
  const clause = declaration.importClause;
  if (!clause) return [];
  if (clause.phaseModifier === ctx.ts.SyntaxKind.TypeKeyword) return [];
  const bindings: ImportedBinding[] = [];
  if (clause.name) bindings.push({ label: clause.name.text, local: clause.name, exported: undefined, node: clause.name });
  const named = clause.namedBindings;
  if (named && ctx.ts.isNamespaceImport(named)) {
    bindings.push({ label: `* as ${named.name.text}`, local: named.name, exported: undefined, node: named });
  } else if (named) {
    for (const element of named.elements) {
      if (!element.isTypeOnly) bindings.push({ label: element.name.text, local: element.name, exported: undefined, node: element });
    }
  }
  return bindings;
}

/** The bindings of `export … from` that are not written type-only; `export *` is one binding. */
export function reexportedValueBindings(ctx: RuleContext, declaration: ts.ExportDeclaration): ImportedBinding[] {
  if (declaration.isTypeOnly || !declaration.moduleSpecifier) return [];
  const clause = declaration.exportClause;
  if (!clause) return [{ label: '*', local: undefined, exported: undefined, node: declaration.moduleSpecifier }];
  if (ctx.ts.isNamespaceExport(clause)) return [{ label: `* as ${clause.name.text}`, local: undefined, exported: undefined, node: clause }];
  return clause.elements
    .filter((element) => !element.isTypeOnly)
    .map((element) => ({
      label: element.name.text,
      local: undefined,
      exported: element.propertyName ?? element.name,
      node: element,
    }));
}

/** True when the symbol an alias finally names has a value meaning (not only a type). */
export function aliasHasValue(ctx: RuleContext, name: ts.Node): boolean {
  const symbol = ctx.checker.getSymbolAtLocation(name);
  // Unresolvable imports are kept (the checker's "unknown" symbol counts as a value too):
  // we cannot prove them type-only.
  if (!symbol) return true;
  const target = symbol.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
  return (target.flags & ctx.ts.SymbolFlags.Value) !== 0;
}

/** True for an identifier in a type position: erased at compile time, no runtime dependency. */
export function isTypePosition(ctx: RuleContext, identifier: ts.Identifier): boolean {
  if (ctx.ts.isPartOfTypeNode(identifier)) return true;
  // `implements X` and `interface I extends X` name types; a class's `extends X` is a value.
  let node: ts.Node = identifier;
  while (ctx.ts.isPropertyAccessExpression(node.parent) || ctx.ts.isQualifiedName(node.parent)) node = node.parent;
  const heritage = node.parent?.parent;
  if (!ctx.ts.isExpressionWithTypeArguments(node.parent) || !heritage || !ctx.ts.isHeritageClause(heritage)) return false;
  return heritage.token === ctx.ts.SyntaxKind.ImplementsKeyword || ctx.ts.isInterfaceDeclaration(heritage.parent);
}

/** True for an identifier that names an import binding itself (`a` and `b` of `import { a as b }`). */
export function isImportBindingName(ctx: RuleContext, identifier: ts.Identifier): boolean {
  const { ts: tsm } = ctx;
  const parent = identifier.parent;
  return tsm.isImportSpecifier(parent) || tsm.isImportClause(parent) || tsm.isNamespaceImport(parent) || tsm.isImportEqualsDeclaration(parent);
}
