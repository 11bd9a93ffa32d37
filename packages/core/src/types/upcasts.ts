import type * as ts from 'typescript';
import { skipWrappersDown } from '../ast/index.js';
import { isAssignmentPattern } from './member-use.js';
import type { RuleContext, RuleListeners } from '../types.js';

/** A value of a guarded type passed on as a type that is not guarded but has a guarded member. */
export interface Upcast {
  /** The value at the flow site (an argument, initializer, returned value, element, spread…). */
  readonly node: ts.Expression;
  /** The value's type (or its element type, for arrays and spreads). */
  readonly source: ts.Type;
  /** The type it is passed on as (or its element type). */
  readonly target: ts.Type;
}

/**
 * The questions the upcast listeners ask of the guards: the cheap one (may values of this type be
 * guarded?) first, the target question only for a value that is.
 */
export interface UpcastTest<Loss> {
  /** True when `type` is a guarded type (of a guard on every use). */
  isGuarded(type: ts.Type): boolean;
  /** What is lost when `source` is passed on as `target` (a guarded member it exposes unguarded), or undefined. */
  loss(source: ts.Type, target: ts.Type): Loss | undefined;
}

/** Expressions that may evaluate to a guarded value: names, member reads, calls, `new`, `await`, `this`. */
function mayHoldValue(tsm: RuleContext['ts'], node: ts.Expression): boolean {
  switch (node.kind) {
    case tsm.SyntaxKind.Identifier:
    case tsm.SyntaxKind.ThisKeyword:
    case tsm.SyntaxKind.PropertyAccessExpression:
    case tsm.SyntaxKind.ElementAccessExpression:
    case tsm.SyntaxKind.CallExpression:
    case tsm.SyntaxKind.NewExpression:
    case tsm.SyntaxKind.AwaitExpression:
      return true;
    default:
      return false;
  }
}

// Symbols that never hold an instance: functions, classes (the constructor), enums, namespaces.
const NOT_A_VALUE_HOLDER = 'Function | Class | Enum | ValueModule | Method | Accessor';

/** The element type of an array, tuple or readonly array; undefined for anything else. */
function elementType(ctx: RuleContext, type: ts.Type): ts.Type | undefined {
  const { checker } = ctx;
  return checker.isArrayType(type) || checker.isTupleType(type) ? checker.getIndexTypeOfType(type, ctx.ts.IndexKind.Number) : undefined;
}

/**
 * Listeners that find where a value of a guarded type flows into a target type that is not
 * guarded but has a guarded member (`const r: { run(): void } = plugin`): variable initialisers
 * with a type, assignments, arguments, returned values, array and object literal elements,
 * spreads, and `as` assertions. Syntax decides which expressions may hold a value; a name's
 * declared type (cached per symbol, no narrowing) rules most out before its type at the site is
 * asked; the target type is read from the checker's contextual type only for a guarded value.
 * Arrays count by their element types: `const rs: Runner[] = plugins`.
 */
