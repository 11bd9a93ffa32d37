import type * as ts from 'typescript';

/**
 * The parent of `node`, or undefined at the root. TypeScript types `parent` as always present,
 * but a declaration can be a SourceFile (the symbol of a module namespace, `import * as ns`,
 * `typeof import('x')`), whose parent is undefined: code that walks up from an arbitrary
 * declaration must go through this so the compiler makes it handle the root.
 */
export function parentOf(node: ts.Node): ts.Node | undefined {
  return (node as { parent?: ts.Node }).parent;
}
