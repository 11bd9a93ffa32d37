import type * as ts from 'typescript';
import { skipWrappersDown } from '../ast/index.js';
import type { RuleContext } from '../types.js';
import { mayHoldValue } from './upcasts.js';

/** How a member name may hand out a guarded value, as far as the program's declarations tell. */
export interface MemberNameIndex {
  /** Names of members declared with a type that may be guarded, or with no stated type. */
  readonly mayHold: ReadonlySet<string>;
  /** Names of members of generic classes and interfaces (the standard library's `get`, `find`…): judged by their receiver. */
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

  const addMember = (node: ts.Node, inGeneric: boolean, reaching: boolean): void => {
    const name = memberName(node);
    if (name === undefined) return;
    const typed = node as { type?: ts.TypeNode; typeParameters?: unknown; initializer?: ts.Expression };
    if (inGeneric) generic.add(name);
    // `private readonly cache = new Map()` may; `private count = 0` and `= () => …` may not.
    if (reaching && !typed.type && typed.initializer && !mayHoldValue(tsm, skipWrappersDown(tsm, typed.initializer))) return;
    if (reaching && !typed.typeParameters && !mayHold.has(name) && (!typed.type || typeMayBeGuarded(checker.getTypeFromTypeNode(typed.type)))) {
      mayHold.add(name);
    }
    // A generic method hands out what its type arguments say: its own declaration cannot tell.
    if (reaching && typed.typeParameters) mayHold.add(name);
  };
  const isMember = (node: ts.Node): boolean =>
    tsm.isPropertySignature(node) ||
    tsm.isPropertyDeclaration(node) ||
    tsm.isMethodSignature(node) ||
    tsm.isMethodDeclaration(node) ||
    tsm.isGetAccessorDeclaration(node);
  const isGenericOwner = (node: ts.Node): boolean =>
    (tsm.isClassLike(node) || tsm.isInterfaceDeclaration(node) || tsm.isTypeAliasDeclaration(node)) && node.typeParameters !== undefined;

  // Files that see a guarded type: every member declaration, at any depth.
  const visitAll = (node: ts.Node, inGeneric: boolean): void => {
    const generics = inGeneric || isGenericOwner(node);
    if (isMember(node)) addMember(node, generics, true);
    tsm.forEachChild(node, (child) => visitAll(child, generics));
  };
  // Other files (the standard library too): only members of generic top-level declarations.
  const visitDeclarations = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if (tsm.isModuleDeclaration(statement) && statement.body && tsm.isModuleBlock(statement.body)) visitDeclarations(statement.body.statements);
      else if ((tsm.isClassDeclaration(statement) || tsm.isInterfaceDeclaration(statement)) && statement.typeParameters) {
        for (const member of statement.members) addMember(member, true, false);
      }
    }
  };

  for (const file of program.getSourceFiles()) {
    if (reaches(file)) visitAll(file, false);
    else visitDeclarations(file.statements);
  }
  return { mayHold, generic };
}
