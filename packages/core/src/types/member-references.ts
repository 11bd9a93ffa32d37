import type * as ts from 'typescript';
import type { RuleContext, RuleListeners, TypeScriptModule } from '../types.js';
import { builtinCallee, skipWrappersDown, skipWrappersUp } from '../ast/index.js';
import { changesData, followChain, type ChainEnd } from './data-chain.js';
import { createAliasTracker } from './local-aliases.js';
import { isAssignmentPattern, memberUse, type MemberUse } from './member-use.js';

/** A place in the code that may read or write a member by one of the wanted names. */
export interface MemberReference {
  /** The node to report: the member's identifier, string literal, key expression or property name. */
  readonly node: ts.Node;
  /**
   * The member names it may denote: a key of a union literal type may denote several. When
   * `namesFromText` is false they come from the checker's type of a key, so ask the cheaper
   * receiver question first.
   */
  names(): readonly string[];
  /** True when `names` was read from the source text and costs nothing. */
  readonly namesFromText: boolean;
  readonly use: MemberUse;
  /** True when the member, or anything reached through it, is mutated here. */
  readonly mutated: boolean;
  /**
   * True when the member's value, or anything reached through it, is mutated here, not merely the
   * member's slot (`copy.queue.push(x)` but not `copy.queue = []`): what tells a write into data
   * a shallow copy shares from a write into the copy.
   */
  readonly mutatesValue: boolean;
  /**
   * True when this is a mutation through a local constant that holds the member's value
   * (`const m = rec.metrics; m.runs++`): the node is the constant at the mutation.
   */
  readonly throughAlias?: boolean;
  /** The type of the object the member is read from; asked only when a guard needs it. */
  receiverType(): ts.Type | undefined;
}

