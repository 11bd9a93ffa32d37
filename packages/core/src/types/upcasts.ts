import type * as ts from 'typescript';
import { skipWrappersDown, someReturnedValue, typeNodeMentions } from '../ast/index.js';
import type { MemberNameIndex } from './member-name-index.js';
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
  /** The program's member names that may hand out a guarded value (built once; see {@link buildMemberNameIndex}). */
  memberNames(): MemberNameIndex;
  /** What is lost when `source` is passed on as `target` (a guarded member it exposes unguarded), or undefined. */
  loss(source: ts.Type, target: ts.Type): Loss | undefined;
  /** False when no guarded value can lose anything as `target`: it (or its elements) has no guarded member. */
  mayLose(target: ts.Type): boolean;
}

/** The binary operators whose result is one of their operands (`a ?? b`, `a || b`, `a && b`, `a, b`, `a = b`). */
function yieldsOperand(tsm: RuleContext['ts'], node: ts.BinaryExpression): boolean {
  const kind = tsm.SyntaxKind;
  switch (node.operatorToken.kind) {
    case kind.QuestionQuestionToken:
    case kind.BarBarToken:
    case kind.AmpersandAmpersandToken:
    case kind.CommaToken:
    case kind.EqualsToken:
      return true;
    default:
      return false;
  }
}

/**
 * Expressions that may evaluate to a guarded value: names, member reads, calls, `new`, `await`,
 * `this`, and the conditional and logical expressions that hand back one of their operands.
 */
export function mayHoldValue(tsm: RuleContext['ts'], node: ts.Expression): boolean {
  switch (node.kind) {
    case tsm.SyntaxKind.Identifier:
    case tsm.SyntaxKind.ThisKeyword:
    case tsm.SyntaxKind.PropertyAccessExpression:
    case tsm.SyntaxKind.ElementAccessExpression:
    case tsm.SyntaxKind.CallExpression:
    case tsm.SyntaxKind.NewExpression:
    case tsm.SyntaxKind.AwaitExpression:
    case tsm.SyntaxKind.ConditionalExpression:
      return true;
    case tsm.SyntaxKind.BinaryExpression:
      return yieldsOperand(tsm, node as ts.BinaryExpression);
    default:
      return false;
  }
}

/**
 * True when `type` or what a read or call on it may hand out is guarded: the value itself, or a
 * type argument (`Plugin[]`, `Promise<Plugin>`, `Map<string, Plugin>`, `Record<string, Plugin>`).
 * Members are never resolved: that is what makes the question cheap.
 */
export function typeMayHoldGuarded(ctx: RuleContext, isGuarded: (type: ts.Type) => boolean, type: ts.Type): boolean {
  const { ts: tsm, checker } = ctx;
  if (isGuarded(type) || (type.aliasTypeArguments ?? []).some(isGuarded)) return true;
  return (type as ts.ObjectType).objectFlags & tsm.ObjectFlags.Reference ? checker.getTypeArguments(type as ts.TypeReference).some(isGuarded) : false;
}

/** The standard library's collections and iterables whose first type argument is what they hand out. */
const LIB_ELEMENT_CONTAINERS: ReadonlySet<string> = new Set([
  'ReadonlyArray',
  'ArrayLike',
  'ConcatArray',
  'Set',
  'ReadonlySet',
  'Iterable',
  'IterableIterator',
  'IteratorObject',
  'Iterator',
  'Generator',
  'ArrayIterator',
  'SetIterator',
  'MapIterator',
  'AsyncIterable',
  'AsyncIterableIterator',
  'AsyncIterator',
  'AsyncGenerator',
]);

/**
 * The element type of an array, tuple or readonly array, or what a standard collection or iterable
 * hands out (`Set<T>`, `Iterable<T>`, `map.values()`: the first type argument of the library's own
 * generic, not of a lookalike); undefined for anything else (a `Map` hands out entries).
 */
