import type * as ts from 'typescript';
import { callTarget, memberNameNode, propertyNameText, staticMemberName } from '../../ast/index.js';
import { calleeDeclaration } from '../../layers/callee-declaration.js';
import { guardMemberNames } from '../../types/guard-members.js';
import { createTypeMatcher } from '../../types/type-matcher.js';
import type { RuleContext } from '../../types.js';

/**
 * The names the member a call runs may have, through every spelling the AST helpers see:
 * `x.f`, `x?.f`, `x['f']`, `this.#f` (without `#`), `(x.f as F)(…)`, `x.f.call(…)`,
 * `Reflect.apply(x.f, …)`, and `x[KEY]` where the checker types `KEY` as string literals.
 */
function calleeNames(ctx: RuleContext, call: ts.CallExpression, wanted: ReadonlySet<string>): string[] {
  const { ts: tsm } = ctx;
  const { callee } = callTarget(tsm, call);
  const name = staticMemberName(tsm, callee);
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

    /** A declared member's owner (class, interface, type literal) is one of the candidates' guarded types. */
    const ownedByGuard = (declaration: ts.Declaration | undefined, candidates: readonly (typeof guards)[number][]): boolean => {
      const owner = declaration?.parent;
      if (!owner || !(tsm.isClassLike(owner) || tsm.isInterfaceDeclaration(owner) || tsm.isTypeLiteralNode(owner))) return false;
      const ownerType = checker.getTypeAtLocation(owner);
      return candidates.some((guard) => guard.matcher.matchesType(ownerType));
    };

    const isGuarded = (call: ts.CallExpression): boolean => {
      const { callee } = callTarget(tsm, call);
      if (tsm.isIdentifier(callee)) {
        // A bare `exec(…)` / `exec.call(…)`: a destructured member (`const { run } = plugin`) or a
        // local holding one (`const exec = plugin.run.bind(plugin)`). The declaration it reaches
        // names the member, whatever the local is called; its owner must be a guarded type.
        const declaration = calleeDeclaration(ctx, call);
        const name = propertyNameText(tsm, (declaration as ts.NamedDeclaration | undefined)?.name);
        const candidates = guards.filter((guard) => name !== undefined && guard.members.includes(name));
        return candidates.length > 0 && ownedByGuard(declaration, candidates);
      }
      const names = calleeNames(ctx, call, wanted);
      const candidates = guards.filter((guard) => names.some((name) => guard.members.includes(name)));
      if (candidates.length === 0 || !(tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee))) return false;
      const receiver = checker.getNonNullableType(checker.getTypeAtLocation(callee.expression));
      if (receiver.flags & tsm.TypeFlags.Any) return true;
      return candidates.some((guard) => guard.matcher.matchesType(receiver));
    };
    return { members, isGuarded };
  });
}
