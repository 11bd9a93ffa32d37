import type * as ts from 'typescript';
import { builtinCallee, propertyNameText, skipWrappersDown, staticMemberName } from '../../ast/index.js';
import type { RuleContext } from '../../types.js';
import { constInitializer } from '../../types/const-initializer.js';
import { knownValues } from './known-values.js';

/**
 * A write of a property the checker does not type as one: its value gets no contextual type from
 * the property, and no type error stops a wrong literal, so the property's type is asked directly.
 */
export interface IndirectWrite {
  value: ts.Expression;
  /** Where to report, when the value is written somewhere else (`const patch = {…}; Object.assign(rec, patch)`). */
  at?: ts.Expression;
  /** The type of the property written, read from the real receiver. */
  targetType(): ts.Type | undefined;
}

const NONE: readonly IndirectWrite[] = [];

function isCast(tsm: RuleContext['ts'], node: ts.Node): node is ts.AsExpression | ts.TypeAssertion {
  return tsm.isAsExpression(node) || tsm.isTypeAssertionExpression(node);
}

/** The declared type of property `name` of what `receiver` evaluates to, past its casts. */
function propertyType(ctx: RuleContext, receiver: ts.Expression, name: string): ts.Type | undefined {
  const { checker } = ctx;
  const type = checker.getNonNullableType(checker.getTypeAtLocation(skipWrappersDown(ctx.ts, receiver)));
  const property = checker.getPropertyOfType(type, name);
  return property && checker.getTypeOfSymbol(property);
}

/** How many `const` names an object source is followed through. */
const MAX_HOPS = 4;

/**
 * A key whose value is known: a string literal, or a constant the checker or its initialiser
 * proves (`const KEY = 'state'`, imported too).
 */
function keyText(ctx: RuleContext, key: ts.Expression): string | undefined {
  const node = skipWrappersDown(ctx.ts, key);
  if (ctx.ts.isStringLiteralLike(node)) return node.text;
  const values = knownValues(ctx, node);
  return values?.length === 1 ? values[0] : undefined;
}

/** A property's name: written out, or a computed key with a known value (`{ [KEY]: v }`). */
function propertyKey(ctx: RuleContext, name: ts.PropertyName): string | undefined {
  return ctx.ts.isComputedPropertyName(name) ? keyText(ctx, name.expression) : propertyNameText(ctx.ts, name);
}

/**
 * The object literal an expression evaluates to: written in place, or the initialiser of a `const`
 * it names (`const patch = { state: 'x' }`, imported too), with `via` set to the name used.
 */
function objectSource(ctx: RuleContext, expression: ts.Expression): { literal: ts.ObjectLiteralExpression; via: ts.Expression | undefined } | undefined {
  const { ts: tsm } = ctx;
  let node = skipWrappersDown(tsm, expression);
  for (let hop = 0; hop < MAX_HOPS && tsm.isIdentifier(node); hop += 1) {
    const initializer = constInitializer(ctx, node);
    if (!initializer) return undefined;
    node = skipWrappersDown(tsm, initializer);
  }
  if (!tsm.isObjectLiteralExpression(node)) return undefined;
  const outer = skipWrappersDown(tsm, expression);
  return { literal: node, via: outer === node ? undefined : expression };
}

