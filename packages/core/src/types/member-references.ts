import type * as ts from 'typescript';
import type { RuleContext, TypeScriptModule } from '../types.js';
import { builtinCallee, isMutatedThrough, memberUse, skipWrappersDown, skipWrappersUp, type MemberUse } from './member-use.js';

/** A place in the code that may read or write a member by one of the wanted names. */
export interface MemberReference {
  /** The node to report: the member's identifier, string literal, key expression or property name. */
  readonly node: ts.Node;
  /** The member names it may denote: a key of a union literal type may denote several. */
  readonly names: readonly string[];
  readonly use: MemberUse;
  /** True when the member, or anything reached through it, is mutated here. */
  readonly mutated: boolean;
  /** The type of the object the member is read from; asked only when a guard needs it. */
  receiverType(): ts.Type | undefined;
}

/** Member names a key expression may denote, read from its type where the text is not literal. */
function keyNames(ctx: RuleContext, key: ts.Expression, wanted: ReadonlySet<string>): string[] {
  const tsm = ctx.ts;
  if (tsm.isStringLiteralLike(key)) return wanted.has(key.text) ? [key.text] : [];
  if (tsm.isNumericLiteral(key) || tsm.isPrefixUnaryExpression(key)) return [];
  // `const k = 'run'`, `k: 'run' | 'name'`, a key narrowed by `if`/`switch`: the checker's type
  // of the key at this very location says which members it can name.
  const type = ctx.checker.getTypeAtLocation(key);
  const parts = type.isUnion() ? type.types : [type];
  const names: string[] = [];
  for (const part of parts) {
    if (part.isStringLiteral() && wanted.has(part.value)) names.push(part.value);
  }
  return names;
}

function propertyNameNames(ctx: RuleContext, name: ts.PropertyName, wanted: ReadonlySet<string>): string[] {
  const tsm = ctx.ts;
  if (tsm.isIdentifier(name) || tsm.isStringLiteral(name)) return wanted.has(name.text) ? [name.text] : [];
  if (tsm.isComputedPropertyName(name)) return keyNames(ctx, name.expression, wanted);
  return [];
}

function isAssignmentPattern(tsm: TypeScriptModule, literal: ts.Expression): boolean {
  let node: ts.Node = literal;
  for (;;) {
    const parent: ts.Node = node.parent;
    if (tsm.isParenthesizedExpression(parent) || tsm.isArrayLiteralExpression(parent)) node = parent;
    else if (tsm.isPropertyAssignment(parent) && parent.initializer === node) node = parent.parent;
    else if (tsm.isBinaryExpression(parent)) return parent.left === node && parent.operatorToken.kind === tsm.SyntaxKind.EqualsToken;
    else if (tsm.isForOfStatement(parent)) return parent.initializer === node;
    else return false;
  }
}

/** The element type of an array, tuple or (by its first type argument) iterable. */
function iteratedType(ctx: RuleContext, type: ts.Type): ts.Type | undefined {
  const indexed = ctx.checker.getIndexTypeOfType(type, ctx.ts.IndexKind.Number);
  if (indexed) return indexed;
  const objectFlags = (type as ts.ObjectType).objectFlags ?? 0;
  return objectFlags & ctx.ts.ObjectFlags.Reference ? ctx.checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
}

