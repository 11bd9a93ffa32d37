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
export function writeSlotsOf(ctx: RuleContext, node: ts.Node): WriteSlot[] {
  const { ts: tsm } = ctx;
  if (tsm.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    const isAssignment = op >= tsm.SyntaxKind.FirstAssignment && op <= tsm.SyntaxKind.LastAssignment;
    if (!isAssignment || tsm.isObjectLiteralExpression(node.left) || tsm.isArrayLiteralExpression(node.left)) return [];
    return [{ value: node.right, target: node.left }];
  }
  if (
    (tsm.isVariableDeclaration(node) || tsm.isPropertyDeclaration(node) || tsm.isParameter(node) || tsm.isBindingElement(node) || tsm.isPropertyAssignment(node)) &&
    node.initializer
  ) {
    return [{ value: node.initializer, target: undefined }];
  }
  if (tsm.isShorthandPropertyAssignment(node)) return [{ value: node.name, target: undefined }];
  if (tsm.isReturnStatement(node) && node.expression) return [{ value: node.expression, target: undefined }];
  if (tsm.isArrowFunction(node) && !tsm.isBlock(node.body)) return [{ value: node.body, target: undefined }];
  if (tsm.isCallExpression(node) || tsm.isNewExpression(node)) return (node.arguments ?? []).map((value) => ({ value, target: undefined }));
  if (tsm.isArrayLiteralExpression(node)) return node.elements.map((value) => ({ value, target: undefined }));
  return [];
}

/**
 * The literal-like leaves a written expression can evaluate to, looking through parentheses,
 * casts, `!`, conditionals and `??` / `||` / `&&` / comma operands.
 */
export function writtenLeaves(ctx: RuleContext, value: ts.Expression): WrittenLeaf[] {
  const { ts: tsm } = ctx;
  const leaves: WrittenLeaf[] = [];
  const visit = (node: ts.Expression, casts: WrittenLeaf['casts']): void => {
    if (tsm.isParenthesizedExpression(node) || tsm.isNonNullExpression(node)) return visit(node.expression, casts);
    if (tsm.isAsExpression(node) || tsm.isTypeAssertionExpression(node) || tsm.isSatisfiesExpression(node)) {
      return visit(node.expression, [...casts, node]);
    }
    if (tsm.isConditionalExpression(node)) {
      visit(node.whenTrue, casts);
      return visit(node.whenFalse, casts);
    }
    if (tsm.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === tsm.SyntaxKind.QuestionQuestionToken || op === tsm.SyntaxKind.BarBarToken) visit(node.left, casts);
      if (op === tsm.SyntaxKind.QuestionQuestionToken || op === tsm.SyntaxKind.BarBarToken || op === tsm.SyntaxKind.AmpersandAmpersandToken || op === tsm.SyntaxKind.CommaToken) {
        visit(node.right, casts);
      }
      return;
    }
    if (tsm.isStringLiteral(node) || tsm.isNoSubstitutionTemplateLiteral(node)) {
      leaves.push({ node, literal: node.text, casts });
    } else if (tsm.isIdentifier(node) || tsm.isPropertyAccessExpression(node) || tsm.isElementAccessExpression(node)) {
      leaves.push({ node, literal: undefined, casts });
    }
  };
  visit(value, []);
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