/** The initialiser of property `name` of an object literal (a shorthand: its name). */
function propertyValue(ctx: RuleContext, literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const { ts: tsm } = ctx;
  for (const property of literal.properties) {
    if (tsm.isPropertyAssignment(property) && propertyKey(ctx, property.name) === name) return property.initializer;
    if (tsm.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

/** The properties an object literal (or a `const` holding one) writes, with known names (shorthands write their own name). */
function literalWrites(ctx: RuleContext, source: ts.Expression, targetType: (name: string) => ts.Type | undefined): IndirectWrite[] {
  const { ts: tsm } = ctx;
  const found = objectSource(ctx, source);
  if (!found) return [];
  const writes: IndirectWrite[] = [];
  for (const property of found.literal.properties) {
    const name = tsm.isPropertyAssignment(property) || tsm.isShorthandPropertyAssignment(property) ? propertyKey(ctx, property.name) : undefined;
    if (name === undefined) continue;
    const value = tsm.isPropertyAssignment(property) ? property.initializer : (property as ts.ShorthandPropertyAssignment).name;
    writes.push({ value, at: found.via, targetType: () => targetType(name) });
  }
  return writes;
}

/** `Object.defineProperty(rec, 'state', { value })` / `Reflect.defineProperty(…)`: the descriptor's `value`. */
function definedValue(ctx: RuleContext, target: ts.Expression, name: string | undefined, descriptor: ts.Expression): IndirectWrite[] {
  const found = name === undefined ? undefined : objectSource(ctx, descriptor);
  const value = found && propertyValue(ctx, found.literal, 'value');
  return value ? [{ value, at: found.via, targetType: () => propertyType(ctx, target, name!) }] : [];
}

/**
 * Indirect writes `node` makes: `Object.assign(rec, { state })` (every source literal, or a
 * `const` holding one; computed keys with a known value), `Reflect.set(rec, KEY, v)`,
 * `Object.defineProperty` / `Reflect.defineProperty` / `Object.defineProperties` descriptors' `value`, an assignment through a cast receiver (`(rec as any).state = v`),
 * and a property of an object literal under a cast (`{ ...rec, state: v } as unknown as Rec`),
 * judged by the outermost cast's property type. Dispatched for calls, binary expressions and
 * object literals only; everything else returns nothing without a check.
 */
export function indirectWritesOf(ctx: RuleContext, node: ts.Node): readonly IndirectWrite[] {
  const { ts: tsm } = ctx;
  if (tsm.isCallExpression(node)) {
    const builtin = builtinCallee(tsm, node);
    const [target, ...rest] = node.arguments;
    if (!target) return NONE;
    if (builtin === 'Object.assign') return rest.flatMap((source) => literalWrites(ctx, source, (name) => propertyType(ctx, target, name)));
    if (builtin === 'Reflect.set' && rest[0] && rest[1]) {
      const name = keyText(ctx, rest[0]);
      return name === undefined ? NONE : [{ value: rest[1], targetType: () => propertyType(ctx, target, name) }];
    }
    if ((builtin === 'Object.defineProperty' || builtin === 'Reflect.defineProperty') && rest[0] && rest[1]) {
      return definedValue(ctx, target, keyText(ctx, rest[0]), rest[1]);
    }
    if (builtin === 'Object.defineProperties' && rest[0]) {
      const found = objectSource(ctx, rest[0]);
      if (!found) return NONE;
      return found.literal.properties.flatMap((property) =>
        tsm.isPropertyAssignment(property) ? definedValue(ctx, target, propertyKey(ctx, property.name), property.initializer) : [],
      );
    }
    return NONE;
  }
  if (tsm.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op < tsm.SyntaxKind.FirstAssignment || op > tsm.SyntaxKind.LastAssignment) return NONE;
    const left = skipWrappersDown(tsm, node.left);
    if (!tsm.isPropertyAccessExpression(left) && !tsm.isElementAccessExpression(left)) return NONE;
    // Only a receiver behind a cast hides the property's type from the checker.
    let receiver: ts.Expression = left.expression;
    while (tsm.isParenthesizedExpression(receiver)) receiver = receiver.expression;
    if (!isCast(tsm, receiver)) return NONE;
    const name = staticMemberName(tsm, left) ?? (tsm.isElementAccessExpression(left) ? keyText(ctx, left.argumentExpression) : undefined);
    if (name === undefined) return NONE;
    return [{ value: node.right, targetType: () => propertyType(ctx, receiver, name) }];
  }
  if (tsm.isObjectLiteralExpression(node)) {
    let outer: ts.Node = node;
    // `{ ...rec, ...{ state: v } } as Rec`: a literal spread into the cast one writes its properties.
    while (tsm.isSpreadAssignment(outer.parent) && tsm.isObjectLiteralExpression(outer.parent.parent)) outer = outer.parent.parent;
    let cast: ts.AsExpression | ts.TypeAssertion | undefined;
    while (tsm.isParenthesizedExpression(outer.parent) || isCast(tsm, outer.parent) || tsm.isSatisfiesExpression(outer.parent)) {
      outer = outer.parent;
      if (isCast(tsm, outer)) cast = outer;
    }
    if (!cast) return NONE;
    const castType = cast.type;
    return literalWrites(ctx, node, (name) => {
      const type = ctx.checker.getTypeFromTypeNode(castType);
      const property = ctx.checker.getPropertyOfType(type, name);
      return property && ctx.checker.getTypeOfSymbol(property);
    });
  }
  return NONE;
}