export function elementType(ctx: RuleContext, type: ts.Type): ts.Type | undefined {
  const { ts: tsm, checker, program } = ctx;
  if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getIndexTypeOfType(type, tsm.IndexKind.Number);
  if (!((type as ts.ObjectType).objectFlags & tsm.ObjectFlags.Reference)) return undefined;
  const symbol = (type as ts.TypeReference).target.symbol as ts.Symbol | undefined;
  if (!symbol || !LIB_ELEMENT_CONTAINERS.has(symbol.name) || !declaredOnlyByStandardLibrary(program, symbol)) return undefined;
  return checker.getTypeArguments(type as ts.TypeReference)[0];
}

/** Whether every declaration of `symbol` (one at least) is in a default library file: the standard library's own, no lookalike or augmentation. */
function declaredOnlyByStandardLibrary(program: ts.Program, symbol: ts.Symbol | undefined): boolean {
  const declarations = symbol?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/** Standard methods that only compare their argument with what the receiver holds: nothing flows into it. */
const LOOKUP_METHODS: ReadonlySet<string> = new Set(['includes', 'indexOf', 'lastIndexOf', 'has']);

/** The element types of an array or tuple type, or of each such member of a union (`Runner | Runner[]`). */
function elementTypes(ctx: RuleContext, type: ts.Type): ts.Type[] {
  const nonNull = ctx.checker.getNonNullableType(type);
  return (nonNull.isUnion() ? nonNull.types : [nonNull]).flatMap((part) => elementType(ctx, part) ?? []);
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
  // Symbols that never hold an instance: functions, methods, classes (the constructor), enums, namespaces.
  const flags = tsm.SymbolFlags;
  const skipFlags = flags.Function | flags.Method | flags.Class | flags.Enum | flags.ValueModule;
  const bySymbol = new Map<ts.Symbol, boolean>();
  /** The type assertion `node` is (through parentheses and `!`), unless it is `as const`. */
  const castOf = (node: ts.Expression): ts.AsExpression | ts.TypeAssertion | undefined => {
    let inner = node;
    while (tsm.isParenthesizedExpression(inner) || tsm.isNonNullExpression(inner)) inner = inner.expression;
    return (tsm.isAsExpression(inner) || tsm.isTypeAssertionExpression(inner)) && !tsm.isConstTypeReference(inner.type) ? inner : undefined;
  };

  // Cheap first, by syntax and declarations: a name declared by `const x = <literal, function,
  // object literal…>` holds no guarded value, whatever its type; a name with a type annotation is
  // judged by it; only the rest (inferred variables, contextually typed parameters) asks the
  // checker for the declared type. Cached per symbol.
  const symbolMayBeGuarded = (named: ts.Symbol): boolean => {
    const symbol = named.flags & tsm.SymbolFlags.Alias ? checker.getAliasedSymbol(named) : named;
    if (symbol.flags & skipFlags) return false;
    let known = bySymbol.get(symbol);
    if (known === undefined) {
      bySymbol.set(symbol, false); // `const a = b, b = a`: a cycle adds nothing
      const declaration = symbol.valueDeclaration;
      const judgedBy = declaration && judgedByValue(declaration);
      if (judgedBy !== undefined) {
        known = judgedBy === null ? false : valueMayBeGuarded(skipWrappersDown(tsm, judgedBy));
      } else {
        const annotation =
          declaration &&
          (tsm.isParameter(declaration) ||
            tsm.isVariableDeclaration(declaration) ||
            tsm.isPropertyDeclaration(declaration) ||
            tsm.isPropertySignature(declaration))
            ? declaration.type
            : undefined;
        known = typeMayBeGuarded(annotation ? checker.getTypeFromTypeNode(annotation) : checker.getTypeOfSymbol(symbol));
      }
      bySymbol.set(symbol, known);
    }
    return known;
  };
  const typeMayBeGuarded = (type: ts.Type): boolean => typeMayHoldGuarded(ctx, test.isGuarded, type);
  /**
   * The expression an unannotated declaration takes its value from, judged instead of its type:
   * `const x = <init>`, `const [x] = <init>`, `for (const x of <list>)`, a callback parameter of a generic container's
   * method (`plugins.forEach((p) => …)` asks `plugins`), a destructured property nobody declares
   * with a guarded type (`null`: rules it out). Undefined: ask the checker.
   */
  const judgedByValue = (declaration: ts.Declaration): ts.Expression | null | undefined => {
    if (tsm.isVariableDeclaration(declaration) && !declaration.type) {
      if (declaration.initializer) return declaration.initializer;
      const statement = declaration.parent.parent;
      if (tsm.isForOfStatement(statement)) return statement.expression;
      return undefined;
    }
    if (tsm.isParameter(declaration) && !declaration.type && tsm.isIdentifier(declaration.name)) {
      const fn = declaration.parent;
      const call = (tsm.isArrowFunction(fn) || tsm.isFunctionExpression(fn)) && fn.parent;
      if (call && tsm.isCallExpression(call) && call.arguments.includes(fn)) {
        const callee = skipWrappersDown(tsm, call.expression);
        const { mayHold, generic } = test.memberNames();
        if (tsm.isPropertyAccessExpression(callee) && generic.has(callee.name.text) && !mayHold.has(callee.name.text)) return callee.expression;
      }
      return undefined;
    }
    // `const [first, rest] = <init>`: the elements come out of the initialiser.
    if (tsm.isBindingElement(declaration) && tsm.isArrayBindingPattern(declaration.parent)) {
      const owner = declaration.parent.parent;
      return tsm.isVariableDeclaration(owner) && !owner.type && owner.initializer ? owner.initializer : undefined;
    }
    if (tsm.isBindingElement(declaration) && tsm.isObjectBindingPattern(declaration.parent) && !declaration.dotDotDotToken) {
      const property = declaration.propertyName ?? declaration.name;
      const { mayHold, generic } = test.memberNames();
      if (tsm.isIdentifier(property) && !mayHold.has(property.text) && !generic.has(property.text)) return null;
    }
    return undefined;
  };
  // A member read or method call whose name no declaration can hand a guarded value out under
  // is ruled out without typing its receiver; a generic container's member asks its receiver.
  const memberMayBeGuarded = (access: ts.PropertyAccessExpression, bySymbol: () => boolean): boolean => {
    const { mayHold, generic } = test.memberNames();
    const name = access.name.text;
    // `globalThis.x` reads a global variable, which no member declaration names.
    if (mayHold.has(name) || (tsm.isIdentifier(access.expression) && access.expression.text === 'globalThis')) return bySymbol();
    return generic.has(name) && valueMayBeGuarded(skipWrappersDown(tsm, access.expression));
  };

  /**
   * A call may return a guarded value unless every declaration of its callee states a return type
   * that cannot be one. A method of a generic container (`Map.get`, `Array.find`, `Promise.then`)
   * returns what the container holds: it is judged by its receiver (`plugins.find(…)` may,
   * `rows.map(…)` may not; so `records.map((r) => r.plugin)` is not seen). Saves resolving the
   * call, which checks every argument.
   */
  const callMayBeGuarded = (call: ts.CallExpression | ts.NewExpression): boolean => {
    const callee = skipWrappersDown(tsm, call.expression);
    if (tsm.isPropertyAccessExpression(callee) && !tsm.isNewExpression(call)) return memberMayBeGuarded(callee, () => calleeMayBeGuarded(call, callee));
    return calleeMayBeGuarded(call, callee);
  };
  const returnDependsOnTypeArguments = (declaration: ts.SignatureDeclaration): boolean =>
    declaration.typeParameters !== undefined &&
    declaration.type !== undefined &&
    typeNodeMentions(tsm, declaration.type, new Set(declaration.typeParameters.map((parameter) => parameter.name.text)));
  const calleeMayBeGuarded = (call: ts.CallExpression | ts.NewExpression, callee: ts.Expression): boolean => {
    const name = tsm.isIdentifier(callee) ? callee : tsm.isPropertyAccessExpression(callee) ? callee.name : undefined;
    let symbol = name && checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & tsm.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declarations = symbol?.declarations ?? [];
    if (!symbol || declarations.length === 0) return true;
    if (tsm.isNewExpression(call)) return symbol.flags & tsm.SymbolFlags.Class ? typeMayBeGuarded(checker.getDeclaredTypeOfSymbol(symbol)) : true;
    let byReceiver = false;
    for (const declaration of declarations) {
      if (!tsm.isFunctionLike(declaration)) return true;
      if (!declaration.type) {
        // No stated return type: the checker infers it from what the body returns, and so can we.
        if (bodyMayReturnGuarded(declaration)) return true;
        continue;
      }
      const owner = declaration.parent;
      // A generic container's method hands out what the receiver holds only where its stated
      // return type names the container's type parameters (`find(…): T | undefined`, or its own,
      // as `map<U>`); `join(): string` and `indexOf(): number` are judged by their stated type.
      if ((tsm.isInterfaceDeclaration(owner) || tsm.isClassLike(owner)) && owner.typeParameters) {
        const ownerParameters = new Set(owner.typeParameters.map((parameter) => parameter.name.text));
        if (declaration.typeParameters || typeNodeMentions(tsm, declaration.type, ownerParameters)) byReceiver = true;
        else if (typeMayBeGuarded(checker.getTypeFromTypeNode(declaration.type))) return true;
      }
      // A generic function's result depends on its type arguments only where its stated return type
      // names them: `sumBy<T>(…): number` returns a number whatever T is.
      else if (returnDependsOnTypeArguments(declaration) || typeMayBeGuarded(checker.getTypeFromTypeNode(declaration.type))) return true;
    }
    return byReceiver && tsm.isPropertyAccessExpression(callee) ? valueMayBeGuarded(skipWrappersDown(tsm, callee.expression)) : byReceiver;
  };
  const returnsGuarded = new Map<ts.Node, boolean>();
  // Mutual recursion: a function being judged answers "no" to the calls inside it (a call back
  // adds nothing new). A "no" that leaned on such an answer is kept only once the outermost
  // judgement is done; a "yes" always holds.
  const judging = new Set<ts.Node>();
  let leanedOnJudging = false;
  /**
   * Whether a function whose return type is inferred may return a guarded value: judged by what its
   * `return`s (or its concise body) hand back, arrays by their elements, the way the checker infers
   * the type. Without a body (a declaration file) or as a generator: yes. Cached per declaration; a
   * recursive call adds nothing the other returns do not.
   */
  const bodyMayReturnGuarded = (fn: ts.SignatureDeclaration): boolean => {
    const known = returnsGuarded.get(fn);
    if (known !== undefined) {
      if (judging.has(fn)) leanedOnJudging = true;
      return known;
    }
    returnsGuarded.set(fn, false);
    judging.add(fn);
    const leanedBefore = leanedOnJudging;
    leanedOnJudging = false;
    const result = someReturnedValue(tsm, fn, valueMayBeGuarded);
    judging.delete(fn);
    const leaned = leanedOnJudging;
    leanedOnJudging = leanedBefore || leaned;
    if (result || !leaned || judging.size === 0) returnsGuarded.set(fn, result);
    else returnsGuarded.delete(fn);
    return result;
  };
  function valueMayBeGuarded(value: ts.Expression): boolean {
    if (!mayHoldValue(tsm, value)) return false;
    if (tsm.isConditionalExpression(value))
      return valueMayBeGuarded(skipWrappersDown(tsm, value.whenTrue)) || valueMayBeGuarded(skipWrappersDown(tsm, value.whenFalse));
    if (tsm.isBinaryExpression(value)) {
      const right = valueMayBeGuarded(skipWrappersDown(tsm, value.right));
      const { kind } = value.operatorToken;
      return right || (kind !== tsm.SyntaxKind.CommaToken && kind !== tsm.SyntaxKind.EqualsToken && valueMayBeGuarded(skipWrappersDown(tsm, value.left)));
    }
    if (tsm.isCallExpression(value) || tsm.isNewExpression(value)) return callMayBeGuarded(value);
    if (tsm.isAwaitExpression(value)) return valueMayBeGuarded(skipWrappersDown(tsm, value.expression));
    if (tsm.isElementAccessExpression(value)) return valueMayBeGuarded(skipWrappersDown(tsm, value.expression));
    if (tsm.isPropertyAccessExpression(value)) {
      return memberMayBeGuarded(value, () => {
        const symbol = checker.getSymbolAtLocation(value.name);
        return symbol === undefined || symbolMayBeGuarded(symbol);
      });
    }
    if (!tsm.isIdentifier(value)) return true;
    const symbol = tsm.isShorthandPropertyAssignment(value.parent)
      ? checker.getShorthandAssignmentValueSymbol(value.parent)
      : checker.getSymbolAtLocation(value);
    return symbol !== undefined && symbolMayBeGuarded(symbol);
  }

  /**
   * The return type a plain function declares for a callback argument, when it states one that
   * does not depend on type arguments (`sumBy<T>(items: T[], value: (item: T) => number)` → number):
   * read from type nodes, so the call is never resolved. Undefined for anything else (methods,
   * overloads, rest parameters, generic or missing return types).
   */
  const declaredCallbackReturn = (arrow: ts.ArrowFunction): ts.Type | undefined => {
    const call = arrow.parent;
    if (!tsm.isCallExpression(call) || !tsm.isIdentifier(skipWrappersDown(tsm, call.expression))) return undefined;
    const declaration = singleCallee(call);
    const parameter = declaration && parameterAt(declaration, call.arguments.indexOf(arrow));
    if (!declaration || !parameter?.type || !tsm.isFunctionTypeNode(parameter.type)) return undefined;
    const returned = parameter.type.type;
    const typeParameters = [...(declaration.typeParameters ?? []), ...(parameter.type.typeParameters ?? [])].map((typeParameter) => typeParameter.name.text);
    return typeNodeMentions(tsm, returned, new Set(typeParameters)) ? undefined : checker.getTypeFromTypeNode(returned);
  };

  /** The parameter a call's `index`-th argument binds, when the callee is one plain declaration. */
  /**
   * The one declaration a call's callee names: a function, method or constructor, or the one call
   * signature of a value whose type is stated (`declare const expect: ExpectStatic`). Undefined
   * for overloads and anything else: then only the call's resolution can tell.
   */
  const singleCallee = (call: ts.CallExpression | ts.NewExpression): ts.SignatureDeclaration | undefined => {
    const callee = skipWrappersDown(tsm, call.expression);
    const name = tsm.isIdentifier(callee) ? callee : tsm.isPropertyAccessExpression(callee) ? callee.name : undefined;
    let symbol = name && checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & tsm.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    let declarations: readonly ts.Declaration[] = symbol?.declarations ?? [];
    if (tsm.isNewExpression(call)) {
      const [owner] = declarations;
      declarations = declarations.length === 1 && owner && tsm.isClassLike(owner) ? owner.members.filter(tsm.isConstructorDeclaration) : [];
    } else if (symbol && declarations.length === 1 && (tsm.isVariableDeclaration(declarations[0]!) || tsm.isPropertySignature(declarations[0]!))) {
      const owner = declarations[0] as ts.VariableDeclaration | ts.PropertySignature;
      const signatures = owner.type ? checker.getSignaturesOfType(checker.getTypeOfSymbol(symbol), tsm.SignatureKind.Call) : [];
      const only = signatures.length === 1 ? signatures[0]!.getDeclaration() : undefined;
      declarations = only ? [only] : [];
    }
    const [declaration] = declarations;
    return declarations.length === 1 && declaration && tsm.isFunctionLike(declaration) ? declaration : undefined;
  };
  /** The parameter the `index`-th argument binds (a `this` parameter skipped), when its type is stated and no rest parameter comes first. */
  const parameterAt = (declaration: ts.SignatureDeclaration, index: number): ts.ParameterDeclaration | undefined => {
    if (index < 0) return undefined;
    const parameters = declaration.parameters.filter((parameter) => !(tsm.isIdentifier(parameter.name) && parameter.name.text === 'this'));
    const parameter = parameters[index];
    if (!parameter?.type || parameter.dotDotDotToken || parameters.slice(0, index).some((earlier) => earlier.dotDotDotToken)) return undefined;
    return parameter;
  };
  /** The parameter of a plain, non-generic callee that the `index`-th argument binds. */
  const declaredParameter = (call: ts.CallExpression | ts.NewExpression, index: number): ts.ParameterDeclaration | undefined => {
    const declaration = singleCallee(call);
    // Generic signatures: the call's inference decides.
    if (!declaration || declaration.typeParameters) return undefined;
    const parameter = parameterAt(declaration, index);
    if (!parameter?.type) return undefined;
    // A method of a generic class or interface takes what the receiver's type arguments say.
    const owner = declaration.parent;
    if ((tsm.isClassLike(owner) || tsm.isInterfaceDeclaration(owner)) && owner.typeParameters) {
      if (typeNodeMentions(tsm, parameter.type, new Set(owner.typeParameters.map((typeParameter) => typeParameter.name.text)))) return undefined;
    }
    return parameter;
  };

  /**
   * The slot type a value flows into, read from the declarations alone (no call resolved, no
   * contextual typing): a parameter of a plain callee, or the stated return type of the function a
   * `return` leaves. Undefined when only the checker can tell.
   */
  /** Whether {@link declaredTarget} needs no receiver typed for `flowing`: a return, or an argument of a call by plain name. */
  const declaredTargetIsCheap = (flowing: ts.Expression): boolean => {
    const parent = flowing.parent;
    if (tsm.isReturnStatement(parent)) return true;
    return (tsm.isCallExpression(parent) || tsm.isNewExpression(parent)) && tsm.isIdentifier(skipWrappersDown(tsm, parent.expression));
  };
  const declaredTarget = (flowing: ts.Expression): ts.Type | undefined => {
    const parent = flowing.parent;
    if ((tsm.isCallExpression(parent) || tsm.isNewExpression(parent)) && parent.arguments?.includes(flowing)) {
      const index = parent.arguments.indexOf(flowing);
      // After a spread argument, positions no longer line up with parameters.
      if (parent.arguments.slice(0, index).some(tsm.isSpreadElement)) return undefined;
      const parameter = declaredParameter(parent, index);
      return parameter?.type && checker.getTypeFromTypeNode(parameter.type);
    }
    if (tsm.isReturnStatement(parent)) {
      const fn = tsm.findAncestor(parent, tsm.isFunctionLike);
      if (!fn?.type || fn.typeParameters || (fn as { asteriskToken?: unknown }).asteriskToken) return undefined;
      const stated = checker.getTypeFromTypeNode(fn.type);
      const isAsync = tsm.canHaveModifiers(fn) && (tsm.getModifiers(fn) ?? []).some((modifier) => modifier.kind === tsm.SyntaxKind.AsyncKeyword);
      return isAsync ? checker.getAwaitedType(stated) : stated;
    }
    return undefined;
  };

  /**
   * `value` flows into a slot whose type the checker gives by `targetOf` (asked only for a guarded
   * value). `stated`: the slot's type is written in a type node, so it is read first and a slot
   * that cannot lose anything (`number`, the guarded type itself) rules the value out unasked.
   */
  const check = (flowing: ts.Expression, targetOf: () => ts.Type | undefined, spread = false, stated = false): void => {
    // `plugin as Runner` is a flow of its own, reported at the assertion's operand; what comes out
    // of `x as Plugin` is a guarded value flowing on like any other.
    const cast = castOf(flowing);
    if (cast) {
      const asserted = checker.getTypeFromTypeNode(cast.type);
      if (spread || !test.isGuarded(asserted)) return;
      const target = targetOf();
      const loss = target && test.loss(asserted, target);
      if (target && loss !== undefined) onUpcast({ node: flowing, source: asserted, target }, loss);
      return;
    }
    if (stated) {
      const target = targetOf();
      if (!target || !test.mayLose(target)) return;
    }
    const value = skipWrappersDown(tsm, flowing);
    // `flag ? plugin : other` and `plugin ?? other`: each operand flows into the slot on its own
    // (the checker reduces `Plugin | Runnable` to `Runnable`, hiding the upcast in the whole).
    if (tsm.isConditionalExpression(value)) {
      check(value.whenTrue, targetOf, spread, stated);
      check(value.whenFalse, targetOf, spread, stated);
      return;
    }
    if (tsm.isBinaryExpression(value) && yieldsOperand(tsm, value)) {
      const { kind } = value.operatorToken;
      if (kind !== tsm.SyntaxKind.CommaToken && kind !== tsm.SyntaxKind.EqualsToken) check(value.left, targetOf, spread, stated);
      check(value.right, targetOf, spread, stated);
      return;
    }
    // Reading the parameter or return type a declaration states costs less than typing the value
    // and resolving the call for its contextual type. Where that needs no receiver typed (a plain
    // callee name, a function's stated return type) it goes first.
    const cheap = !stated && declaredTargetIsCheap(flowing);
    if (cheap) {
      const declared = declaredTarget(flowing);
      if (declared && !test.mayLose(declared)) return;
    }
    if (!valueMayBeGuarded(value)) return;
    if (!stated && !cheap) {
      const declared = declaredTarget(flowing);
      if (declared && !test.mayLose(declared)) return;
    }
    let source = checker.getTypeAtLocation(value);
    const sourceElement = elementType(ctx, source);
    let wholeGuarded = !spread && test.isGuarded(source);
    // A promise of a guarded value into a promise of another type (or returned from an async function): compare what they resolve to.
    let awaited = false;
    if (!wholeGuarded && !spread && !sourceElement) {
      const resolved = checker.getAwaitedType(source);
      if (!resolved || resolved === source || !test.isGuarded(resolved)) return;
      source = resolved;
      wholeGuarded = awaited = true;
    } else if (!wholeGuarded) {
      if (!sourceElement || !test.isGuarded(sourceElement)) return;
      source = sourceElement;
    }
    const slot = targetOf();
    const target = slot && awaited ? checker.getAwaitedType(slot) : slot;
    if (!target) return;
    // An array of guarded values into an array type (or a union holding some): compare the elements.
    const elements = !wholeGuarded || spread ? elementTypes(ctx, target) : [];
    const targets = wholeGuarded && !spread ? [target] : spread && elements.length === 0 ? [target] : elements;
    for (const candidate of targets) {
      const loss = test.loss(source, candidate);
      if (loss === undefined) continue;
      onUpcast({ node: flowing, source, target: candidate }, loss);
      return;
    }
  };
  const contextual = (node: ts.Expression) => () => checker.getContextualType(node);
  /** Whether a method named at `access` is the standard library's (every declaration in a default lib file). */
  const isStandardMethod = (access: ts.PropertyAccessExpression): boolean =>
    declaredOnlyByStandardLibrary(ctx.program, checker.getSymbolAtLocation(access.name));
  /** The type of the `index`-th parameter of a function type with one call signature (a rest parameter's element past its start). */
  const parameterTypeAt = (fn: ts.Type, index: number): ts.Type | undefined => {
    const signatures = checker.getSignaturesOfType(fn, tsm.SignatureKind.Call);
    if (signatures.length !== 1) return undefined;
    const parameters = signatures[0]!.getParameters();
    const at = Math.min(index, parameters.length - 1);
    const parameter = parameters[at];
    if (!parameter) return undefined;
    const declaration = parameter.valueDeclaration;
    const isRest = declaration !== undefined && tsm.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
    if (index > at && !isRest) return undefined;
    const type = checker.getTypeOfSymbol(parameter);
    return isRest ? elementType(ctx, type) : type;
  };

  const kind = tsm.SyntaxKind;
  return {
    [kind.VariableDeclaration]: (node) => {
      const declaration = node as ts.VariableDeclaration;
      const { type, initializer } = declaration;
      if (type && initializer) check(initializer, () => checker.getTypeFromTypeNode(type), false, true);
    },
    [kind.PropertyDeclaration]: (node) => {
      const declaration = node as ts.PropertyDeclaration;
      const { type, initializer } = declaration;
      if (type && initializer) check(initializer, () => checker.getTypeFromTypeNode(type), false, true);
    },
    [kind.Parameter]: (node) => {
      // `(runner: Runner = defaultPlugin)`, parameter properties included.
      const parameter = node as ts.ParameterDeclaration;
      const { type, initializer } = parameter;
      if (type && initializer) check(initializer, () => checker.getTypeFromTypeNode(type), false, true);
    },
    [kind.BindingElement]: (node) => {
      // `({ runner = defaultPlugin }: Options)`: the default flows into the property's type.
      const { initializer } = node as ts.BindingElement;
      if (initializer) check(initializer, contextual(initializer));
    },
    [kind.BinaryExpression]: (node) => {
      const binary = node as ts.BinaryExpression;
      const operator = binary.operatorToken.kind;
      const assigns =
        operator === kind.EqualsToken ||
        operator === kind.QuestionQuestionEqualsToken ||
        operator === kind.BarBarEqualsToken ||
        operator === kind.AmpersandAmpersandEqualsToken;
      if (assigns && !tsm.isObjectLiteralExpression(binary.left) && !tsm.isArrayLiteralExpression(binary.left)) {
        check(binary.right, () => checker.getTypeAtLocation(binary.left));
      }
    },
    [kind.YieldExpression]: (node) => {
      // `yield plugin` and `yield* plugins` hand values to the generator's stated yield type.
      const { expression, asteriskToken } = node as ts.YieldExpression;
      if (expression) check(expression, contextual(expression), asteriskToken !== undefined);
    },
    [kind.CallExpression]: (node) => {
      const call = node as ts.CallExpression;
      const callee = skipWrappersDown(tsm, call.expression);
      if (tsm.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        // `list.includes(plugin)`, `set.has(plugin)`: a standard lookup compares, nothing escapes.
        if (LOOKUP_METHODS.has(name) && isStandardMethod(callee)) return;
        // `execute.call(thisArg, plugin)`, `execute.bind(thisArg, plugin)`: the arguments after the
        // first bind the function's parameters, not whatever `call`'s own inference makes of them.
        if ((name === 'call' || name === 'bind') && isStandardMethod(callee)) {
          call.arguments.forEach((argument, index) => {
            if (index === 0 || tsm.isSpreadElement(argument) || call.arguments.slice(0, index).some(tsm.isSpreadElement)) return;
            check(argument, () => parameterTypeAt(checker.getTypeAtLocation(callee.expression), index - 1));
          });
          return;
        }
      }
      for (const argument of call.arguments) {
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
      const arrow = node as ts.ArrowFunction;
      if (tsm.isBlock(arrow.body)) return;
      // A callback whose declared return type is stated (`(item: T) => number`) needs no look at
      // its body: typing the body would mean inferring the call's type arguments first.
      const declared = declaredCallbackReturn(arrow);
      if (declared && !test.mayLose(declared)) return;
      check(arrow.body, contextual(arrow.body));
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
      if (!tsm.isConstTypeReference(assertion.type)) check(assertion.expression, () => checker.getTypeFromTypeNode(assertion.type), false, true);
    },
    [kind.TypeAssertionExpression]: (node) => {
      const assertion = node as ts.TypeAssertion;
      check(assertion.expression, () => checker.getTypeFromTypeNode(assertion.type), false, true);
    },
  };
}
