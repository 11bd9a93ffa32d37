import type * as ts from 'typescript';
import { callTarget, isConstVariable, memberNameNode, skipWrappersDown, staticMemberName, type CallTarget } from '../ast/index.js';
import type { RuleContext } from '../types.js';

/** A call, `new` or tagged template: every expression that runs a function. */
export type CallLike = ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;

/**
 * The declaration a call or `new` reaches, through every spelling {@link callTarget} sees (wrappers,
 * `.call`/`.apply`/`.bind`, `Reflect.apply`/`Reflect.construct`, tags). It is the declaration the
 * callee's VALUE comes from, not the one its type was written from:
 *
 * - the callee's symbol (aliases and `const` holders followed) answers first when it names code
 *   (a function, method, class): that needs only the receiver's type, not overload resolution
 *   with every argument checked, which made this rule the scanner's hot spot;
 * - a holder whose value is written where it is declared (`const f: T = (x) => x`, a `readonly`
 *   field likewise) holds that value, whatever type `T` is: a function written in place is the
 *   holder's own code, anything else is judged by the type of the value it was given;
 * - any other holder (a parameter, a `let` declared with a type, a property) holds whatever it was
 *   handed: only its type can tell, so the resolved signature answers, unless the type is an
 *   anonymous function type (`type F = () => void`), which says nothing about which code runs.
 *   Constructing a class held that way reaches the class when it declares no constructor.
 */
export function calleeDeclaration(ctx: RuleContext, call: CallLike): ts.Declaration | undefined {
  const { callee, form } = runTarget(ctx, call);
  const fromSymbol = symbolDeclaration(ctx, memberNameNode(ctx.ts, callee));
  if (fromSymbol && !isAnonymousSignature(ctx, fromSymbol) && !holdsFunctionValue(ctx, fromSymbol)) return fromSymbol;
  const constructing = constructs(ctx, call);
  const written = fromSymbol && writtenValue(ctx, fromSymbol);
  if (written && isFunctionWrittenInPlace(ctx, written)) return fromSymbol;
  let signature: ts.Signature | undefined;
  if (written) signature = signaturesOf(ctx.checker.getTypeAtLocation(written), constructing)[0];
  // The call's own signature is the target's only when the target is called directly.
  else if (form === 'direct') signature = ctx.checker.getResolvedSignature(call);
  else signature = signaturesOf(ctx.checker.getTypeAtLocation(callee), constructing)[0];
  const declaration = signature?.declaration;
  if (declaration && isAnonymousSignature(ctx, declaration)) return fromSymbol;
  // Constructing reaches the class constructed: its construct signatures name no declaration
  // when it has no constructor of its own, and an inherited one names the base class's.
  if (constructing && signature && (!declaration || ctx.ts.isConstructorDeclaration(declaration))) {
    const instance = signature.getReturnType().getSymbol();
    const constructed = instance?.valueDeclaration ?? instance?.declarations?.[0];
    if (constructed && ctx.ts.isClassLike(constructed)) return constructed;
  }
  return declaration ?? fromSymbol;
}

/**
 * For a member call whose receiver is a `const` (or `readonly` field) declared with a type and
 * given its value in place (`const r: Runner = new LocalRunner()`): the member's declaration on
 * the value's own type, which is the code that runs, where the declared type may be a lower
 * layer's interface or a `Pick` of its class. Undefined for every other callee. Asked only about
 * calls already found forbidden, since it types the initialiser.
 */
export function initialisedReceiverDeclaration(ctx: RuleContext, call: CallLike): ts.Declaration | undefined {
  const { ts: tsm, checker } = ctx;
  const { callee } = runTarget(ctx, call);
  const name = staticMemberName(tsm, callee);
  if (name === undefined || !(tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee))) return undefined;
  const holder = checker.getSymbolAtLocation(memberNameNode(tsm, callee.expression))?.valueDeclaration;
  const value = holder && writtenValue(ctx, holder);
  let member = value && checker.getTypeAtLocation(value).getProperty(name);
  if (!value || !member) return undefined;
  if (member.flags & tsm.SymbolFlags.Alias) member = checker.getAliasedSymbol(member);
  const found = member.valueDeclaration ?? member.declarations?.[0];
  if (!found || !holdsFunctionValue(ctx, found)) return found;
  // A property holding a function (an arrow field, an object literal's key): the function's own declaration.
  const signature = signaturesOf(checker.getTypeOfSymbolAtLocation(member, value), constructs(ctx, call))[0];
  const declaration = signature?.declaration;
  return declaration && !isAnonymousSignature(ctx, declaration) ? declaration : found;
}

function signaturesOf(type: ts.Type, constructs: boolean): readonly ts.Signature[] {
  return constructs ? type.getConstructSignatures() : type.getCallSignatures();
}

/**
 * The value a holder declared with a type was given where it is declared, when nothing can give
 * it another: the initialiser of a `const` or of a `readonly` field. Holders without a written
 * type are left out: their type is their value's.
 */
function writtenValue(ctx: RuleContext, declaration: ts.Declaration): ts.Expression | undefined {
  const { ts: tsm } = ctx;
  if (tsm.isVariableDeclaration(declaration)) {
    return isConstVariable(tsm, declaration) && declaration.type && declaration.initializer ? skipWrappersDown(tsm, declaration.initializer) : undefined;
  }
  if (tsm.isPropertyDeclaration(declaration) && declaration.type && declaration.initializer) {
    const readonly = tsm.getCombinedModifierFlags(declaration) & tsm.ModifierFlags.Readonly;
    return readonly ? skipWrappersDown(tsm, declaration.initializer) : undefined;
  }
  return undefined;
}

/** A function, arrow or class written as an expression: the holder's own code. */
function isFunctionWrittenInPlace(ctx: RuleContext, expression: ts.Expression): boolean {
  const { ts: tsm } = ctx;
  return tsm.isArrowFunction(expression) || tsm.isFunctionExpression(expression) || tsm.isClassExpression(expression);
}

/** Whether `call` constructs (`new C()`, `Reflect.construct(C, …)`) rather than calls. */
export function constructs(ctx: RuleContext, call: CallLike): boolean {
  return ctx.ts.isNewExpression(call) || runTarget(ctx, call).form === 'reflect-construct';
}

/**
 * {@link callTarget}, confirmed by the checker where syntax can mislead: `x.call(…)` runs `x` only
 * when `call` is Function.prototype's (declared in the standard library), not a method of x's own.
 */
export function runTarget(ctx: RuleContext, call: CallLike): CallTarget {
  // Asked by the layer rule's pre-check, its check and both declaration lookups: resolved once per call.
  const known = ctx.memo('layers:run-target', () => new WeakMap<CallLike, CallTarget>());
  let target = known.get(call);
  if (!target) known.set(call, (target = resolveRunTarget(ctx, call)));
  return target;
}

function resolveRunTarget(ctx: RuleContext, call: CallLike): CallTarget {
  const target = callTarget(ctx.ts, call);
  if (target.form !== 'call' && target.form !== 'apply' && target.form !== 'bind') return target;
  // Only a call expression has these forms.
  const expression = (call as ts.CallExpression).expression;
  const method = skipWrappersDown(ctx.ts, target.form === 'bind' ? (skipWrappersDown(ctx.ts, expression) as ts.CallExpression).expression : expression);
  const declaration = symbolDeclaration(ctx, memberNameNode(ctx.ts, method));
  if (declaration && !declaration.getSourceFile().isDeclarationFile) return { callee: skipWrappersDown(ctx.ts, expression), form: 'direct' };
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
  if (declaration.type && !isConstVariable(tsm, declaration)) return undefined;
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
