import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';
import { skipWrappersDown } from './wrappers.js';

/**
 * The member name a property or element access reads when the source spells it out:
 * `x.run` → "run", `x['run']` / `` x[`run`] `` → "run", `this.#run` → "run" (without `#`).
 * Undefined for computed keys (`x[k]`) and for every other expression.
 */
export function staticMemberName(tsm: TypeScriptModule, node: ts.Node): string | undefined {
  if (tsm.isPropertyAccessExpression(node)) return node.name.text.replace(/^#/, '');
  if (tsm.isElementAccessExpression(node)) {
    const key = skipWrappersDown(tsm, node.argumentExpression);
    return tsm.isStringLiteralLike(key) ? key.text : undefined;
  }
  return undefined;
}

/** The text of a declared name (identifier, `#private`, string or numeric literal), if static. */
export function propertyNameText(tsm: TypeScriptModule, name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (tsm.isIdentifier(name) || tsm.isStringLiteral(name) || tsm.isNumericLiteral(name) || tsm.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (tsm.isPrivateIdentifier(name)) return name.text.replace(/^#/, '');
  return undefined;
}

/**
 * The node a finding about a member use or call marks: the member's name (`run` of `p.run`, the
 * key of `p['run']`), else the expression itself.
 */
export function memberNameNode(tsm: TypeScriptModule, expression: ts.Expression): ts.Node {
  const node = skipWrappersDown(tsm, expression);
  if (tsm.isPropertyAccessExpression(node)) return node.name;
  if (tsm.isElementAccessExpression(node)) return node.argumentExpression;
  return node;
}
