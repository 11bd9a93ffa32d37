import type * as ts from 'typescript';
import { createTypeMatcher } from '../../types/type-matcher.js';
import type { RuleContext } from '../../types.js';
import { walkIteratively } from '../../walk-iteratively.js';

/** The name a call's callee goes by: `f`, `x.f`, `x?.f`, `x['f']`, `this.#f` (without `#`). */
export function calleeNameText(ctx: RuleContext, call: ts.CallExpression): string | undefined {
  const { ts: tsm } = ctx;
  let callee: ts.Expression = call.expression;
  while (tsm.isParenthesizedExpression(callee) || tsm.isNonNullExpression(callee)) callee = callee.expression;
  if (tsm.isIdentifier(callee)) return callee.text;
  if (tsm.isPropertyAccessExpression(callee)) return callee.name.text.replace(/^#/, '');
  if (tsm.isElementAccessExpression(callee) && tsm.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
  return undefined;
}

/** The node a finding about a call marks: the member name when there is one. */
export function calleeNode(ctx: RuleContext, call: ts.CallExpression): ts.Node {
  const { ts: tsm } = ctx;
  let callee: ts.Expression = call.expression;
  while (tsm.isParenthesizedExpression(callee) || tsm.isNonNullExpression(callee)) callee = callee.expression;
  if (tsm.isPropertyAccessExpression(callee)) return callee.name;
  if (tsm.isElementAccessExpression(callee)) return callee.argumentExpression;
  return callee;
}

/** Every call inside `root` (nested functions included), in source order. */
export function callsWithin(ctx: RuleContext, root: ts.Node): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): boolean | void => {
    if (ctx.ts.isCallExpression(node)) calls.push(node);
  };
  walkIteratively(ctx.ts, root, visit);
  return calls;
}

/** True when some call inside `root` is named one of `names`. */
export function callsOneOf(ctx: RuleContext, root: ts.Node, names: readonly string[]): boolean {
  return callsWithin(ctx, root).some((call) => names.includes(calleeNameText(ctx, call) ?? ''));
}

/**
 * A predicate for calls of a guarded member (guards with access "any"). The member name is the
 * cheap filter; the checker then rules out other types' members of the same name (a database
 * `run`), falling back to the name alone when the receiver is untyped.
 */
export function createGuardedCallTest(ctx: RuleContext): { members: string[]; isGuarded(call: ts.CallExpression): boolean } {
  const { ts: tsm, checker } = ctx;
  const guards = ctx.config.guards
    .filter((guard) => guard.access === 'any')
    .map((guard) => ({ members: guard.members, matcher: createTypeMatcher(ctx, guard.type) }));
  const members = [...new Set(guards.flatMap((guard) => guard.members))];

  const isGuarded = (call: ts.CallExpression): boolean => {
    const name = calleeNameText(ctx, call);
    const candidates = guards.filter((guard) => name !== undefined && guard.members.includes(name));
    if (candidates.length === 0) return false;
    let callee: ts.Expression = call.expression;
    while (tsm.isParenthesizedExpression(callee) || tsm.isNonNullExpression(callee)) callee = callee.expression;
    if (tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee)) {
      const receiver = checker.getNonNullableType(checker.getTypeAtLocation(callee.expression));
      if (receiver.flags & tsm.TypeFlags.Any) return true;
      return candidates.some((guard) => guard.matcher.matchesType(receiver));
    }
    // A bare `run(…)`: a destructured member; ask where its signature is declared.
    const declaration = checker.getResolvedSignature(call)?.declaration;
    const owner = declaration?.parent;
    if (!owner || !(tsm.isClassLike(owner) || tsm.isInterfaceDeclaration(owner) || tsm.isTypeLiteralNode(owner))) return false;
    const ownerType = checker.getTypeAtLocation(owner);
    return candidates.some((guard) => guard.matcher.matchesType(ownerType));
  };
  return { members, isGuarded };
}
