import type * as ts from 'typescript';
import type { RuleContext } from '../../types.js';

/** A cast between a slot and a leaf: `as`, `<T>`, `satisfies`, or a JSDoc `@type` on a parenthesised JS expression. */
export interface WrittenCast {
  readonly type: ts.TypeNode;
}

/** A value that may be written into a typed slot: the literal (or constant) and what wraps it. */
export interface WrittenLeaf {
  node: ts.Expression;
  /** Its text when it is a string literal; constants, templates and calls need the checker. */
  literal: string | undefined;
  /** The casts between the slot and the leaf, outermost first. */
  casts: readonly WrittenCast[];
}

/** A place a value is written: the expression whose contextual type is the target's type. */
export interface WriteSlot {
  value: ts.Expression;
  /** For assignments, the target: its declared type counts even without a contextual type. */
  target: ts.Expression | undefined;
}

/** The syntax kinds that can open a write slot (see {@link writeSlotsOf}); the walk dispatches only these. */
export const WRITE_SLOT_KINDS = [
  'BinaryExpression',
  'VariableDeclaration',
  'PropertyDeclaration',
  'Parameter',
  'BindingElement',
  'PropertyAssignment',
  'ShorthandPropertyAssignment',
  'ReturnStatement',
  'ArrowFunction',
  'CallExpression',
  'NewExpression',
  'ArrayLiteralExpression',
] as const;

/**
 * The write slot `node` opens, if any: assignments (compound too), initialisers of variables,
 * properties, parameters and binding elements, object-literal properties, returns, arrow bodies,
 * call and `new` arguments, and array elements. Comparisons and reads open none.
 */
export function writeSlotsOf(ctx: RuleContext, node: ts.Node): readonly WriteSlot[] {
  const { ts: tsm } = ctx;
  const kind = tsm.SyntaxKind;
  // One switch on the kind: this runs for every node of every file, so no chain of type guards.
  switch (node.kind) {
    case kind.BinaryExpression: {
      const binary = node as ts.BinaryExpression;
      const op = binary.operatorToken.kind;
      const isAssignment = op >= kind.FirstAssignment && op <= kind.LastAssignment;
      if (!isAssignment || tsm.isObjectLiteralExpression(binary.left) || tsm.isArrayLiteralExpression(binary.left)) return NONE;
      return [{ value: binary.right, target: binary.left }];
    }
    case kind.VariableDeclaration:
    case kind.PropertyDeclaration:
    case kind.Parameter:
    case kind.BindingElement:
    case kind.PropertyAssignment: {
      const initializer = (node as ts.HasExpressionInitializer).initializer;
      return initializer ? [{ value: initializer, target: undefined }] : NONE;
    }
    case kind.ShorthandPropertyAssignment:
      return [{ value: (node as ts.ShorthandPropertyAssignment).name, target: undefined }];
    case kind.ReturnStatement: {
      const expression = (node as ts.ReturnStatement).expression;
      return expression ? [{ value: expression, target: undefined }] : NONE;
    }
    case kind.ArrowFunction: {
      const body = (node as ts.ArrowFunction).body;
      return tsm.isBlock(body) ? NONE : [{ value: body, target: undefined }];
    }
    case kind.CallExpression:
    case kind.NewExpression:
      return ((node as ts.CallExpression | ts.NewExpression).arguments ?? []).map((value) => ({ value, target: undefined }));
    case kind.ArrayLiteralExpression:
      return (node as ts.ArrayLiteralExpression).elements.map((value) => ({ value, target: undefined }));
    default:
      return NONE;
  }
}

const NONE: readonly WriteSlot[] = [];

const MAY_HOLD_LEAF_NAMES = [
  'ParenthesizedExpression',
  'NonNullExpression',
  'AsExpression',
  'TypeAssertionExpression',
  'SatisfiesExpression',
  'ConditionalExpression',
  'BinaryExpression',
  'StringLiteral',
  'NoSubstitutionTemplateLiteral',
  'Identifier',
  'PropertyAccessExpression',
  'ElementAccessExpression',
  'TemplateExpression',
  'CallExpression',
] as const;

/** The type a JSDoc `@type` cast (`/** @type {State} *\/ ('x')`) gives a parenthesised expression in a JS file. */
function jsDocCast(tsm: RuleContext['ts'], node: ts.ParenthesizedExpression): WrittenCast | undefined {
  if (!(node.flags & tsm.NodeFlags.JavaScriptFile)) return undefined;
  const type = tsm.getJSDocTypeTag(node)?.typeExpression?.type;
  return type ? { type } : undefined;
}

/**
 * The literal-like leaves a written expression can evaluate to, looking through parentheses,
 * casts (JSDoc casts in JS files too), `!`, conditionals and `??` / `||` / `&&` / comma operands.
 * Leaves are string literals, templates, names and member reads (constants, enum members) and
 * calls (their return type may be a union of literals). Iterative: a 2,000-term `a || b || …`
 * must not exhaust the call stack.
 */
export function writtenLeaves(ctx: RuleContext, value: ts.Expression, bareCalls = false): WrittenLeaf[] {
  const { ts: tsm } = ctx;
  // Most written values are numbers, objects, arrows, calls…: no leaf to read, nothing to allocate.
  // A call is a leaf only behind a cast, or with `bareCalls` (writes no type check stops).
  const mayHoldLeaf = ctx.memo('valid-lifecycle-states:leaf-kinds', () => new Set<ts.SyntaxKind>(MAY_HOLD_LEAF_NAMES.map((name) => tsm.SyntaxKind[name])));
  if (!mayHoldLeaf.has(value.kind) || (!bareCalls && value.kind === tsm.SyntaxKind.CallExpression)) return [];
  const leaves: WrittenLeaf[] = [];
  // Right operands are pushed first so leaves come out left to right.
  const stack: Array<{ node: ts.Expression; casts: readonly WrittenCast[] }> = [{ node: value, casts: [] }];
  while (stack.length > 0) {
    const { node, casts } = stack.pop()!;
    if (tsm.isParenthesizedExpression(node)) {
      const cast = jsDocCast(tsm, node);
      stack.push({ node: node.expression, casts: cast ? [...casts, cast] : casts });
    } else if (tsm.isNonNullExpression(node)) {
      stack.push({ node: node.expression, casts });
    } else if (tsm.isAsExpression(node) || tsm.isTypeAssertionExpression(node) || tsm.isSatisfiesExpression(node)) {
      stack.push({ node: node.expression, casts: [...casts, node] });
    } else if (tsm.isConditionalExpression(node)) {
      stack.push({ node: node.whenFalse, casts }, { node: node.whenTrue, casts });
    } else if (tsm.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      const either = op === tsm.SyntaxKind.QuestionQuestionToken || op === tsm.SyntaxKind.BarBarToken;
      if (either || op === tsm.SyntaxKind.AmpersandAmpersandToken || op === tsm.SyntaxKind.CommaToken) stack.push({ node: node.right, casts });
      if (either) stack.push({ node: node.left, casts });
    } else if (tsm.isStringLiteral(node) || tsm.isNoSubstitutionTemplateLiteral(node)) {
      leaves.push({ node, literal: node.text, casts });
    } else if (
      tsm.isIdentifier(node) ||
      tsm.isPropertyAccessExpression(node) ||
      tsm.isElementAccessExpression(node) ||
      tsm.isTemplateExpression(node) ||
      (tsm.isCallExpression(node) && (bareCalls || casts.length > 0))
    ) {
      leaves.push({ node, literal: undefined, casts });
    }
  }
  return leaves;
}
