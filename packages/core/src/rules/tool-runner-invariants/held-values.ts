import type * as ts from 'typescript';
import { boundNames, skipWrappersDown } from '../../ast/index.js';
import type { RuleContext } from '../../types.js';
import { carriedUp } from './result-flow.js';

/** Locals past this many share "not holding": a bound on the state, not a limit met in practice. */
const MAX_LOCALS = 30;

/**
 * Which locals hold a tracked value (a guarded call's result, an error envelope) at a point of a
 * path, as a bit set over the locals met so far. Values are followed by assignment, not by name:
 * `const raw = output` makes `raw` hold what `output` holds, and `output = cached` ends `output`'s
 * hold whatever it held.
 */
export interface HeldValues {
  /** True when `value` evaluates to the tracked value: a source, or a local holding it, carried up into it. */
  carries(value: ts.Expression, state: number): boolean;
  /** True when one of `subjects` is or contains a source, or a local holding the value. */
  mentions(subjects: readonly ts.Expression[], state: number): boolean;
  /** The state after the store `assignment` (a variable declaration or an `=` assignment) made. */
  afterAssign(assignment: ts.Node, state: number): number;
}

/**
 * `isSource` names the expressions that produce the tracked value (`plugin.run(…)`, `toErrorEnvelope(…)`);
 * `spreadCarries` decides whether an object literal spreading the value still carries it (by default it does).
 */
export function createHeldValues(
  ctx: RuleContext,
  isSource: (node: ts.Node) => boolean,
  spreadCarries: (spread: ts.SpreadAssignment) => boolean = () => true,
): HeldValues {
  const { ts: tsm, checker } = ctx;
  const bits = new Map<ts.Symbol, number>();
  const names: string[] = [];

  const bitOf = (symbol: ts.Symbol | undefined): number => {
    if (!symbol) return 0;
    let bit = bits.get(symbol);
    if (bit === undefined) {
      bit = bits.size < MAX_LOCALS ? 1 << bits.size : 0;
      bits.set(symbol, bit);
      if (bit !== 0) names.push(symbol.name);
    }
    return bit;
  };
  // A state's bits were all given out before it existed, so its names never change: computed once.
  const namesByState = new Map<number, Set<string>>();
  const heldNames = (state: number): Set<string> => {
    let held = namesByState.get(state);
    if (!held) namesByState.set(state, (held = new Set(names.filter((_, index) => state & (1 << index)))));
    return held;
  };

  const holds = (identifier: ts.Identifier, held: ReadonlySet<string>, state: number): boolean => {
    if (!held.has(identifier.text)) return false;
    const symbol = tsm.isShorthandPropertyAssignment(identifier.parent)
      ? checker.getShorthandAssignmentValueSymbol(identifier.parent)
      : checker.getSymbolAtLocation(identifier);
    return (bitOf(symbol) & state) !== 0;
  };

  /** Some node under `roots` (nested functions skipped: they run elsewhere) for which `test` holds. */
  const some = (roots: readonly ts.Node[], test: (node: ts.Node) => boolean): boolean => {
    const stack = [...roots];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (test(node)) return true;
      if (tsm.isFunctionLike(node)) continue;
      tsm.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
    return false;
  };

  /** `node` is the tracked value itself, or a local holding it in `state`. */
  const isHeld = (node: ts.Node, held: ReadonlySet<string>, state: number): boolean => isSource(node) || (tsm.isIdentifier(node) && holds(node, held, state));

  const carries = (value: ts.Expression, state: number): boolean => {
    const held = heldNames(state);
    return some([value], (node) => isHeld(node, held, state) && carriedUp(tsm, node, spreadCarries) === value);
  };

  /** The locals an assignment stores into; a destructuring assignment's plain targets too. */
  const targetsOf = (assignment: ts.Node): { targets: ts.Identifier[]; value: ts.Expression | undefined } => {
    if (tsm.isVariableDeclaration(assignment)) return { targets: boundNames(tsm, assignment.name), value: assignment.initializer };
    if (!tsm.isBinaryExpression(assignment)) return { targets: [], value: undefined };
    const left = skipWrappersDown(tsm, assignment.left);
    if (tsm.isIdentifier(left)) return { targets: [left], value: assignment.right };
    const targets: ts.Identifier[] = [];
    if (tsm.isArrayLiteralExpression(left)) for (const element of left.elements) if (tsm.isIdentifier(element)) targets.push(element);
    if (tsm.isObjectLiteralExpression(left)) {
      for (const property of left.properties) {
        if (tsm.isShorthandPropertyAssignment(property)) targets.push(property.name);
        else if (tsm.isPropertyAssignment(property) && tsm.isIdentifier(property.initializer)) targets.push(property.initializer);
      }
    }
    return { targets, value: assignment.right };
  };

  return {
    carries,
    mentions(subjects, state) {
      const held = heldNames(state);
      return some(subjects, (node) => isHeld(node, held, state));
    },
    afterAssign(assignment, state) {
      const { targets, value } = targetsOf(assignment);
      if (targets.length === 0 || !value) return state;
      let mask = 0;
      for (const target of targets) mask |= bitOf(checker.getSymbolAtLocation(target));
      return carries(value, state) ? state | mask : state & ~mask;
    },
  };
}