export function upcastListeners<Loss>(
  ctx: RuleContext,
  test: UpcastTest<Loss>,
  onUpcast: (upcast: Upcast, loss: Loss) => void,
): NonNullable<RuleListeners['enter']> {
  const { ts: tsm, checker } = ctx;
  const skipFlags = NOT_A_VALUE_HOLDER.split(' | ').reduce((flags, name) => flags | tsm.SymbolFlags[name as keyof typeof tsm.SymbolFlags], 0);
  const bySymbol = new Map<ts.Symbol, boolean>();
  const isCast = (node: ts.Expression): boolean => {
    let inner = node;
    while (tsm.isParenthesizedExpression(inner) || tsm.isNonNullExpression(inner)) inner = inner.expression;
    return (tsm.isAsExpression(inner) || tsm.isTypeAssertionExpression(inner)) && !tsm.isConstTypeReference(inner.type);
  };

  // Cheap first, by syntax and declarations: a name declared by `const x = <literal, function,
  // object literal…>` holds no guarded value, whatever its type; a name with a type annotation is
  // judged by it; only the rest (inferred variables, contextually typed parameters) asks the
  // checker for the declared type. Cached per symbol.
  const symbolMayBeGuarded = (symbol: ts.Symbol): boolean => {
    if (symbol.flags & skipFlags) return false;
    let known = bySymbol.get(symbol);
    if (known === undefined) {
      bySymbol.set(symbol, false); // `const a = b, b = a`: a cycle adds nothing
      const declaration = symbol.valueDeclaration;
      if (declaration && tsm.isVariableDeclaration(declaration) && !declaration.type && declaration.initializer) {
        known = valueMayBeGuarded(skipWrappersDown(tsm, declaration.initializer));
      } else {
        const annotation = declaration && (tsm.isParameter(declaration) || tsm.isVariableDeclaration(declaration) || tsm.isPropertyDeclaration(declaration) || tsm.isPropertySignature(declaration)) ? declaration.type : undefined;
        known = typeMayBeGuarded(annotation ? checker.getTypeFromTypeNode(annotation) : checker.getTypeOfSymbol(symbol));
      }
      bySymbol.set(symbol, known);
    }
    return known;
  };
  // The value itself, an element of it (`plugins[i]`, `byName[key]`), or what it resolves to.
  const typeMayBeGuarded = (type: ts.Type): boolean =>
    test.isGuarded(type) ||
    test.isGuarded(elementType(ctx, type) ?? type) ||
    test.isGuarded(checker.getIndexTypeOfType(type, tsm.IndexKind.String) ?? type) ||
    test.isGuarded(checker.getAwaitedType(type) ?? type);
  function valueMayBeGuarded(value: ts.Expression): boolean {
    if (!mayHoldValue(tsm, value)) return false;
    if (tsm.isAwaitExpression(value)) return valueMayBeGuarded(skipWrappersDown(tsm, value.expression));
    if (tsm.isElementAccessExpression(value)) return valueMayBeGuarded(skipWrappersDown(tsm, value.expression));
    if (!tsm.isIdentifier(value) && !tsm.isPropertyAccessExpression(value)) return true;
    const symbol = tsm.isIdentifier(value) && tsm.isShorthandPropertyAssignment(value.parent)
      ? checker.getShorthandAssignmentValueSymbol(value.parent)
      : checker.getSymbolAtLocation(tsm.isIdentifier(value) ? value : value.name);
    if (!symbol) return tsm.isPropertyAccessExpression(value);
    return symbolMayBeGuarded(symbol);
  }

  /** `value` flows into a slot whose type the checker gives by `targetOf` (asked only for a guarded value). */
  const check = (flowing: ts.Expression, targetOf: () => ts.Type | undefined, spread = false): void => {
    // `plugin as Runner` is a flow of its own, reported at the assertion's operand.
    if (isCast(flowing)) return;
    const value = skipWrappersDown(tsm, flowing);
    if (!valueMayBeGuarded(value)) return;
    let source = checker.getTypeAtLocation(value);
    const sourceElement = elementType(ctx, source);
    const wholeGuarded = !spread && test.isGuarded(source);
    if (!wholeGuarded) {
      if (!sourceElement || !test.isGuarded(sourceElement)) return;
      source = sourceElement;
    }
    let target = targetOf();
    if (!target) return;
    // An array of guarded values into an array type: compare the elements.
    if (!wholeGuarded && !spread) target = elementType(ctx, target);
    else if (spread) target = elementType(ctx, target) ?? target;
    const loss = target && test.loss(source, target);
    if (target && loss !== undefined) onUpcast({ node: flowing, source, target }, loss);
  };
  const contextual = (node: ts.Expression) => () => checker.getContextualType(node);

  const kind = tsm.SyntaxKind;
  return {
    [kind.VariableDeclaration]: (node) => {
      const declaration = node as ts.VariableDeclaration;
      const { type, initializer } = declaration;
      if (type && initializer) check(initializer, () => checker.getTypeFromTypeNode(type));
    },
    [kind.PropertyDeclaration]: (node) => {
      const declaration = node as ts.PropertyDeclaration;
      const { type, initializer } = declaration;
      if (type && initializer) check(initializer, () => checker.getTypeFromTypeNode(type));
    },
    [kind.BinaryExpression]: (node) => {
      const binary = node as ts.BinaryExpression;
      if (binary.operatorToken.kind === kind.EqualsToken && !tsm.isObjectLiteralExpression(binary.left) && !tsm.isArrayLiteralExpression(binary.left)) {
        check(binary.right, () => checker.getTypeAtLocation(binary.left));
      }
    },
    [kind.CallExpression]: (node) => {
      for (const argument of (node as ts.CallExpression).arguments) {
        if (tsm.isSpreadElement(argument)) check(argument.expression, contextual(argument), true);
        else check(argument, contextual(argument));
      }
    },
    [kind.NewExpression]: (node) => {
      for (const argument of (node as ts.NewExpression).arguments ?? []) {
        if (!tsm.isSpreadElement(argument)) check(argument, contextual(argument));
      }
    },
    [kind.ReturnStatement]: (node) => {
      const { expression } = node as ts.ReturnStatement;
      if (expression) check(expression, contextual(expression));
    },
    [kind.ArrowFunction]: (node) => {
      const { body } = node as ts.ArrowFunction;
      if (!tsm.isBlock(body)) check(body, contextual(body));
    },
    [kind.ArrayLiteralExpression]: (node) => {
      if (isAssignmentPattern(tsm, node as ts.ArrayLiteralExpression)) return;
      for (const element of (node as ts.ArrayLiteralExpression).elements) {
        if (tsm.isSpreadElement(element)) check(element.expression, contextual(element.parent as ts.Expression), true);
        else if (!tsm.isOmittedExpression(element)) check(element, contextual(element));
      }
    },
    [kind.ObjectLiteralExpression]: (node) => {
      const literal = node as ts.ObjectLiteralExpression;
      if (isAssignmentPattern(tsm, literal)) return;
      for (const member of literal.properties) {
        if (tsm.isPropertyAssignment(member)) check(member.initializer, contextual(member.initializer));
        else if (tsm.isShorthandPropertyAssignment(member)) check(member.name, () => checker.getContextualType(member.name));
        // `{ ...plugin }` copies its members into whatever type the literal is written into.
        else if (tsm.isSpreadAssignment(member)) check(member.expression, () => checker.getContextualType(literal), false);
      }
    },
    [kind.AsExpression]: (node) => {
      const assertion = node as ts.AsExpression;
      if (!tsm.isConstTypeReference(assertion.type)) check(assertion.expression, () => checker.getTypeFromTypeNode(assertion.type));
    },
    [kind.TypeAssertionExpression]: (node) => {
      const assertion = node as ts.TypeAssertion;
      check(assertion.expression, () => checker.getTypeFromTypeNode(assertion.type));
    },
  };
}
