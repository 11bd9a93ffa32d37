import type * as ts from 'typescript';
import { callTarget, memberNameNode, staticMemberName } from '../../ast/index.js';
import { guardMemberNames } from '../../types/guard-members.js';
import { createTypeMatcher } from '../../types/type-matcher.js';
import type { RuleContext } from '../../types.js';

/**
 * The names the function a call runs may have, through every spelling the AST helpers see: `f`,
 * `x.f`, `x?.f`, `x['f']`, `this.#f` (without `#`), `(x.f as F)(…)`, `x.f.call(…)`,
 * `Reflect.apply(x.f, …)`, and `x[KEY]` where the checker types `KEY` as string literals.
 */
function calleeNames(ctx: RuleContext, call: ts.CallExpression, wanted: ReadonlySet<string>): string[] {
  const { ts: tsm } = ctx;
  const { callee } = callTarget(tsm, call);
  const name = tsm.isIdentifier(callee) ? callee.text : staticMemberName(tsm, callee);
  if (name !== undefined) return [name];
  if (!tsm.isElementAccessExpression(callee) || tsm.isNumericLiteral(callee.argumentExpression)) return [];
  // A computed key is typed only once the text cannot decide; most keys index arrays and maps.
  const type = ctx.checker.getTypeAtLocation(callee.argumentExpression);
  return (type.isUnion() ? type.types : [type]).flatMap((part) => (part.isStringLiteral() && wanted.has(part.value) ? [part.value] : []));
}

/** The node a finding about a call marks: the member name of the function that runs. */
export function calleeNode(ctx: RuleContext, call: ts.CallExpression): ts.Node {
  return memberNameNode(ctx.ts, callTarget(ctx.ts, call).callee);
}

/**
 * A predicate for calls of a guarded member (guards with access "any"). The member name is the
 * cheap filter; the checker then rules out other types' members of the same name (a database
 * `run`), falling back to the name alone when the receiver is untyped.
 */
export function createGuardedCallTest(ctx: RuleContext): { members: string[]; isGuarded(call: ts.CallExpression): boolean } {
  return ctx.memo('tool-runner-invariants:guarded-calls', () => {
    const { ts: tsm, checker } = ctx;
    const guards = ctx.config.guards
      .filter((guard) => guard.access === 'any')
      .map((guard) => ({ members: [...guardMemberNames(ctx, guard)], matcher: createTypeMatcher(ctx, guard.type) }));
    const members = [...new Set(guards.flatMap((guard) => guard.members))];
    const wanted = new Set(members);

    const isGuarded = (call: ts.CallExpression): boolean => {
      const names = calleeNames(ctx, call, wanted);
      const candidates = guards.filter((guard) => names.some((name) => guard.members.includes(name)));
      if (candidates.length === 0) return false;
      const { callee, form } = callTarget(tsm, call);
      if (tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee)) {
        const receiver = checker.getNonNullableType(checker.getTypeAtLocation(callee.expression));
        if (receiver.flags & tsm.TypeFlags.Any) return true;
        return candidates.some((guard) => guard.matcher.matchesType(receiver));
      }
      // A bare `run(…)` or `run.call(…)`: a destructured member; ask where its signature is declared
      // (the callee's own, not Function.prototype.call's).
      const declaration =
        form === 'direct' ? checker.getResolvedSignature(call)?.declaration : checker.getTypeAtLocation(callee).getCallSignatures()[0]?.declaration;
      const owner = declaration?.parent;
      if (!owner || !(tsm.isClassLike(owner) || tsm.isInterfaceDeclaration(owner) || tsm.isTypeLiteralNode(owner))) return false;
      const ownerType = checker.getTypeAtLocation(owner);
      return candidates.some((guard) => guard.matcher.matchesType(ownerType));
    };
    return { members, isGuarded };
  });
}