/** The type of the value an assignment pattern (`({ run } = p)`, nested, or in for…of) takes apart. */
function patternSourceType(ctx: RuleContext, pattern: ts.Expression): ts.Type | undefined {
  const { ts: tsm, checker } = ctx;
  let node: ts.Expression = pattern;
  while (tsm.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (tsm.isBinaryExpression(parent)) return checker.getTypeAtLocation(parent.right);
  if (tsm.isForOfStatement(parent)) return iteratedType(ctx, checker.getTypeAtLocation(parent.expression));
  if (tsm.isPropertyAssignment(parent) && (tsm.isIdentifier(parent.name) || tsm.isStringLiteral(parent.name))) {
    const outer = patternSourceType(ctx, parent.parent);
    const property = outer && checker.getPropertyOfType(checker.getNonNullableType(outer), parent.name.text);
    return property && checker.getTypeOfSymbolAtLocation(property, parent);
  }
  if (tsm.isArrayLiteralExpression(parent)) {
    const outer = patternSourceType(ctx, parent);
    if (!outer) return undefined;
    const element = checker.getPropertyOfType(outer, String(parent.elements.indexOf(node)));
    return element ? checker.getTypeOfSymbolAtLocation(element, parent) : iteratedType(ctx, outer);
  }
  return undefined;
}

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

const isSelf = (tsm: TypeScriptModule, receiver: ts.Expression): boolean =>
  // `this.run()` / `super.run()` inside a class or literal is the implementation talking to itself.
  receiver.kind === tsm.SyntaxKind.ThisKeyword || receiver.kind === tsm.SyntaxKind.SuperKeyword;

/**
 * Every place in `sourceFile` that may use a member named in `wanted`, found by syntax alone:
 * property and element accesses (literal keys, or keys whose type is a literal), destructuring
 * in declarations, parameters, assignments and for…of, `Reflect.get/set/defineProperty/…` and
 * `Object.assign/defineProperty/defineProperties` writes. Type positions are never entered and
 * the checker is asked only for non-literal keys; receiver types are computed on demand.
 */
export function findMemberReferences(ctx: RuleContext, sourceFile: ts.SourceFile, wanted: ReadonlySet<string>): MemberReference[] {
  const { ts: tsm, checker } = ctx;
  const found: MemberReference[] = [];
  const typeAt = (node: ts.Node) => lazy(() => checker.getTypeAtLocation(node));
  const add = (node: ts.Node, names: readonly string[], use: MemberUse, mutated: boolean, receiverType: () => ts.Type | undefined) => {
    if (names.length > 0) found.push({ node, names, use, mutated, receiverType });
  };

  const visitObjectLiteralMember = (member: ts.ObjectLiteralElementLike, literal: ts.ObjectLiteralExpression) => {
    if (tsm.isSpreadAssignment(member)) return;
    const names = member.name ? propertyNameNames(ctx, member.name, wanted) : [];
    if (names.length === 0) return;
    if (isAssignmentPattern(tsm, literal)) {
      add(member.name, names, 'reference', false, lazy(() => patternSourceType(ctx, literal)));
      return;
    }
    // A property of a literal written into a guarded object: `Object.assign(p, { run })`.
    const outer = skipWrappersUp(tsm, literal);
    const call = outer.parent;
    if (!tsm.isCallExpression(call) || call.arguments.indexOf(outer) < 1) return;
    const callee = builtinCallee(tsm, call);
    const target = call.arguments[0];
    if (target && (callee === 'Object.assign' || (callee === 'Object.defineProperties' && call.arguments[1] === outer))) {
      add(member.name, names, 'write', true, typeAt(target));
    }
  };

  const visitBuiltinCall = (call: ts.CallExpression, callee: string) => {
    const [target, key] = call.arguments;
    if (!target) return;
    if (callee === 'Object.assign') {
      // A source that is not a literal writes whatever properties its type has.
      for (const source of call.arguments.slice(1)) {
        const inner = skipWrappersDown(tsm, source);
        if (tsm.isObjectLiteralExpression(inner) || tsm.isSpreadElement(source)) continue;
        const sourceType = checker.getTypeAtLocation(source);
        const names = [...wanted].filter((name) => checker.getPropertyOfType(sourceType, name) !== undefined);
        add(source, names, 'write', true, typeAt(target));
      }
      return;
    }
    const keyed = ['Reflect.get', 'Reflect.set', 'Reflect.defineProperty', 'Reflect.deleteProperty', 'Object.defineProperty'];
    if (key && keyed.includes(callee)) {
      const reads = callee === 'Reflect.get';
      add(key, keyNames(ctx, key, wanted), reads ? 'reference' : 'write', !reads, typeAt(target));
    }
  };

  const visit = (node: ts.Node): void => {
    if (tsm.isPropertyAccessExpression(node)) {
      if (wanted.has(node.name.text) && !isSelf(tsm, node.expression)) {
        add(node.name, [node.name.text], memberUse(tsm, node), isMutatedThrough(tsm, node), typeAt(node.expression));
      }
    } else if (tsm.isElementAccessExpression(node)) {
      if (!isSelf(tsm, node.expression)) {
        const key = node.argumentExpression;
        add(key, keyNames(ctx, key, wanted), memberUse(tsm, node), isMutatedThrough(tsm, node), typeAt(node.expression));
      }
    } else if (tsm.isBindingElement(node)) {
      if (tsm.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
        const property = node.propertyName ?? (tsm.isIdentifier(node.name) ? node.name : undefined);
        if (property) add(property, propertyNameNames(ctx, property, wanted), 'reference', false, typeAt(node.parent));
      }
    } else if (tsm.isObjectLiteralExpression(node)) {
      for (const member of node.properties) visitObjectLiteralMember(member, node);
    } else if (tsm.isCallExpression(node)) {
      const callee = builtinCallee(tsm, node);
      if (callee) visitBuiltinCall(node, callee);
    } else if (
      (tsm.isTypeNode(node) && !tsm.isExpressionWithTypeArguments(node)) ||
      tsm.isInterfaceDeclaration(node) ||
      tsm.isTypeAliasDeclaration(node)
    ) {
      return; // type positions never use a member's value
    }
    tsm.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
