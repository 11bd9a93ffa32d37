import type * as ts from 'typescript';
import type { TypeSpecifier } from '../config/schema.js';
import type { RuleContext } from '../types.js';
import { createDeclaringFileTest } from './declaring-file.js';
import { parentOf } from './parent-of.js';
import { readTypeShape, type TypeShape } from './type-shape.js';
import { createImportReach } from './import-reach.js';

/** Answers "is this a guarded type?" for one type specifier; see {@link createTypeMatcher}. */
export interface TypeMatcher {
  /** The specifier this matcher was built for. */
  readonly spec: TypeSpecifier;
  /**
   * True when `type` is the specified type or reaches it: the declared interface, class, type
   * alias or enum (or one of its enum members); a class or interface that extends or implements
   * it, directly or further up; a union or intersection with such a member; a type parameter (or
   * other generic type) constrained to it; a standard-library alias over it (`Readonly<Plugin>`,
   * `Partial<Plugin>`); an object literal whose type comes from an expression
   * annotated with it or checked with `satisfies` (or `as`) against it.
   */
  matchesType(type: ts.Type): boolean;
  /** True when `symbol` (an import alias is followed) is the specified type's own declaration. */
  matchesSymbol(symbol: ts.Symbol): boolean;
  /**
   * True when `declaration` (an interface, class or object type literal) declares the specified
   * type or one of its union members or intersection pieces: a member it declares is the
   * guarded type's member, whatever copy or narrowing the value went through.
   */
  ownsDeclaration(declaration: ts.Node | undefined): boolean;
  /** The declarations and member names of the specified type, read once from the program. */
  shape(): TypeShape;
  /**
   * False when no value of the type can appear in `sourceFile`: its module references, followed
   * transitively, reach no file that declares the type or one of its union members or pieces
   * (see {@link createImportReach}). Lets a rule skip asking the checker about such a file.
   */
  mayAppearIn(sourceFile: ts.SourceFile): boolean;
}

/**
 * Builds (once per rule context and specifier) the matcher for a type named by its declaration:
 * `{ name, from }` (a path or glob relative to the config directory, tested with `ctx.matches`)
 * or `{ name, package }` (declared under `node_modules/<package>/`, its `@types/` twin, or in a
 * file whose nearest package.json has that name). Symbols and declarations are compared, never
 * type text, so import renames, re-exports and tsconfig `paths` aliases need no special case.
 * Results are cached per `ts.Type` and `ts.Symbol` inside the matcher, which lives in `ctx.memo`.
 *
 * @example
 * const plugin = createTypeMatcher(ctx, { name: 'Plugin', from: '**\/src/plugins/plugin.ts' });
 * if (plugin.matchesType(ctx.checker.getTypeAtLocation(receiver))) { ... }
 */
export function createTypeMatcher(ctx: RuleContext, spec: TypeSpecifier): TypeMatcher {
  const key = `type-matcher\u0000${spec.name}\u0000${spec.from ?? ''}\u0000${spec.package ?? ''}`;
  return ctx.memo(key, () => buildTypeMatcher(ctx, spec));
}

type NamedTypeDeclaration = ts.InterfaceDeclaration | ts.ClassLikeDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

/** The interface/class/alias/enum declaration a type symbol's declaration stands for, if any. */
function namedTypeDeclaration(tsm: RuleContext['ts'], declaration: ts.Declaration): NamedTypeDeclaration | undefined {
  if (
    tsm.isInterfaceDeclaration(declaration) ||
    tsm.isClassLike(declaration) ||
    tsm.isTypeAliasDeclaration(declaration) ||
    tsm.isEnumDeclaration(declaration)
  ) {
    return declaration;
  }
  // An enum member's literal type belongs to its enum.
  if (tsm.isEnumMember(declaration)) return declaration.parent;
  // `type Plugin = { run(): void }`: the object type's symbol is the anonymous literal's. A module
  // namespace's declaration is its SourceFile, which has no parent.
  const parent = parentOf(declaration);
  return parent && tsm.isTypeAliasDeclaration(parent) ? parent : undefined;
}

/** The type node an object literal is checked against (`satisfies`, `as`, an annotation), if any. */
function checkedAgainst(tsm: RuleContext['ts'], literal: ts.Node): ts.TypeNode | undefined {
  let node = literal;
  for (;;) {
    const parent = parentOf(node);
    if (!parent) return undefined;
    if (tsm.isParenthesizedExpression(parent)) {
      node = parent;
    } else if (tsm.isSatisfiesExpression(parent) || tsm.isAsExpression(parent) || tsm.isTypeAssertionExpression(parent)) {
      // `as const` says nothing about the target type: look past it.
      if (tsm.isConstTypeReference(parent.type)) node = parent;
      else return parent.type;
    } else if ((tsm.isVariableDeclaration(parent) || tsm.isPropertyDeclaration(parent) || tsm.isParameter(parent)) && parent.initializer === node) {
      return parent.type;
    } else {
      return undefined;
    }
  }
}

