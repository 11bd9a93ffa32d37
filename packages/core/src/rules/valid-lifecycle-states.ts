import type * as ts from 'typescript';
import type { RuleContext, RuleModule } from '../types.js';
import { lifecycleTypeOf, type LifecycleType } from './valid-lifecycle-states/lifecycle-type.js';
import { indirectWritesOf } from './valid-lifecycle-states/indirect-writes.js';
import { knownValues } from './valid-lifecycle-states/known-values.js';
import { uncheckedLines } from './valid-lifecycle-states/unchecked-lines.js';
import { WRITE_SLOT_KINDS, writeSlotsOf, writtenLeaves, type WriteSlot, type WrittenLeaf } from './valid-lifecycle-states/written-values.js';

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
        '"{{value}}" is written as a {{type}}{{cast}}, but the config forbids it (`lifecycle.forbidden`): it is not a lifecycle state. Use one of: {{states}}.',
      unknownState: '"{{value}}" is written as a {{type}}{{cast}}, but it is not a lifecycle state. Use one of: {{states}}.',
    },
  },
  create(ctx) {
    const { states, forbidden, type } = ctx.config.lifecycle;
    const verdict = (value: string): MessageId | undefined =>
      forbidden.includes(value) ? 'forbiddenState' : states.includes(value) ? undefined : 'unknownState';
    const text = ctx.sourceFile.text;
    // Constants and enum members need the checker to read their value; only files that mention
    // the lifecycle type or a forbidden name can plausibly write a bad one.
    const constantsPlausible = text.includes(type.name) || forbidden.some((name) => text.includes(name));
    const lifecycle = lifecycleTypeOf(ctx);
    // No slot of the lifecycle type in this file: nothing written here can be a lifecycle state.
    if (!lifecycle.mayAppearIn(ctx.sourceFile)) return undefined;
    // In JS files a wrong literal compiles (checkJs only reports it): every write is unchecked. So
    // is a TS write whose error a `@ts-expect-error` / `@ts-ignore` (or `@ts-nocheck`) suppresses.
    const suppressed = uncheckedLines(ctx.ts, ctx.sourceFile);
    const uncheckedFile = (ctx.sourceFile.flags & ctx.ts.NodeFlags.JavaScriptFile) !== 0 || suppressed === 'all';
    const lineOf = (node: ts.Node) => ctx.sourceFile.getLineAndCharacterOfPosition(node.getStart(ctx.sourceFile)).line;
    const uncheckedAt = (slot: ts.Node, leaf: ts.Node): boolean =>
      suppressed !== 'all' && suppressed.size > 0 && (suppressed.has(lineOf(slot)) || suppressed.has(lineOf(leaf)));

    // Without a cast, a literal compiles in a lifecycle-typed slot only if the declared type admits
    // it: literals outside the declared members cannot be lifecycle writes, so skip them unasked.
    // Calls can only matter behind a cast or in an unchecked write, for the same reason.
    const candidate = (leaf: WrittenLeaf, unchecked: boolean): boolean => {
      const loose = unchecked || uncheckedFile || leaf.casts.length > 0;
      if (leaf.literal === undefined) return constantsPlausible && (loose || !ctx.ts.isCallExpression(leaf.node));
      if (verdict(leaf.literal) === undefined) return false;
      return loose || !lifecycle.memberValues || lifecycle.memberValues.has(leaf.literal);
    };
    // A value is reported only when every value it may hold is a bad one.
    const judge = (values: readonly string[]): MessageId | undefined => {
      const verdicts = values.map(verdict);
      if (verdicts.length === 0 || verdicts.some((one) => one === undefined)) return undefined;
      return verdicts.includes('forbiddenState') ? 'forbiddenState' : 'unknownState';
    };
    const castToLifecycle = (leaf: WrittenLeaf) => leaf.casts.some((cast) => lifecycle.isLifecycleType(ctx.checker.getTypeFromTypeNode(cast.type)));

    const seen = new Set<ts.Node>();
    // `at`: where a value written elsewhere is applied (`Object.assign(rec, patch)` for a `const patch`).
    const check = (leaf: WrittenLeaf, unchecked: boolean, writesState: () => boolean, at?: ts.Node): void => {
      if (seen.has(leaf.node) || !candidate(leaf, unchecked)) return;
      const values = leaf.literal !== undefined ? [leaf.literal] : knownValues(ctx, leaf.node);
      const messageId = values && judge(values);
      if (!messageId || !writesState()) return;
      // Reported where it is applied, a shared patch is reported at each use.
      if (!at) seen.add(leaf.node);
      ctx.report({
        messageId,
        node: at ?? leaf.node,
        data: { value: values.join('" | "'), type: type.name, states: states.join(', '), cast: leaf.casts.length > 0 ? ' (through a cast)' : '' },
      });
    };
    const onNode = (node: ts.Node): void => {
      for (const slot of writeSlotsOf(ctx, node)) {
        for (const leaf of writtenLeaves(ctx, slot.value, uncheckedFile)) {
          check(leaf, uncheckedAt(node, leaf.node), () => writesLifecycle(ctx, lifecycle, slot, leaf));
        }
      }
      // Writes the checker does not type as writes of the property: Object.assign, Reflect.set,
      // cast receivers, literals under a cast.
      for (const write of indirectWritesOf(ctx, node)) {
        for (const leaf of writtenLeaves(ctx, write.value, true)) {
          const writesState = () => {
            const target = write.targetType();
            return (target !== undefined && lifecycle.isLifecycleType(target)) || castToLifecycle(leaf);
          };
          check(leaf, true, writesState, write.at);
        }
      }
    };
    return { enter: Object.fromEntries([...WRITE_SLOT_KINDS, 'ObjectLiteralExpression' as const].map((name) => [ctx.ts.SyntaxKind[name], onNode])) };
  },
};