/** Member names a key expression may denote, read from its type where the text is not literal. */
function keyNames(ctx: RuleContext, key: ts.Expression, wanted: ReadonlySet<string>, use: MemberUse): string[] {
  const tsm = ctx.ts;
  if (tsm.isStringLiteralLike(key)) return wanted.has(key.text) ? [key.text] : [];
  if (tsm.isNumericLiteral(key) || tsm.isPrefixUnaryExpression(key)) return [];
  // `const k = 'run'`, `k: 'run' | 'name'`, a key narrowed by `if`/`switch`: the checker's type
  // of the key at this very location says which members it can name.
  // A generic key names what its constraint allows (`<K extends 'run'>`). One constrained to every
  // key (`<K extends keyof Plugin>`) names a member only where it is called (`p[k](x)`): a generic
  // accessor or copy (`out[k] = plugin[k]` in a `pick`) names no member in particular.
  let type = ctx.checker.getTypeAtLocation(key);
  if (type.flags & (tsm.TypeFlags.TypeParameter | tsm.TypeFlags.Index)) {
    const declaration = type.symbol?.declarations?.find(tsm.isTypeParameterDeclaration);
    const constraint = declaration?.constraint;
    const everyKey =
      type.flags & tsm.TypeFlags.Index || (constraint && tsm.isTypeOperatorNode(constraint) && constraint.operator === tsm.SyntaxKind.KeyOfKeyword);
    if (everyKey && use !== 'call') return [];
    type = ctx.checker.getBaseConstraintOfType(type) ?? type;
  }
  const parts = type.isUnion() ? type.types : [type];
  const names: string[] = [];
  for (const part of parts) {
    if (part.isStringLiteral() && wanted.has(part.value)) names.push(part.value);
  }
  return names;
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

/** True when `name` (a binding) is the only occurrence of its text in the function or file that declares it. */
function isNeverUsed(tsm: TypeScriptModule, name: ts.Identifier): boolean {
  const scope = tsm.findAncestor(name.parent, (node) => tsm.isFunctionLike(node) || tsm.isSourceFile(node)) ?? name.getSourceFile();
  const text = scope.getText();
  const escaped = name.text.replace(/[$]/g, '\\$');
  return (text.match(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g')) ?? []).length === 1;
}

const isSelf = (tsm: TypeScriptModule, receiver: ts.Expression): boolean =>
  // `this.run()` / `super.run()` inside a class or literal is the implementation talking to itself.
  receiver.kind === tsm.SyntaxKind.ThisKeyword || receiver.kind === tsm.SyntaxKind.SuperKeyword;

/**
 * Listeners that find every place that may use a member named in `wanted`, by syntax alone:
 * property and element accesses (literal keys, or keys whose type is a literal), destructuring
 * in declarations, parameters, assignments and for…of, `Reflect.get/set/defineProperty/…` and
 * `Object.assign/defineProperty/defineProperties` writes. The analyzer's walk never enters type
 * positions; the checker is asked only for non-literal keys, and receiver types on demand.
 */
export function memberReferenceListeners(
  ctx: RuleContext,
  wanted: ReadonlySet<string>,
  onReference: (reference: MemberReference) => void,
): NonNullable<RuleListeners['enter']> {
  const { ts: tsm, checker } = ctx;
  const typeAt = (node: ts.Node) => lazy(() => checker.getTypeAtLocation(node));
  // A write of the member's slot (`true`), none, or the chain from the member's value, followed
  // lazily: telling a collection method from another needs the checker.
  type Mutated = boolean | (() => ChainEnd);
  const reference = (fields: Omit<MemberReference, 'mutated' | 'mutatesValue'>, mutated: Mutated): MemberReference => {
    const end = typeof mutated === 'function' ? lazy(mutated) : undefined;
    return {
      ...fields,
      get mutated() {
        return end ? changesData(end()) : (mutated as boolean);
      },
      get mutatesValue() {
        return end ? changesData(end(), 0) : false;
      },
    };
  };
  const add = (node: ts.Node, names: readonly string[], use: MemberUse, mutated: Mutated, receiverType: () => ts.Type | undefined) => {
    if (names.length > 0) onReference(reference({ node, names: () => names, namesFromText: true, use, receiverType }, mutated));
  };
  // A key that is not a literal: its names come from the checker, and only once the receiver
  // turned out to be worth it (most computed keys index arrays and records).
  const addKeyed = (key: ts.Expression, use: MemberUse, mutated: Mutated, receiverType: () => ts.Type | undefined) => {
    if (tsm.isStringLiteralLike(key)) add(key, wanted.has(key.text) ? [key.text] : [], use, mutated, receiverType);
    else if (!tsm.isNumericLiteral(key) && !tsm.isPrefixUnaryExpression(key)) {
      onReference(reference({ node: key, names: lazy(() => keyNames(ctx, key, wanted, use)), namesFromText: false, use, receiverType }, mutated));
    }
  };
  const addProperty = (name: ts.PropertyName, use: MemberUse, mutated: Mutated, receiverType: () => ts.Type | undefined) => {
    if (tsm.isComputedPropertyName(name)) addKeyed(name.expression, use, mutated, receiverType);
    else if (tsm.isIdentifier(name) || tsm.isStringLiteral(name)) add(name, wanted.has(name.text) ? [name.text] : [], use, mutated, receiverType);
  };

  const visitObjectLiteralMember = (member: ts.ObjectLiteralElementLike, literal: ts.ObjectLiteralExpression) => {
    if (tsm.isSpreadAssignment(member) || !member.name) return;
    // Most literal properties are neither destructuring targets nor Object.assign sources: look at
    // the name text first, and at the context before any computed name is typed.
    if (!tsm.isComputedPropertyName(member.name) && !(tsm.isIdentifier(member.name) || tsm.isStringLiteral(member.name) ? wanted.has(member.name.text) : false))
      return;
    if (isAssignmentPattern(tsm, literal)) {
      addProperty(
        member.name,
        'reference',
        false,
        lazy(() => patternSourceType(ctx, literal)),
      );
      return;
    }
    // A property of a literal written into a guarded object: `Object.assign(p, { run })`.
    const outer = skipWrappersUp(tsm, literal);
    const call = outer.parent;
    if (!tsm.isCallExpression(call) || call.arguments.indexOf(outer) < 1) return;
    const callee = builtinCallee(tsm, call);
    const target = call.arguments[0];
    if (target && (callee === 'Object.assign' || (callee === 'Object.defineProperties' && call.arguments[1] === outer))) {
      addProperty(member.name, 'write', true, typeAt(target));
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
      addKeyed(key, reads ? 'reference' : 'write', !reads, typeAt(target));
    }
  };

  const aliases = createAliasTracker(ctx, ({ node, member, receiverType }) =>
    onReference({ node, names: () => [member], namesFromText: true, use: 'write', mutated: true, mutatesValue: true, throughAlias: true, receiverType }),
  );
  const visitAccess = (access: ts.PropertyAccessExpression | ts.ElementAccessExpression, receiverType: () => ts.Type | undefined) => {
    const key = tsm.isPropertyAccessExpression(access) ? access.name : access.argumentExpression;
    const use = memberUse(tsm, access);
    const mutated = () => followChain(tsm, access, aliases.isCollectionMethod);
    if (tsm.isPropertyAccessExpression(access) || tsm.isStringLiteralLike(key)) {
      const name = tsm.isPropertyAccessExpression(access) ? access.name.text : (key as ts.StringLiteralLike).text;
      if (!wanted.has(name)) return;
      add(key, [name], use, mutated, receiverType);
      // Only a plain read can fill a constant; `const m = rec.metrics` is checked by syntax alone.
      if (use === 'reference') aliases.rememberIfConstant(access, name, receiverType);
    } else {
      addKeyed(key, use, mutated, receiverType);
    }
  };

  const kind = tsm.SyntaxKind;
  return {
    [kind.PropertyAccessExpression]: (node: ts.Node) => {
      const access = node as ts.PropertyAccessExpression;
      if (wanted.has(access.name.text) && !isSelf(tsm, access.expression)) visitAccess(access, typeAt(access.expression));
    },
    [kind.ElementAccessExpression]: (node: ts.Node) => {
      const access = node as ts.ElementAccessExpression;
      if (!isSelf(tsm, access.expression)) visitAccess(access, typeAt(access.expression));
    },
    [kind.BindingElement]: (node: ts.Node) => {
      const element = node as ts.BindingElement;
      if (tsm.isObjectBindingPattern(element.parent) && !element.dotDotDotToken) {
        const property = element.propertyName ?? (tsm.isIdentifier(element.name) ? element.name : undefined);
        if (!property) return;
        // Only a wanted name (or a computed key that may be one) is a reference: the scope scan below is not asked for others.
        const named = (tsm.isIdentifier(property) || tsm.isStringLiteral(property)) && wanted.has(property.text);
        if (!named && !tsm.isComputedPropertyName(property)) return;
        const receiverType = typeAt(element.parent);
        // `const { execute: _omit, ...rest } = tool`: a member taken out only to leave the rest,
        // its binding named nowhere else in its scope, goes nowhere.
        if (tsm.isIdentifier(element.name) && isNeverUsed(tsm, element.name)) return;
        addProperty(property, 'reference', false, receiverType);
        if (named) aliases.rememberBinding(element, property.text, receiverType);
      }
    },
    [kind.ObjectLiteralExpression]: (node: ts.Node) => {
      const literal = node as ts.ObjectLiteralExpression;
      for (const member of literal.properties) visitObjectLiteralMember(member, literal);
    },
    [kind.CallExpression]: (node: ts.Node) => {
      const callee = builtinCallee(tsm, node as ts.CallExpression);
      if (callee) visitBuiltinCall(node as ts.CallExpression, callee);
    },
    [kind.Identifier]: (node: ts.Node) => aliases.visitIdentifier(node as ts.Identifier),
  };
}
