import type * as ts from 'typescript';
import { skipWrappersDown } from '../../ast/index.js';
import type { RuleContext } from '../../types.js';
import { constInitializer } from '../../types/const-initializer.js';

/** How many names and template parts one value may be followed through: a bound, not a walk. */
const MAX_STEPS = 16;

/**
 * The string values a leaf can be proven to hold, or undefined when it cannot be proven:
 * - constants and enum members whose type is a literal (numeric enums: the member name);
 * - a `const` whose type is wider (`const s: string = 'x'`), through its initialiser, also when
 *   it is imported from another file (the import alias is followed to the declaration);
 * - a template literal whose substitutions are all known (`` `${PREFIX}CESS` ``);
 * - a call whose return type is a union of string literals: every member is a value it may hold.
 * Bounded by {@link MAX_STEPS}; nothing here recurses on the syntax tree.
 */
export function knownValues(ctx: RuleContext, leaf: ts.Expression): string[] | undefined {
  let steps = 0;
  const single = (expression: ts.Expression): string | undefined => {
    const values = valuesOf(expression, true);
    return values?.length === 1 ? values[0] : undefined;
  };
  const valuesOf = (expression: ts.Expression, inTemplate: boolean): string[] | undefined => {
    steps += 1;
    if (steps > MAX_STEPS) return undefined;
    const { ts: tsm, checker } = ctx;
    const node = skipWrappersDown(tsm, expression);
    if (tsm.isStringLiteralLike(node)) return [node.text];
    // Numbers count only as parts of a template: a number written as a state is no state name.
    if (tsm.isNumericLiteral(node)) return inTemplate ? [node.text] : undefined;
    if (tsm.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const part = single(span.expression);
        if (part === undefined) return undefined;
        text += part + span.literal.text;
      }
      return [text];
    }
    const type = checker.getTypeAtLocation(node);
    if (tsm.isCallExpression(node)) {
      const members = type.isUnion() ? type.types : [type];
      return members.every((member) => member.isStringLiteral()) ? members.map((member) => (member as ts.StringLiteralType).value) : undefined;
    }
    if (type.isStringLiteral()) return [type.value];
    if (type.isNumberLiteral())
      return type.flags & tsm.TypeFlags.EnumLiteral ? optional(type.getSymbol()?.name) : inTemplate ? [String(type.value)] : undefined;
    if (!tsm.isIdentifier(node) && !tsm.isPropertyAccessExpression(node)) return undefined;
    // A wider-typed constant: its initialiser is the value (`const s: string = 'SUCCESS'`).
    // An imported constant (`import { DONE } from './consts'`) too.
    const initializer = constInitializer(ctx, tsm.isIdentifier(node) ? node : node.name);
    return initializer && valuesOf(initializer, inTemplate);
  };
  return valuesOf(leaf, false);
}

function optional(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}
