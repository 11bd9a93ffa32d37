import type * as ts from 'typescript';
import { isConstVariable } from '../ast/index.js';
import type { RuleContext } from '../types.js';

/** The initialiser of the `const` that `name` refers to (an import followed to its declaration, in whichever file), or undefined. */
export function constInitializer(ctx: RuleContext, name: ts.Node): ts.Expression | undefined {
  const { ts: tsm, checker } = ctx;
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & tsm.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  return declaration && isConstVariable(tsm, declaration) ? declaration.initializer : undefined;
}
