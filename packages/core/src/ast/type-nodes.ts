import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';

/**
 * True when the type node mentions one of the type parameters `names` (a reference by name, at any
 * depth: `T`, `T[]`, `Promise<T>`, `T['x']`) or `this`: what it stands for then depends on how the
 * declaration is instantiated or called. `number` and `Row[]` do not.
 */
export function typeNodeMentions(tsm: TypeScriptModule, typeNode: ts.Node, names: ReadonlySet<string>): boolean {
  if (typeNode.kind === tsm.SyntaxKind.ThisType) return true;
  if (tsm.isTypeReferenceNode(typeNode) && tsm.isIdentifier(typeNode.typeName) && names.has(typeNode.typeName.text)) return true;
  return tsm.forEachChild(typeNode, (child) => (typeNodeMentions(tsm, child, names) ? true : undefined)) ?? false;
}
