import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';
import { skipWrappersDown } from './wrappers.js';

/**
 * Whether any value `fn`'s body returns satisfies `test`: its concise body, or the expression of
 * each `return` outside nested functions and classes (theirs are their own), past wrappers; an
 * array literal counts by its elements (spreads included), as the checker infers `T[]` from them.
 * A function without a body (a declaration) or a generator may return anything this cannot see:
 * true.
 */
export function someReturnedValue(tsm: TypeScriptModule, fn: ts.SignatureDeclaration, test: (value: ts.Expression) => boolean): boolean {
  const body = (fn as { body?: ts.Node }).body;
  if (!body || (fn as { asteriskToken?: unknown }).asteriskToken !== undefined) return true;
  const returned = (expression: ts.Expression): boolean => {
    const value = skipWrappersDown(tsm, expression);
    if (tsm.isArrayLiteralExpression(value)) return value.elements.some((element) => returned(tsm.isSpreadElement(element) ? element.expression : element));
    return test(value);
  };
  if (!tsm.isBlock(body)) return returned(body as ts.Expression);
  let result = false;
  const visit = (node: ts.Node): void => {
    if (result) return;
    if (tsm.isReturnStatement(node)) {
      if (node.expression && returned(node.expression)) result = true;
      return;
    }
    if (tsm.isFunctionLike(node) || tsm.isClassLike(node)) return;
    tsm.forEachChild(node, visit);
  };
  tsm.forEachChild(body, visit);
  return result;
}
