import type * as ts from 'typescript';
import type { RuleContext } from '../../types.js';

/** A value that may be written into a typed slot: the literal (or constant) and what wraps it. */
export interface WrittenLeaf {
  node: ts.Expression;
  /** Its text when it is a string literal; constants and enum members need the checker. */
  literal: string | undefined;
  /** The casts between the slot and the leaf (`as`, `<T>`, `satisfies`), outermost first. */
  casts: Array<ts.AsExpression | ts.TypeAssertion | ts.SatisfiesExpression>;
}

/** A place a value is written: the expression whose contextual type is the target's type. */
export interface WriteSlot {
  value: ts.Expression;
  /** For assignments, the target: its declared type counts even without a contextual type. */
  target: ts.Expression | undefined;
}

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
  'ParenthesizedExpression', 'NonNullExpression', 'AsExpression', 'TypeAssertionExpression', 'SatisfiesExpression',
  'ConditionalExpression', 'BinaryExpression', 'StringLiteral', 'NoSubstitutionTemplateLiteral', 'Identifier',
  'PropertyAccessExpression', 'ElementAccessExpression',
] as const;

/**
 * The literal-like leaves a written expression can evaluate to, looking through parentheses,
 * casts, `!`, conditionals and `??` / `||` / `&&` / comma operands.
 */
export function writtenLeaves(ctx: RuleContext, value: ts.Expression): WrittenLeaf[] {
  const { ts: tsm } = ctx;
  // Most written values are calls, numbers, objects…: no leaf to read, nothing to allocate.
  const mayHoldLeaf = ctx.memo('valid-lifecycle-states:leaf-kinds', () => new Set<ts.SyntaxKind>(MAY_HOLD_LEAF_NAMES.map((name) => tsm.SyntaxKind[name])));
  if (!mayHoldLeaf.has(value.kind)) return [];
  const leaves: WrittenLeaf[] = [];
  // An explicit stack, not recursion: a 2,000-operand `a ?? b ?? …` that tsc accepts must not
  // overflow. Pushed in reverse so leaves come out in source order.
  const pending: Array<{ node: ts.Expression; casts: WrittenLeaf['casts'] }> = [{ node: value, casts: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, casts } = next;
    if (tsm.isParenthesizedExpression(node) || tsm.isNonNullExpression(node)) {
      pending.push({ node: node.expression, casts });
    } else if (tsm.isAsExpression(node) || tsm.isTypeAssertionExpression(node) || tsm.isSatisfiesExpression(node)) {
      pending.push({ node: node.expression, casts: [...casts, node] });
    } else if (tsm.isConditionalExpression(node)) {
      pending.push({ node: node.whenFalse, casts }, { node: node.whenTrue, casts });
    } else if (tsm.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === tsm.SyntaxKind.QuestionQuestionToken || op === tsm.SyntaxKind.BarBarToken || op === tsm.SyntaxKind.AmpersandAmpersandToken || op === tsm.SyntaxKind.CommaToken) {
        pending.push({ node: node.right, casts });
      }
      if (op === tsm.SyntaxKind.QuestionQuestionToken || op === tsm.SyntaxKind.BarBarToken) pending.push({ node: node.left, casts });
    } else if (tsm.isStringLiteral(node) || tsm.isNoSubstitutionTemplateLiteral(node)) {
      leaves.push({ node, literal: node.text, casts });
    } else if (tsm.isIdentifier(node) || tsm.isPropertyAccessExpression(node) || tsm.isElementAccessExpression(node)) {
      leaves.push({ node, literal: undefined, casts });
    }
  }
  return leaves;
}

/** The literal value a constant or enum member leaf stands for, from its type (numeric enums: the member name). */
export function constantValue(ctx: RuleContext, leaf: ts.Expression): string | undefined {
  const { ts: tsm, checker } = ctx;
  const type = checker.getTypeAtLocation(leaf);
  if (type.isStringLiteral()) return type.value;
  if (type.flags & tsm.TypeFlags.EnumLiteral && type.isNumberLiteral()) return type.getSymbol()?.name;
  return undefined;
}
