import type * as ts from 'typescript';
import type { RuleContext } from '../types.js';
import { walkIteratively } from '../walk-iteratively.js';

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

function isTypePosition(ctx: RuleContext, identifier: ts.Identifier): boolean {
  if (ctx.ts.isPartOfTypeNode(identifier)) return true;
  // `implements X` and `interface I extends X` name types; a class's `extends X` is a value.
  let node: ts.Node = identifier;
  while (ctx.ts.isPropertyAccessExpression(node.parent) || ctx.ts.isQualifiedName(node.parent)) node = node.parent;
  const heritage = node.parent?.parent;
  if (!ctx.ts.isExpressionWithTypeArguments(node.parent) || !heritage || !ctx.ts.isHeritageClause(heritage)) return false;
  return heritage.token === ctx.ts.SyntaxKind.ImplementsKeyword || ctx.ts.isInterfaceDeclaration(heritage.parent);
}

/**
 * The local import bindings among `locals` that the file uses as values. Bindings used only in
 * type positions are erased at compile time and create no runtime dependency.
 */
export function bindingsUsedAsValues(ctx: RuleContext, sourceFile: ts.SourceFile, locals: readonly ts.Identifier[]): Set<ts.Identifier> {
  const used = new Set<ts.Identifier>();
  const byName = new Map<string, { local: ts.Identifier; symbol: ts.Symbol | undefined }[]>();
  for (const local of locals) {
    const entry = { local, symbol: ctx.checker.getSymbolAtLocation(local) };
    byName.set(local.text, [...(byName.get(local.text) ?? []), entry]);
  }
  const visit = (node: ts.Node): boolean | void => {
    if (ctx.ts.isImportDeclaration(node)) return false;
    if (ctx.ts.isIdentifier(node)) {
      const candidates = byName.get(node.text);
      if (candidates && !isTypePosition(ctx, node)) {
        // Shorthand `{ x }` refers to the value binding, not the property it creates.
        const symbol = ctx.ts.isShorthandPropertyAssignment(node.parent)
          ? ctx.checker.getShorthandAssignmentValueSymbol(node.parent)
          : ctx.checker.getSymbolAtLocation(node);
        for (const candidate of candidates) if (candidate.symbol && candidate.symbol === symbol) used.add(candidate.local);
      }
      return false;
    }
  };
  walkIteratively(ctx.ts, sourceFile, visit);
  return used;
}
