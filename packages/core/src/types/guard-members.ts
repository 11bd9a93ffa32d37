import type { ResolvedGuard } from '../config/validate.js';
import type { RuleContext } from '../types.js';
import { createTypeMatcher } from './type-matcher.js';

/**
 * The member names a guard covers: its `members` list, or for `"*"` every member its type
 * declares (all union members' and bases' properties, read once from the declarations).
 */
export function guardMemberNames(ctx: RuleContext, guard: ResolvedGuard): ReadonlySet<string> {
  const byGuard = ctx.memo('guard-member-names', () => new WeakMap<ResolvedGuard, ReadonlySet<string>>());
  let names = byGuard.get(guard);
  if (!names) {
    names = guard.members === '*' ? createTypeMatcher(ctx, guard.type).shape().memberNames() : new Set(guard.members);
    byGuard.set(guard, names);
  }
  return names;
}
