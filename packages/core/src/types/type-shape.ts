import type * as ts from 'typescript';
import type { TypeSpecifier } from '../config/schema.js';
import type { RuleContext } from '../types.js';

/**
 * What a guarded type is made of, read once from its declarations. A type alias such as AI SDK's
 * `Tool = FunctionTool | DynamicTool | ProviderDefinedTool | …` stands for each of its union
 * members, and its instantiations and narrowings lose the alias: `ExecutableTool<Tool>` is
 * `Tool & { execute }` spread over the union, a narrowed value is one member's intersection of
 * object literals. Those pieces keep their declarations, so they are recognised by them.
 */
export interface TypeShape {
  /** The spec's own declarations (interface, class, alias, enum), found in its declaring files. */
  readonly declarations: readonly TypeDeclaration[];
  /**
   * Declarations that each stand for a whole guarded value: the spec's own, and its union
   * members (named aliases, interfaces, classes, inline object literals), transitively.
   */
  readonly wholes: ReadonlySet<ts.Node>;
  /**
   * Declarations that are pieces of a guarded value: the intersection members of a whole (inline
   * literals, and aliases or interfaces declared in the spec's declaring files). A value is
   * guarded when an intersection it belongs to holds one; alone, a piece is not the type.
   */
  readonly parts: ReadonlySet<ts.Node>;
  /** Every member name the type declares, over all of its union members (for `members: "*"`). */
  memberNames(): ReadonlySet<string>;
}

type Role = 'whole' | 'part';

/** A declaration that can name a type. */
export type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;

/** The declarations of `name` among a file's statements, `declare module` and namespace bodies included. */
function declarationsNamed(tsm: RuleContext['ts'], statements: readonly ts.Statement[], name: string, out: TypeDeclaration[]): void {
  for (const statement of statements) {
    if (
      (tsm.isInterfaceDeclaration(statement) ||
        tsm.isTypeAliasDeclaration(statement) ||
        tsm.isClassDeclaration(statement) ||
        tsm.isEnumDeclaration(statement)) &&
      statement.name?.text === name
    ) {
      out.push(statement);
    } else if (tsm.isModuleDeclaration(statement)) {
      let body = statement.body;
      while (body && tsm.isModuleDeclaration(body)) body = body.body;
      if (body && tsm.isModuleBlock(body)) declarationsNamed(tsm, body.statements, name, out);
    }
  }
}

/**
 * Reads the shape of the type `spec` names. `isDeclaringFile` is the spec's file test; pieces of
 * an intersection count only when declared in such a file, so a helper shared with unrelated
 * types elsewhere (`type Named = { name: string }`) does not make them guarded.
 */
export function readTypeShape(ctx: RuleContext, spec: TypeSpecifier, isDeclaringFile: (file: ts.SourceFile) => boolean): TypeShape {
  const { ts: tsm, checker, program } = ctx;
  const declarations: TypeDeclaration[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (isDeclaringFile(sourceFile)) declarationsNamed(tsm, sourceFile.statements, spec.name, declarations);
  }
  const wholes = new Set<ts.Node>();
  const parts = new Set<ts.Node>();
  const visitedAliases = new Set<ts.Node>();

  const addDeclaration = (declaration: ts.Node, role: Role): void => {
    if (role === 'whole') wholes.add(declaration);
    else if (!wholes.has(declaration)) parts.add(declaration);
  };

  const walkReference = (typeName: ts.EntityName | ts.Expression, role: Role): void => {
    let symbol = checker.getSymbolAtLocation(typeName);
    if (symbol && symbol.flags & tsm.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) {
      const ownFile = isDeclaringFile(declaration.getSourceFile());
      if (role === 'part' && !ownFile) continue;
      if (tsm.isTypeAliasDeclaration(declaration)) {
        addDeclaration(declaration, role);
        if (!visitedAliases.has(declaration)) {
          visitedAliases.add(declaration);
          walk(declaration.type, role);
        }
      } else if (tsm.isInterfaceDeclaration(declaration) || tsm.isClassLike(declaration)) {
        addDeclaration(declaration, role);
      }
    }
  };

  // Only the structure that makes up a value is followed: unions (each member is a whole value),
  // intersections (each member a piece) and references to aliases of either. Property types,
  // conditional and mapped types are left alone.
  function walk(node: ts.TypeNode, role: Role): void {
    if (tsm.isParenthesizedTypeNode(node)) walk(node.type, role);
    else if (tsm.isUnionTypeNode(node)) for (const member of node.types) walk(member, role);
    else if (tsm.isIntersectionTypeNode(node)) for (const member of node.types) walk(member, 'part');
    else if (tsm.isTypeLiteralNode(node)) addDeclaration(node, role);
    else if (tsm.isTypeReferenceNode(node)) walkReference(node.typeName, role);
  }

  for (const declaration of declarations) {
    wholes.add(declaration);
    if (tsm.isTypeAliasDeclaration(declaration)) {
      visitedAliases.add(declaration);
      walk(declaration.type, 'whole');
    }
  }

  let names: Set<string> | undefined;
  const memberNames = (): ReadonlySet<string> => {
    if (names) return names;
    names = new Set();
    const seen = new Set<ts.Type>();
    const collect = (type: ts.Type): void => {
      if (seen.has(type)) return;
      seen.add(type);
      if (type.isUnion()) {
        for (const member of type.types) collect(member);
        return;
      }
      for (const property of checker.getPropertiesOfType(checker.getApparentType(type))) {
        // Symbol-keyed and #private members have internal names no code spells as `x.name`.
        if (!/^__[@#]/.test(property.name)) names!.add(property.name);
      }
    };
    for (const declaration of declarations) {
      if (tsm.isEnumDeclaration(declaration) || !declaration.name) continue;
      const symbol = checker.getSymbolAtLocation(declaration.name);
      if (symbol) collect(checker.getDeclaredTypeOfSymbol(symbol));
    }
    return names;
  };

  return { declarations, wholes, parts, memberNames };
}
