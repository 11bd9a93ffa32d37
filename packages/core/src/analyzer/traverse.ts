import type * as ts from 'typescript';
import type { NodeListener, RuleListeners, TypeScriptModule } from '../types.js';

/** One rule's listeners, tagged with the rule's index so a crash can switch that rule off. */
interface Tagged {
  rule: number;
  listener: NodeListener;
}

/** The listeners of every rule that runs on a file, indexed by syntax kind. */
export interface Dispatch {
  enter: Array<Tagged[] | undefined>;
  exit: Array<Tagged[] | undefined>;
  ends: Array<{ rule: number; end: () => void }>;
}

/** Merges the listeners of several rules (index = rule index) into one dispatch table. */
export function buildDispatch(listeners: ReadonlyArray<RuleListeners | undefined>): Dispatch {
  const dispatch: Dispatch = { enter: [], exit: [], ends: [] };
  const add = (table: Array<Tagged[] | undefined>, byKind: RuleListeners['enter'], rule: number) => {
    for (const [kind, listener] of Object.entries(byKind ?? {})) {
      if (!listener) continue;
      (table[Number(kind)] ??= []).push({ rule, listener });
    }
  };
  listeners.forEach((ruleListeners, rule) => {
    if (!ruleListeners) return;
    add(dispatch.enter, ruleListeners.enter, rule);
    add(dispatch.exit, ruleListeners.exit, rule);
    if (ruleListeners.end) dispatch.ends.push({ rule, end: ruleListeners.end });
  });
  return dispatch;
}

/** True for subtrees that exist only for the type system: nothing in them runs. */
export function isTypeOnly(tsm: TypeScriptModule, node: ts.Node): boolean {
  const kind = tsm.SyntaxKind;
  return (
    (node.kind >= kind.FirstTypeNode && node.kind <= kind.LastTypeNode) || node.kind === kind.InterfaceDeclaration || node.kind === kind.TypeAliasDeclaration
  );
}

/** Marks a node whose exit listeners run once its subtree is done. */
class Exit {
  constructor(readonly node: ts.Node) {}
}

/**
 * Walks `sourceFile` once, depth first in source order, calling every enter listener on the way
 * down and every exit listener on the way up. The walk keeps its own stack, so nesting depth is
 * bounded by memory rather than the call stack. `onError` receives a listener's exception;
 * `isDisabled` then lets the caller switch that rule off for the rest of the file.
 */
export function traverse(
  tsm: TypeScriptModule,
  sourceFile: ts.SourceFile,
  dispatch: Dispatch,
  onError: (rule: number, error: unknown) => void,
  isDisabled: (rule: number) => boolean,
): void {
  const call = (tagged: Tagged[] | undefined, node: ts.Node) => {
    if (!tagged) return;
    for (const { rule, listener } of tagged) {
      if (isDisabled(rule)) continue;
      try {
        listener(node);
      } catch (error) {
        onError(rule, error);
      }
    }
  };
  // No rule listens to any node in this file (every pre-filter said so): nothing to walk.
  if (dispatch.enter.length === 0 && dispatch.exit.length === 0) return;
  const stack: Array<ts.Node | Exit> = [sourceFile];
  const pushChild = (child: ts.Node) => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof Exit) {
      call(dispatch.exit[item.node.kind], item.node);
      continue;
    }
    if (isTypeOnly(tsm, item)) continue;
    call(dispatch.enter[item.kind], item);
    if (dispatch.exit[item.kind]) stack.push(new Exit(item));
    // Children go on the stack in source order, then that segment is reversed so the first
    // child is popped first.
    const from = stack.length;
    tsm.forEachChild(item, pushChild);
    for (let i = from, j = stack.length - 1; i < j; i += 1, j -= 1) {
      const swap = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = swap;
    }
  }
}
