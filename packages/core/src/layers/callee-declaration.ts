import type * as ts from 'typescript';
import type { RuleContext } from '../types.js';

/**
 * The declaration a call or `new` reaches. The callee's symbol (aliases followed) answers first:
 * it needs only the receiver's type, not overload resolution with every argument checked, which
 * is what made this rule the scanner's hot spot. The resolved signature is the fallback for
 * callees with no symbol of their own (`make()()`, `(a ?? b)()`) or only an anonymous function
 * type (`type F = () => void`), which says nothing about which code runs.
 */
export function calleeDeclaration(ctx: RuleContext, call: ts.CallExpression | ts.NewExpression): ts.Declaration | undefined {
  const { ts: tsm, checker } = ctx;
  const fromSymbol = symbolDeclaration(ctx, calleeName(ctx, call.expression));
  if (fromSymbol && !isAnonymousSignature(ctx, fromSymbol) && !holdsFunctionValue(ctx, fromSymbol)) {
    // `f.call(…)` / `f.apply(…)` name the standard library's Function methods; what runs is `f`.
    if (fromSymbol.getSourceFile().isDeclarationFile && tsm.isCallExpression(call) && isCallOrApply(ctx, call.expression)) {
      return symbolDeclaration(ctx, calleeName(ctx, call.expression.expression));
    }
    return fromSymbol;
  }
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (declaration && !isAnonymousSignature(ctx, declaration)) return declaration;
  return fromSymbol;
}

/**
 * A variable, parameter, destructured name or property: the code it calls is whatever function
 * value it holds, which only the resolved signature names. Functions, methods and classes name
 * their own code.
 */
function holdsFunctionValue(ctx: RuleContext, declaration: ts.Declaration): boolean {
  const { ts: tsm } = ctx;
  return (
    tsm.isBindingElement(declaration) ||
    tsm.isParameter(declaration) ||
    tsm.isVariableDeclaration(declaration) ||
    tsm.isPropertyAssignment(declaration) ||
    tsm.isShorthandPropertyAssignment(declaration) ||
    tsm.isPropertyDeclaration(declaration) ||
    tsm.isPropertySignature(declaration)
  );
}

function isAnonymousSignature(ctx: RuleContext, declaration: ts.Declaration): boolean {
  const { ts: tsm } = ctx;
  return tsm.isFunctionTypeNode(declaration) || tsm.isConstructorTypeNode(declaration) || tsm.isJSDocSignature(declaration);
}

function isCallOrApply(ctx: RuleContext, callee: ts.Expression): callee is ts.PropertyAccessExpression {
  return ctx.ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply');
}

function symbolDeclaration(ctx: RuleContext, name: ts.Node): ts.Declaration | undefined {
  let symbol = ctx.checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ctx.ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  // A local holding a method (`const f = svc.method`) stands for what initialised it.
  if (declaration && ctx.ts.isVariableDeclaration(declaration) && declaration.initializer && !declaration.type) {
    const initializer = declaration.initializer;
    if (ctx.ts.isPropertyAccessExpression(initializer) || ctx.ts.isIdentifier(initializer)) return symbolDeclaration(ctx, calleeName(ctx, initializer)) ?? declaration;
  }
  return declaration;
}

/** `expression` without the parentheses and `!` around it: `(svc!).m` calls `svc.m`. */
export function unwrapCallee(ctx: RuleContext, expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ctx.ts.isParenthesizedExpression(node) || ctx.ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

/** The node naming the callee: `m` of `a.b.m`, `C` of `new C`, the expression otherwise. */
export function calleeName(ctx: RuleContext, expression: ts.Expression): ts.Node {
  const { ts: tsm } = ctx;
  const node = unwrapCallee(ctx, expression);
  if (tsm.isPropertyAccessExpression(node)) return node.name;
  if (tsm.isElementAccessExpression(node)) return node.argumentExpression;
  return node;
}

/** A readable name for a declaration: `Class.method`, `function`, `Class` for constructors. */
export function describeDeclaration(ctx: RuleContext, declaration: ts.Declaration): string {
  const { ts: tsm } = ctx;
  const nameOf = (node: ts.Node | undefined): string | undefined => {
    const name = node && (node as ts.NamedDeclaration).name;
    return name && (tsm.isIdentifier(name) || tsm.isPrivateIdentifier(name) || tsm.isStringLiteral(name)) ? name.text : undefined;
  };
  if (tsm.isConstructorDeclaration(declaration)) return nameOf(declaration.parent) ?? 'constructor';
  const own = nameOf(declaration) ?? nameOf(declaration.parent);
  const container = declaration.parent;
  const owner =
    container && (tsm.isClassLike(container) || tsm.isInterfaceDeclaration(container)) ? nameOf(container) : undefined;
  if (own && owner) return `${owner}.${own}`;
  return own ?? 'an anonymous function';
}
