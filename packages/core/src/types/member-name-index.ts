import type * as ts from 'typescript';
import { skipWrappersDown, typeNodeMentions } from '../ast/index.js';
import type { RuleContext } from '../types.js';
import { mayHoldValue } from './upcasts.js';

/** How a member name may hand out a guarded value, as far as the program's declarations tell. */
export interface MemberNameIndex {
  /** Names of members declared with a type that may be guarded, or with no stated type. */
  readonly mayHold: ReadonlySet<string>;
  /**
   * Names of members of generic classes and interfaces whose stated types mention the owner's type
   * parameters (the standard library's `get`, `find`, `forEach`…, not `length`): judged by their receiver.
   */
  readonly generic: ReadonlySet<string>;
}

/**
 * Indexes member names once per program so that most member reads and method calls are judged
 * by their name, without asking the checker to type their receivers. Only declarations in files
 * that can see a guarded type (`reaches`) may state it; members of generic declarations, anywhere
 * (the standard library included), may hand out whatever their receiver holds. Class, interface
 * and type-literal members count; properties of untyped object literals do not, so a plugin put
 * into `{ plugin }` and read back out is not followed.
 */
export function buildMemberNameIndex(
  ctx: RuleContext,
  reaches: (file: ts.SourceFile) => boolean,
  typeMayBeGuarded: (type: ts.Type) => boolean,
): MemberNameIndex {
  const { ts: tsm, checker, program } = ctx;
  const mayHold = new Set<string>();
  const generic = new Set<string>();

  const memberName = (node: ts.Node): string | undefined => {
    const name = (node as { name?: ts.Node }).name;
    return name && (tsm.isIdentifier(name) || tsm.isStringLiteral(name) || tsm.isPrivateIdentifier(name)) ? name.text : undefined;
  };

  // Whether a member's stated types mention one of its owner's type parameters (or `this`): only
  // then can what it hands out depend on what the receiver holds. `length: number` of `Array<T>`
  // cannot; `find(…): T | undefined` and `forEach(cb: (value: T) => void)` can. A member with no
  // stated type is assumed to.
  const mentionsTypeParameter = (node: ts.Node, names: ReadonlySet<string>): boolean => {
    const typed = node as {
      type?: ts.TypeNode;
      parameters?: ts.NodeArray<ts.ParameterDeclaration>;
      typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration>;
    };
    const typeNodes = [typed.type, ...(typed.parameters ?? []).map((p) => p.type), ...(typed.typeParameters ?? []).map((p) => p.constraint)];
    if (typed.type === undefined && !tsm.isMethodDeclaration(node) && !tsm.isMethodSignature(node)) return true;
    return typeNodes.some((typeNode) => typeNode === undefined || typeNodeMentions(tsm, typeNode, names));
  };

  const addMember = (node: ts.Node, ownerTypeParameters: ReadonlySet<string>, reaching: boolean): void => {
    const name = memberName(node);
    if (name === undefined) return;
    const typed = node as { type?: ts.TypeNode; typeParameters?: unknown; initializer?: ts.Expression };
    if (ownerTypeParameters.size > 0 && mentionsTypeParameter(node, ownerTypeParameters)) generic.add(name);
    // `private readonly cache = new Map()` may; `private count = 0` and `= () => …` may not.
    if (reaching && !typed.type && typed.initializer && !mayHoldValue(tsm, skipWrappersDown(tsm, typed.initializer))) return;
    if (reaching && !typed.typeParameters && !mayHold.has(name) && (!typed.type || typeMayBeGuarded(checker.getTypeFromTypeNode(typed.type)))) {
      mayHold.add(name);
    }
    // A generic method hands out what its type arguments say: its own declaration cannot tell.
    if (reaching && typed.typeParameters) mayHold.add(name);
  };
  const isMember = (node: ts.Node): boolean =>
    // `constructor(private readonly plugin: Plugin)` declares a member too.
    (tsm.isParameter(node) && tsm.isParameterPropertyDeclaration(node, node.parent)) ||
    tsm.isPropertySignature(node) ||
    tsm.isPropertyDeclaration(node) ||
    tsm.isMethodSignature(node) ||
    tsm.isMethodDeclaration(node) ||
    tsm.isGetAccessorDeclaration(node);
  const NONE: ReadonlySet<string> = new Set();
  /** The type parameters in scope inside `node`: its own (a generic class, interface or alias) added to the enclosing ones. */
  const typeParametersIn = (node: ts.Node, enclosing: ReadonlySet<string>): ReadonlySet<string> => {
    const own = (tsm.isClassLike(node) || tsm.isInterfaceDeclaration(node) || tsm.isTypeAliasDeclaration(node)) && node.typeParameters;
    return own ? new Set([...enclosing, ...own.map((parameter) => parameter.name.text)]) : enclosing;
  };

  // Files that see a guarded type: every member declaration, at any depth.
  const visitAll = (node: ts.Node, enclosing: ReadonlySet<string>): void => {
    const inScope = typeParametersIn(node, enclosing);
    if (isMember(node)) addMember(node, inScope, true);
    tsm.forEachChild(node, (child) => visitAll(child, inScope));
  };
  // Other files (the standard library too): only members of generic top-level declarations.
  const visitDeclarations = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if (tsm.isModuleDeclaration(statement) && statement.body && tsm.isModuleBlock(statement.body)) visitDeclarations(statement.body.statements);
      else if ((tsm.isClassDeclaration(statement) || tsm.isInterfaceDeclaration(statement)) && statement.typeParameters) {
        const inScope = typeParametersIn(statement, NONE);
        for (const member of statement.members) addMember(member, inScope, false);
      }
    }
  };

  for (const file of program.getSourceFiles()) {
    if (reaches(file)) visitAll(file, NONE);
    else visitDeclarations(file.statements);
  }
  return { mayHold, generic };
}
