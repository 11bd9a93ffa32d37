import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';
import { isTransparentWrapper } from './wrappers.js';

/** True when the value of the binary expression `parent` may be its operand `operand`, unchanged. */
function passesOperand(tsm: TypeScriptModule, parent: ts.BinaryExpression, operand: ts.Node): boolean {
  switch (parent.operatorToken.kind) {
    case tsm.SyntaxKind.QuestionQuestionToken:
    case tsm.SyntaxKind.BarBarToken:
      return true;
    // `a && b` is `a` only when `a` is falsy, and `a, b` is always `b`.
    case tsm.SyntaxKind.AmpersandAmpersandToken:
    case tsm.SyntaxKind.CommaToken:
      return parent.right === operand;
    default:
      return false;
  }
}

/**
 * The outermost expression whose value may be `node`'s own value, unchanged: past wrappers, a
 * branch of a conditional (`flag ? node : []`), an operand of `??` or `||`, and the right operand
 * of `&&` or a comma. What is done to that expression may be done to `node`'s value.
 */
export function skipValueChoicesUp(tsm: TypeScriptModule, node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (isTransparentWrapper(tsm, parent) || (tsm.isConditionalExpression(parent) && parent.condition !== current)) current = parent;
    else if (tsm.isBinaryExpression(parent) && passesOperand(tsm, parent, current)) current = parent;
    else return current;
  }
}
