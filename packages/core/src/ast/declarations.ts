import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';

/** Whether `list` declares `const`s (`const a = …`, `for (const x of …)`). */
export function isConstList(tsm: TypeScriptModule, list: ts.Node): list is ts.VariableDeclarationList {
  return tsm.isVariableDeclarationList(list) && (list.flags & tsm.NodeFlags.Const) !== 0;
}

/** Whether `node` is a variable declared with `const`: it holds what it was given, for good. */
export function isConstVariable(tsm: TypeScriptModule, node: ts.Node): node is ts.VariableDeclaration {
  return tsm.isVariableDeclaration(node) && isConstList(tsm, node.parent);
}

/** The identifiers a declaration's name binds (`a`, or `a` and `b` of `{ a, b: [b] }`). */
export function boundNames(tsm: TypeScriptModule, name: ts.BindingName): ts.Identifier[] {
  if (tsm.isIdentifier(name)) return [name];
  const names: ts.Identifier[] = [];
  const stack: ts.BindingName[] = [name];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (tsm.isIdentifier(current)) names.push(current);
    else for (const element of current.elements) if (!tsm.isOmittedExpression(element)) stack.push(element.name);
  }
  return names;
}
