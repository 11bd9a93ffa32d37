import type * as ts from 'typescript';
import { builtinCallee, propertyNameText, skipWrappersDown, staticMemberName } from '../../ast/index.js';
import type { RuleContext } from '../../types.js';

/**
 * A write of a property the checker does not type as one: its value gets no contextual type from
 * the property, and no type error stops a wrong literal, so the property's type is asked directly.
 */
export interface IndirectWrite {
  value: ts.Expression;
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

/** The properties an object literal writes, with static names (shorthands write their own name). */
function literalWrites(ctx: RuleContext, literal: ts.Expression, targetType: (name: string) => ts.Type | undefined): IndirectWrite[] {
  const { ts: tsm } = ctx;
  const object = skipWrappersDown(tsm, literal);
  if (!tsm.isObjectLiteralExpression(object)) return [];
  const writes: IndirectWrite[] = [];
  for (const property of object.properties) {
    const name = tsm.isPropertyAssignment(property) || tsm.isShorthandPropertyAssignment(property) ? propertyNameText(tsm, property.name) : undefined;
    if (name === undefined) continue;
    const value = tsm.isPropertyAssignment(property) ? property.initializer : (property as ts.ShorthandPropertyAssignment).name;
    writes.push({ value, targetType: () => targetType(name) });
  }
  return writes;
}

/**
 * Indirect writes `node` makes: `Object.assign(rec, { state })` (every source literal),
 * `Reflect.set(rec, 'state', v)`, an assignment through a cast receiver (`(rec as any).state = v`),
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
      const key = skipWrappersDown(tsm, rest[0]);
      if (!tsm.isStringLiteralLike(key)) return NONE;
      return [{ value: rest[1], targetType: () => propertyType(ctx, target, key.text) }];
    }
    return NONE;
  }
  if (tsm.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op < tsm.SyntaxKind.FirstAssignment || op > tsm.SyntaxKind.LastAssignment) return NONE;
    const left = skipWrappersDown(tsm, node.left);
    if (!tsm.isPropertyAccessExpression(left) && !tsm.isElementAccessExpression(left)) return NONE;
    const name = staticMemberName(tsm, left);
    // Only a receiver behind a cast hides the property's type from the checker.
    let receiver: ts.Expression = left.expression;
    while (tsm.isParenthesizedExpression(receiver)) receiver = receiver.expression;
    if (name === undefined || !isCast(tsm, receiver)) return NONE;
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
