import type * as ts from 'typescript';
import type { RuleContext, RuleModule, RuleReport } from '../types.js';
import { lifecycleTypeOf, type LifecycleType } from './valid-lifecycle-states/lifecycle-type.js';
import { constantValue, writeSlotsOf, writtenLeaves, type WriteSlot, type WrittenLeaf } from './valid-lifecycle-states/written-values.js';
import { walkIteratively } from '../walk-iteratively.js';

type MessageId = 'forbiddenState' | 'unknownState';

/** True when the slot (or a cast on the way to the leaf) is typed with the lifecycle type. */
function writesLifecycle(ctx: RuleContext, lifecycle: LifecycleType, slot: WriteSlot, leaf: WrittenLeaf): boolean {
  const { checker } = ctx;
  if (leaf.casts.some((cast) => lifecycle.isLifecycleType(checker.getTypeFromTypeNode(cast.type)))) return true;
  const contextual = checker.getContextualType(slot.value);
  if (contextual && lifecycle.isLifecycleType(contextual)) return true;
  // Compound assignments (`+=`) give no contextual type: the target's own type decides.
  return slot.target !== undefined && lifecycle.isLifecycleType(checker.getTypeAtLocation(slot.target));
}

/** Writes of a lifecycle state use the configured states; forbidden names are flagged behind casts too. */
export const validLifecycleStates: RuleModule<MessageId> = {
  id: 'valid-lifecycle-states',
  meta: {
    description:
      'Writes of a plugin lifecycle state (assignments, initialisers, object properties, returns and arguments typed with the lifecycle type) use allowed states only, even behind casts; comparisons and reads are not checked.',
    messages: {
      forbiddenState:
        '"{{value}}" is written as a {{type}}{{cast}}, but it is a job outcome or metric, not a lifecycle state. Use one of: {{states}}.',
      unknownState: '"{{value}}" is written as a {{type}}{{cast}}, but it is not a lifecycle state. Use one of: {{states}}.',
    },
  },
  *check(ctx, sourceFile) {
    const { states, forbidden, type } = ctx.config.lifecycle;
    const verdict = (value: string): MessageId | undefined =>
      forbidden.includes(value) ? 'forbiddenState' : states.includes(value) ? undefined : 'unknownState';
    const text = sourceFile.text;
    // Constants and enum members need the checker to read their value; only files that mention
    // the lifecycle type or a forbidden name can plausibly write a bad one.
    const constantsPlausible = text.includes(type.name) || forbidden.some((name) => text.includes(name));
    const lifecycle = lifecycleTypeOf(ctx);

    // Without a cast, a literal compiles in a lifecycle-typed slot only if the declared type admits
    // it: literals outside the declared members cannot be lifecycle writes, so skip them unasked.
    const candidate = (leaf: WrittenLeaf): boolean => {
      if (leaf.literal === undefined) return constantsPlausible;
      if (verdict(leaf.literal) === undefined) return false;
      return leaf.casts.length > 0 || !lifecycle.memberValues || lifecycle.memberValues.has(leaf.literal);
    };

    const reports: RuleReport<MessageId>[] = [];
    const seen = new Set<ts.Node>();
    const visit = (node: ts.Node): boolean | void => {
      if (ctx.ts.isTypeNode(node)) return false;
      for (const slot of writeSlotsOf(ctx, node)) {
        for (const leaf of writtenLeaves(ctx, slot.value)) {
          if (seen.has(leaf.node) || !candidate(leaf)) continue;
          const value = leaf.literal ?? constantValue(ctx, leaf.node);
          const messageId = value === undefined ? undefined : verdict(value);
          if (!messageId || !writesLifecycle(ctx, lifecycle, slot, leaf)) continue;
          seen.add(leaf.node);
          reports.push({
            messageId,
            node: leaf.node,
            data: { value: value!, type: type.name, states: states.join(', '), cast: leaf.casts.length > 0 ? ' (through a cast)' : '' },
          });
        }
      }
    };
    walkIteratively(ctx.ts, sourceFile, visit);
    yield* reports;
  },
};
