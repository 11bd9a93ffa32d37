import type * as ts from 'typescript';
import { callTarget, memberNameNode, skipWrappersDown, type CallTarget } from '../ast/index.js';
import type { RuleContext } from '../types.js';

/**
 * The declaration a call or `new` reaches, through every spelling {@link callTarget} sees (wrappers,
 * `.call`/`.apply`/`.bind`, `Reflect.apply`). The callee's symbol (aliases followed) answers first:
 * it needs only the receiver's type, not overload resolution with every argument checked, which
 * is what made this rule the scanner's hot spot. The resolved signature is the fallback for
 * callees with no symbol of their own (`make()()`, `(a ?? b)()`) or only an anonymous function
 * type (`type F = () => void`), which says nothing about which code runs.
 */
export function calleeDeclaration(ctx: RuleContext, call: ts.CallExpression | ts.NewExpression): ts.Declaration | undefined {
  const { callee, form } = runTarget(ctx, call);
  const fromSymbol = symbolDeclaration(ctx, memberNameNode(ctx.ts, callee));
  if (fromSymbol && !isAnonymousSignature(ctx, fromSymbol) && !holdsFunctionValue(ctx, fromSymbol)) return fromSymbol;
  // The call's own signature is the target's only when the target is called directly.
  const signature = form === 'direct' ? ctx.checker.getResolvedSignature(call) : ctx.checker.getTypeAtLocation(callee).getCallSignatures()[0];
  const declaration = signature?.declaration;
  if (declaration && !isAnonymousSignature(ctx, declaration)) return declaration;
  return fromSymbol;
}

/**
 * {@link callTarget}, confirmed by the checker where syntax can mislead: `x.call(…)` runs `x` only
 * when `call` is Function.prototype's (declared in the standard library), not a method of x's own.
 */
export function runTarget(ctx: RuleContext, call: ts.CallExpression | ts.NewExpression): CallTarget {
  const target = callTarget(ctx.ts, call);
  if (target.form !== 'call' && target.form !== 'apply' && target.form !== 'bind') return target;
  const method = skipWrappersDown(
    ctx.ts,
    target.form === 'bind' ? (skipWrappersDown(ctx.ts, call.expression) as ts.CallExpression).expression : call.expression,
  );
  const declaration = symbolDeclaration(ctx, memberNameNode(ctx.ts, method));
  if (declaration && !declaration.getSourceFile().isDeclarationFile) return { callee: skipWrappersDown(ctx.ts, call.expression), form: 'direct' };
  return target;
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

function symbolDeclaration(ctx: RuleContext, name: ts.Node, depth = 0): ts.Declaration | undefined {
  let symbol = ctx.checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ctx.ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  // A local holding a method (`const f = svc.method`, `const f: F = svc.method.bind(svc)`) stands
  // for what initialised it. (Bounded: `const a = b, b = a` must not loop.)
  const held = depth < 8 && declaration ? heldFunction(ctx, declaration) : undefined;
  if (held) return symbolDeclaration(ctx, memberNameNode(ctx.ts, held), depth + 1) ?? declaration;
  return declaration;
}

/**
 * The function expression a variable is known to hold: its initialiser, when that names a
 * function (`svc.method`, `f`, `svc.method.bind(svc)`) and nothing can reassign it — a `const`,
 * or an untyped `let`/`var` as before. An explicit function type (`const f: F = svc.method`) only
 * widens what the checker says; the code that runs is still the initialiser's.
 */
function heldFunction(ctx: RuleContext, declaration: ts.Declaration): ts.Expression | undefined {
  const { ts: tsm } = ctx;
  if (!tsm.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const isConst = tsm.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & tsm.NodeFlags.Const) !== 0;
  if (declaration.type && !isConst) return undefined;
  let initializer = skipWrappersDown(tsm, declaration.initializer);
  // `x.bind(y)` holds `x` (a `bind` declared in the standard library, not a method of x's own).
  if (tsm.isCallExpression(initializer)) {
    const callee = skipWrappersDown(tsm, initializer.expression);
    if (!tsm.isPropertyAccessExpression(callee) || callee.name.text !== 'bind') return undefined;
    const bind = ctx.checker.getSymbolAtLocation(callee.name)?.declarations?.[0];
    if (!bind?.getSourceFile().isDeclarationFile) return undefined;
    initializer = skipWrappersDown(tsm, callee.expression);
  }
  return tsm.isPropertyAccessExpression(initializer) || tsm.isIdentifier(initializer) ? initializer : undefined;
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
  const owner = container && (tsm.isClassLike(container) || tsm.isInterfaceDeclaration(container)) ? nameOf(container) : undefined;
  if (own && owner) return `${owner}.${own}`;
  return own ?? 'an anonymous function';
}
