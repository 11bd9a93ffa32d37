import type * as ts from 'typescript';
import { skipWrappersDown, someReturnedValue, typeNodeMentions } from '../ast/index.js';
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

  // What a function without a stated return type hands back, judged by syntax as the checker would
  // infer it: its `return`s (or concise body), arrays by their elements. No body, or a generator: anything.
  const returnsMayHold = (fn: ts.SignatureDeclaration): boolean => someReturnedValue(tsm, fn, (value) => mayHoldValue(tsm, value));

  const addMember = (node: ts.Node, ownerTypeParameters: ReadonlySet<string>, reaching: boolean): void => {
    const name = memberName(node);
    if (name === undefined) return;
    const typed = node as { type?: ts.TypeNode; typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration>; initializer?: ts.Expression };
    if (ownerTypeParameters.size > 0 && mentionsTypeParameter(node, ownerTypeParameters)) generic.add(name);
    if (!reaching || mayHold.has(name)) return;
    // `isOptions(x): x is Options` and `assert(x): asserts x` return a boolean or nothing.
    if (typed.type && tsm.isTypePredicateNode(typed.type)) return;
    const initializer = typed.initializer && skipWrappersDown(tsm, typed.initializer);
    if (!typed.type) {
      // A method, or a property holding a function (`getPlugin = () => this.plugin`): what a call hands back.
      const fn =
        tsm.isMethodDeclaration(node) || tsm.isGetAccessorDeclaration(node)
          ? node
          : initializer && (tsm.isArrowFunction(initializer) || tsm.isFunctionExpression(initializer))
            ? initializer
            : undefined;
      if (fn) {
        if (returnsMayHold(fn)) mayHold.add(name);
        return;
      }
      // `private readonly cache = new Map()` may; `private count = 0` may not.
      if (initializer && !mayHoldValue(tsm, initializer)) return;
      mayHold.add(name);
      return;
    }
    // A generic method hands out what its type arguments say where its stated type names them.
    const ownParameters = typed.typeParameters && new Set(typed.typeParameters.map((parameter) => parameter.name.text));
    if (ownParameters && typeNodeMentions(tsm, typed.type, ownParameters)) {
      mayHold.add(name);
      return;
    }
    // `getPlugin: () => Plugin`: a call hands back what the function type returns.
    const stated = tsm.isFunctionTypeNode(typed.type) ? typed.type.type : typed.type;
    if (typeMayBeGuarded(checker.getTypeFromTypeNode(stated))) mayHold.add(name);
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
