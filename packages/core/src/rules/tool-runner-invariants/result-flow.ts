import type * as ts from 'typescript';
import { isConstVariable, propertyNameText } from '../../ast/index.js';
import type { TypeScriptModule } from '../../types.js';

/** The function-like whose body holds `node` (the nearest one). */
export function enclosingFunction(tsm: TypeScriptModule, node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (tsm.isFunctionLike(parent) && (parent as ts.FunctionLikeDeclaration).body) return parent;
  }
  return undefined;
}

/** `node` seen from outside its parentheses, casts, `!` and `await`: the value its parent receives. */
export function valueUp(tsm: TypeScriptModule, node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    const transparent =
      tsm.isParenthesizedExpression(parent) ||
      tsm.isNonNullExpression(parent) ||
      tsm.isAsExpression(parent) ||
      tsm.isSatisfiesExpression(parent) ||
      tsm.isTypeAssertionExpression(parent) ||
      tsm.isAwaitExpression(parent);
    if (!transparent) return current;
    current = parent;
  }
}

/**
 * Where a closure runs, seen from the function that creates it: the call it is handed to
 * (`withTimeout(() => plugin.run(x))` runs inside `withTimeout(…)`), else the closure itself.
 */
export function closureAnchor(tsm: TypeScriptModule, fn: ts.Node): ts.Node {
  const outer = valueUp(tsm, fn);
  const parent = outer.parent;
  if (tsm.isCallExpression(parent) && parent.arguments.some((argument) => argument === outer)) return parent;
  return fn;
}

/** The local name a function is declared under: `function f() {}`, or `const f = () => …`. */
export function localName(tsm: TypeScriptModule, fn: ts.SignatureDeclaration): ts.Identifier | undefined {
  if (tsm.isFunctionDeclaration(fn)) return fn.name;
  const holder = valueUp(tsm, fn).parent;
  return isConstVariable(tsm, holder) && tsm.isIdentifier(holder.name) ? holder.name : undefined;
}

export function within(node: ts.Node, root: ts.Node): boolean {
  return node.pos >= root.pos && node.end <= root.end;
}

/** The `try` statements whose protected block holds `node`, innermost first, up to `stop` (exclusive). */
export function enclosingTries(tsm: TypeScriptModule, node: ts.Node, stop: ts.Node | undefined): ts.TryStatement[] {
  const tries: ts.TryStatement[] = [];
  for (let child = node, parent = node.parent; parent && parent !== stop; child = parent, parent = parent.parent) {
    if (tsm.isTryStatement(parent) && parent.tryBlock === child) tries.push(parent);
  }
  return tries;
}

/**
 * The outermost expression that may carry `node`'s value within its statement: through wrappers
 * and `await`, array literals, object literals (a property's value, shorthand or not, and a
 * `...spread` that `spreadCarries` accepts), call arguments (`Promise.race([call, timeout])`,
 * `withTimeout(call, ms)`), conditional branches and `??` / `||` / `&&` / comma operands.
 */
export function carriedUp(tsm: TypeScriptModule, node: ts.Node, spreadCarries: (spread: ts.SpreadAssignment) => boolean): ts.Node {
  let current = valueUp(tsm, node);
  for (;;) {
    const parent = current.parent;
    let next: ts.Node | undefined;
    if (tsm.isArrayLiteralExpression(parent) || tsm.isSpreadElement(parent)) next = parent;
    else if (tsm.isPropertyAssignment(parent) && parent.initializer === current) next = parent.parent;
    else if (tsm.isShorthandPropertyAssignment(parent) && parent.name === current) next = parent.parent;
    else if (tsm.isSpreadAssignment(parent) && spreadCarries(parent)) next = parent.parent;
    else if ((tsm.isCallExpression(parent) || tsm.isNewExpression(parent)) && parent.expression !== current) next = parent;
    else if (tsm.isConditionalExpression(parent) && parent.condition !== current) next = parent;
    else if (tsm.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      const kind = tsm.SyntaxKind;
      if (
        op === kind.QuestionQuestionToken ||
        op === kind.BarBarToken ||
        op === kind.AmpersandAmpersandToken ||
        (op === kind.CommaToken && parent.right === current)
      )
        next = parent;
    }
    if (!next) return current;
    current = valueUp(tsm, next);
  }
}

/**
 * True when everything `spread` copies reaches its object literal unchanged: no later member can
 * replace one of its properties (a later spread, a computed key, or a key the spread value's type
 * has). `{ ok: false, ...envelope }` keeps the envelope whole; `{ ...envelope, error: raw }` does not.
 */
export function spreadKeptWhole(tsm: TypeScriptModule, checker: ts.TypeChecker, spread: ts.SpreadAssignment): boolean {
  const members = spread.parent.properties;
  const later = members.slice(members.indexOf(spread) + 1);
  if (later.length === 0) return true;
  const type = checker.getTypeAtLocation(spread.expression);
  if (type.flags & (tsm.TypeFlags.Any | tsm.TypeFlags.Unknown)) return false;
  const parts = type.isUnion() ? type.types : [type];
  return later.every((member) => {
    if (tsm.isSpreadAssignment(member)) return false;
    const name = propertyNameText(tsm, member.name);
    return name !== undefined && parts.every((part) => !checker.getPropertyOfType(part, name));
  });
}
