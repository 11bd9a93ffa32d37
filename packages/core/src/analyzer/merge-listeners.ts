import type { NodeListener, RuleListeners } from '../types.js';

type ByKind = NonNullable<RuleListeners['enter']>;

/** One listener table from several: listeners for the same kind run in the order given. */
export function mergeListeners(...tables: ReadonlyArray<ByKind | undefined>): ByKind {
  const merged: Record<number, NodeListener[]> = {};
  for (const table of tables) {
    for (const [kind, listener] of Object.entries(table ?? {})) {
      if (listener) (merged[Number(kind)] ??= []).push(listener);
    }
  }
  return Object.fromEntries(
    Object.entries(merged).map(([kind, listeners]) => [
      kind,
      listeners.length === 1 ? listeners[0] : (node: Parameters<NodeListener>[0]) => listeners.forEach((listener) => listener(node)),
    ]),
  ) as ByKind;
}
