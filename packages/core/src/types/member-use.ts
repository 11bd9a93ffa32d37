import type * as ts from 'typescript';
import { builtinCallee, invokingCall, skipWrappersUp } from '../ast/index.js';
import type { TypeScriptModule } from '../types.js';

/**
 * How an expression that reads a member is used: called, written, merely tested (`typeof`,
 * `!`, a comparison, a condition), or referenced as a value that escapes.
 */
export type MemberUse = 'call' | 'write' | 'test' | 'reference';

/** Builtins whose first argument is mutated (`Object.assign(target, …)`). */
const MUTATING_BUILTINS: Readonly<Record<string, ReadonlySet<string>>> = {
  Object: new Set(['assign', 'defineProperty', 'defineProperties']),
  Reflect: new Set(['set', 'defineProperty', 'deleteProperty']),
};

/** True for `Object.assign`, `Object.defineProperty`, `Reflect.set`, … */
export function isMutatingBuiltin(name: string | undefined): boolean {
  if (name === undefined) return false;
  const [owner = '', method = ''] = name.split('.');
  return MUTATING_BUILTINS[owner]?.has(method) ?? false;
}

function isAssignmentOperator(tsm: TypeScriptModule, kind: ts.SyntaxKind): boolean {
  return kind >= tsm.SyntaxKind.FirstAssignment && kind <= tsm.SyntaxKind.LastAssignment;
}

/** True when `expression` (already past its wrappers) is the target of a mutation. */
export function isMutated(tsm: TypeScriptModule, expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (tsm.isBinaryExpression(parent)) return parent.left === expression && isAssignmentOperator(tsm, parent.operatorToken.kind);
  if (tsm.isPrefixUnaryExpression(parent) || tsm.isPostfixUnaryExpression(parent)) {
    return parent.operator === tsm.SyntaxKind.PlusPlusToken || parent.operator === tsm.SyntaxKind.MinusMinusToken;
  }
  if (tsm.isDeleteExpression(parent)) return true;
  if (tsm.isCallExpression(parent)) return parent.arguments[0] === expression && isMutatingBuiltin(builtinCallee(tsm, parent));
  return false;
}

/**
 * True when `access` or anything reached through it (`access.x.y`, `access[k]!`) is mutated:
 * `rec.metrics.count++` mutates `rec.metrics`.
 */
export function isMutatedThrough(tsm: TypeScriptModule, access: ts.Expression): boolean {
  let current = skipWrappersUp(tsm, access);
  for (;;) {
    const parent = current.parent;
    if ((tsm.isPropertyAccessExpression(parent) || tsm.isElementAccessExpression(parent)) && parent.expression === current) {
      current = skipWrappersUp(tsm, parent);
    } else {
      return isMutated(tsm, current);
    }
  }
}

function isTestPosition(tsm: TypeScriptModule, expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (tsm.isTypeOfExpression(parent)) return true;
  if (tsm.isPrefixUnaryExpression(parent)) return parent.operator === tsm.SyntaxKind.ExclamationToken;
  if (tsm.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    const equality =
      op === tsm.SyntaxKind.EqualsEqualsEqualsToken ||
      op === tsm.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === tsm.SyntaxKind.EqualsEqualsToken ||
      op === tsm.SyntaxKind.ExclamationEqualsToken;
    // `p.run && …` only tests the value: it flows on only when falsy.
    return equality || (op === tsm.SyntaxKind.AmpersandAmpersandToken && parent.left === expression);
  }
  if (tsm.isIfStatement(parent) || tsm.isWhileStatement(parent) || tsm.isDoStatement(parent)) return parent.expression === expression;
  if (tsm.isConditionalExpression(parent)) return parent.condition === expression;
  return false;
}

/** How the member read by `access` (a property or element access) is used. */
export function memberUse(tsm: TypeScriptModule, access: ts.Expression): MemberUse {
  const outer = skipWrappersUp(tsm, access);
  // Called directly, through `.call`/`.apply`, a bound copy called at once, or `Reflect.apply`.
  if (invokingCall(tsm, outer)) return 'call';
  if (isMutated(tsm, outer)) return 'write';
  if (isTestPosition(tsm, outer)) return 'test';
  return 'reference';
}
