import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';

/**
 * True for the expressions that only wrap a value without changing it at run time: parentheses,
 * `!`, `as`, `satisfies` and `<T>` assertions. Every rule looks through exactly these.
 */
export function isTransparentWrapper(
  tsm: TypeScriptModule,
  node: ts.Node,
): node is ts.ParenthesizedExpression | ts.NonNullExpression | ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  const kind = tsm.SyntaxKind;
  switch (node.kind) {
    case kind.ParenthesizedExpression:
    case kind.NonNullExpression:
    case kind.AsExpression:
    case kind.SatisfiesExpression:
    case kind.TypeAssertionExpression:
      return true;
    default:
      return false;
  }
}

/** `node` without the parentheses, `!`, `as`, `satisfies` and `<T>` around it. */
export function skipWrappersDown(tsm: TypeScriptModule, node: ts.Expression): ts.Expression {
  let current = node;
  while (isTransparentWrapper(tsm, current)) current = current.expression;
  return current;
}

/** The outermost expression that is `node` behind parentheses, `!`, `as`, `satisfies` and `<T>`. */
export function skipWrappersUp(tsm: TypeScriptModule, node: ts.Expression): ts.Expression {
  let current = node;
  while (isTransparentWrapper(tsm, current.parent)) current = current.parent;
  return current;
}
