import type * as ts from 'typescript';
import { builtinCallee, invokingCall, skipWrappersDown, skipWrappersUp } from '../ast/index.js';
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
function isMutatingBuiltin(name: string | undefined): boolean {
  if (name === undefined) return false;
  const [owner = '', method = ''] = name.split('.');
  return MUTATING_BUILTINS[owner]?.has(method) ?? false;
}

function isAssignmentOperator(tsm: TypeScriptModule, kind: ts.SyntaxKind): boolean {
  return kind >= tsm.SyntaxKind.FirstAssignment && kind <= tsm.SyntaxKind.LastAssignment;
}

/**
 * True when `literal` is (part of) the left side of a destructuring assignment or the target of
 * a for…of / for…in: `({ run } = p)`, `[a, { b }] = list`, `for ({ state } of records)`.
 */
export function isAssignmentPattern(tsm: TypeScriptModule, literal: ts.Expression): boolean {
  let node: ts.Node = literal;
  for (;;) {
    const parent: ts.Node = node.parent;
    if (tsm.isParenthesizedExpression(parent) || tsm.isArrayLiteralExpression(parent)) node = parent;
    else if (tsm.isPropertyAssignment(parent) && parent.initializer === node) node = parent.parent;
    else if ((tsm.isSpreadElement(parent) || tsm.isSpreadAssignment(parent)) && parent.expression === node) node = parent.parent;
    else if (tsm.isBinaryExpression(parent)) return parent.left === node && parent.operatorToken.kind === tsm.SyntaxKind.EqualsToken;
    else if (tsm.isForOfStatement(parent) || tsm.isForInStatement(parent)) return parent.initializer === node;
    else return false;
  }
}

/**
 * True when `expression` (already past its wrappers) is the target of a mutation: assigned
 * (also as a destructuring-assignment target or a for…of / for…in target), incremented,
 * deleted, or the target of `Object.assign`, `Reflect.set` and the like.
 */
export function isMutated(tsm: TypeScriptModule, expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (tsm.isBinaryExpression(parent)) return parent.left === expression && isAssignmentOperator(tsm, parent.operatorToken.kind);
  if (tsm.isPrefixUnaryExpression(parent) || tsm.isPostfixUnaryExpression(parent)) {
    return parent.operator === tsm.SyntaxKind.PlusPlusToken || parent.operator === tsm.SyntaxKind.MinusMinusToken;
  }
  if (tsm.isDeleteExpression(parent)) return true;
  if (tsm.isCallExpression(parent)) return parent.arguments[0] === expression && isMutatingBuiltin(builtinCallee(tsm, parent));
  if (tsm.isForOfStatement(parent) || tsm.isForInStatement(parent)) return parent.initializer === expression;
  // A target inside a destructuring assignment: `({ runs: rec.metrics.runs } = …)`, `[rec.state] = …`.
  if (tsm.isPropertyAssignment(parent) && parent.initializer === expression) return isAssignmentPattern(tsm, parent.parent);
  if (tsm.isArrayLiteralExpression(parent)) return isAssignmentPattern(tsm, parent);
  if (tsm.isSpreadElement(parent) || tsm.isSpreadAssignment(parent)) return isAssignmentPattern(tsm, parent.parent as ts.Expression);
  return false;
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
    if (equality || (op === tsm.SyntaxKind.AmpersandAmpersandToken && parent.left === expression)) return true;
    // `if (a && p.run)`: the last operand of a condition is tested too.
    const logical = op === tsm.SyntaxKind.AmpersandAmpersandToken || op === tsm.SyntaxKind.BarBarToken;
    return logical && parent.right === expression && isTestPosition(tsm, skipWrappersUp(tsm, parent));
  }
  if (tsm.isIfStatement(parent) || tsm.isWhileStatement(parent) || tsm.isDoStatement(parent)) return parent.expression === expression;
  if (tsm.isForStatement(parent)) return parent.condition === expression;
  if (tsm.isConditionalExpression(parent)) return parent.condition === expression;
  // `Boolean(p.transform)`.
  if (tsm.isCallExpression(parent)) {
    const callee = skipWrappersDown(tsm, parent.expression);
    return parent.arguments[0] === expression && tsm.isIdentifier(callee) && callee.text === 'Boolean';
  }
  // `plugins.filter((p) => p.transform)`: a predicate's result is only tested.
  if (tsm.isArrowFunction(parent) && parent.body === expression) {
    const call = parent.parent;
    if (!tsm.isCallExpression(call) || !call.arguments.includes(parent)) return false;
    const callee = skipWrappersDown(tsm, call.expression);
    return tsm.isPropertyAccessExpression(callee) && PREDICATE_METHODS.has(callee.name.text);
  }
  return false;
}

/** The standard array methods whose callback's result is only tested for truthiness. */
const PREDICATE_METHODS: ReadonlySet<string> = new Set(['filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every']);

/** How the member read by `access` (a property or element access) is used. */
export function memberUse(tsm: TypeScriptModule, access: ts.Expression): MemberUse {
  const outer = skipWrappersUp(tsm, access);
  // Called directly, through `.call`/`.apply`, a bound copy called at once, or `Reflect.apply`.
  if (invokingCall(tsm, outer)) return 'call';
  if (isMutated(tsm, outer)) return 'write';
  if (isTestPosition(tsm, outer)) return 'test';
  return 'reference';
}