function buildTypeMatcher(ctx: RuleContext, spec: TypeSpecifier): TypeMatcher {
  const { ts: tsm, checker } = ctx;
  const isDeclaringFile = createDeclaringFileTest(ctx, spec);
  const byType = new WeakMap<ts.Type, boolean>();
  const bySymbol = new WeakMap<ts.Symbol, boolean>();
  let typeShape: TypeShape | undefined;
  const shape = (): TypeShape => (typeShape ??= readTypeShape(ctx, spec, isDeclaringFile));
  const isWhole = (symbol: ts.Symbol | undefined): boolean => (symbol?.declarations ?? []).some((d) => shape().wholes.has(d));
  const isPart = (symbol: ts.Symbol | undefined): boolean => (symbol?.declarations ?? []).some((d) => shape().parts.has(d));
  const ownsDeclaration = (declaration: ts.Node | undefined): boolean => {
    // A module namespace's declaration is a SourceFile: its parent is no declaration at all.
    if (!declaration) return false;
    if (shape().wholes.has(declaration) || shape().parts.has(declaration)) return true;
    if (tsm.isTypeLiteralNode(declaration)) return declaresSpec(declaration);
    if (!tsm.isClassLike(declaration) && !tsm.isInterfaceDeclaration(declaration)) return false;
    // A class or interface that extends or implements the type declares its members too.
    const symbol = declaration.name && checker.getSymbolAtLocation(declaration.name);
    return symbol !== undefined && matchesType(checker.getDeclaredTypeOfSymbol(symbol));
  };

  const declaresSpec = (declaration: ts.Declaration): boolean => {
    const named = namedTypeDeclaration(tsm, declaration);
    return named?.name?.text === spec.name && isDeclaringFile(named.getSourceFile());
  };

  function matchesSymbol(symbol: ts.Symbol): boolean {
    let result = bySymbol.get(symbol);
    if (result === undefined) {
      const target = symbol.flags & tsm.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      result = (target.declarations ?? []).some(declaresSpec);
      bySymbol.set(symbol, result);
    }
    return result;
  }

  function heritageMatches(type: ts.ObjectType, symbol: ts.Symbol | undefined): boolean {
    const declared = type.objectFlags & tsm.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
    if (declared.objectFlags & tsm.ObjectFlags.ClassOrInterface) {
      if ((checker.getBaseTypes(declared as ts.InterfaceType) ?? []).some(matchesType)) return true;
    }
    // `implements` clauses are not base types: read them from the class declarations.
    for (const declaration of symbol?.declarations ?? []) {
      if (!tsm.isClassLike(declaration)) continue;
      for (const clause of declaration.heritageClauses ?? []) {
        if (clause.token !== tsm.SyntaxKind.ImplementsKeyword) continue;
        if (clause.types.some((node) => matchesType(checker.getTypeFromTypeNode(node)))) return true;
      }
    }
    return false;
  }

  function objectLiteralMatches(symbol: ts.Symbol): boolean {
    if (!(symbol.flags & tsm.SymbolFlags.ObjectLiteral)) return false;
    return (symbol.declarations ?? []).some((declaration) => {
      const typeNode = checkedAgainst(tsm, declaration);
      return typeNode !== undefined && matchesType(checker.getTypeFromTypeNode(typeNode));
    });
  }

  const isStandardLibrary = (symbol: ts.Symbol): boolean =>
    (symbol.declarations ?? []).some((declaration) => ctx.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));

  function compute(type: ts.Type): boolean {
    if (type.aliasSymbol && (matchesSymbol(type.aliasSymbol) || isWhole(type.aliasSymbol))) return true;
    // `Readonly<Plugin>`, `Partial<Plugin>`: the standard library's mapped aliases keep the members.
    const [wrapped] = type.aliasTypeArguments ?? [];
    if (wrapped && type.aliasSymbol && isStandardLibrary(type.aliasSymbol) && matchesType(wrapped)) return true;
    const symbol = type.getSymbol();
    if (symbol && (matchesSymbol(symbol) || isWhole(symbol))) return true;
    if (type.isUnion()) return type.types.some(matchesType);
    // `Tool & { execute }` spread over Tool's union, or a narrowed member: the alias is gone, but
    // a piece declared as part of the guarded type is still there.
    if (type.isIntersection()) return type.types.some((member) => matchesType(member) || isPart(member.aliasSymbol) || isPart(member.getSymbol()));
    if (type.flags & tsm.TypeFlags.Instantiable) {
      const constraint = checker.getBaseConstraintOfType(type);
      return constraint !== undefined && constraint !== type && matchesType(constraint);
    }
    if (type.flags & tsm.TypeFlags.Object) {
      return heritageMatches(type as ts.ObjectType, symbol) || (symbol !== undefined && objectLiteralMatches(symbol));
    }
    return false;
  }

  function matchesType(type: ts.Type): boolean {
    const cached = byType.get(type);
    if (cached !== undefined) return cached;
    // Provisional answer for cycles (only erroneous code has them): a type adds nothing to itself.
    byType.set(type, false);
    const result = compute(type);
    byType.set(type, result);
    return result;
  }

  let reach: ((sourceFile: ts.SourceFile) => boolean) | undefined;
  const mayAppearIn = (sourceFile: ts.SourceFile): boolean => {
    if (!reach) {
      // Every file that may declare the type counts, not only where `shape()` found it: a class
      // expression or enum member named like it is still its declaration to `matchesSymbol`.
      const targets = new Set<ts.SourceFile>();
      for (const file of ctx.program.getSourceFiles()) if (file.text.includes(spec.name) && isDeclaringFile(file)) targets.add(file);
      for (const declaration of [...shape().wholes, ...shape().parts]) targets.add(declaration.getSourceFile());
      reach = createImportReach(ctx, targets);
    }
    return reach(sourceFile);
  };

  return { spec, matchesType, matchesSymbol, ownsDeclaration, shape, mayAppearIn };
}
