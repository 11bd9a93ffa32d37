import type * as ts from 'typescript';
import type { TypeScriptModule } from './types.js';

/**
 * Visits `root` and every node below it in source order (pre-order), without recursion: an
 * explicit stack bounds the depth by memory, not by the call stack, so a 2,000-term `a + a + …`
 * or thousands of nested parentheses that TypeScript accepted cannot overflow a rule's walk.
 * `visit` returns false to skip the node's children.
 */
export function walkIteratively(tsm: TypeScriptModule, root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (visit(node) === false) continue;
    // forEachChild stops at the first truthy callback result: the block body returns nothing.
    tsm.forEachChild(node, (child) => {
      children.push(child);
    });
    while (children.length > 0) stack.push(children.pop() as ts.Node);
  }
}
