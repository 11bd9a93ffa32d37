import type * as ts from 'typescript';
import { boundNames, builtinCallee, callTarget, skipValueChoicesUp, skipWrappersDown, skipWrappersUp } from '../ast/index.js';
import type { TypeScriptModule } from '../types.js';
import { isAssignmentPattern, isMutated } from './member-use.js';

/** Methods that change the Map, Set or array they are called on. */
const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'set',
  'delete',
  'clear',
  'add',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
]);

/** Array methods that return the very array they were called on. */
const SELF_RETURNING_METHODS: ReadonlySet<string> = new Set(['sort', 'reverse', 'fill', 'copyWithin']);

/** Array methods whose result is a fresh array holding the same elements. */
const COPYING_METHODS: ReadonlySet<string> = new Set(['slice', 'concat', 'filter', 'flat', 'toSorted', 'toReversed', 'toSpliced', 'with']);

/** Array methods whose result holds what a callback returns for each element. */
const MAPPING_METHODS: ReadonlySet<string> = new Set(['map', 'flatMap']);

/** Builtins whose result is a fresh array of what their first argument holds (`Array.from(x)`, `Object.values(x)`). */
const COPYING_BUILTINS: ReadonlySet<string> = new Set(['Array.from', 'Object.values']);

/** Collections whose constructor copies what its argument holds (`new Map(x)`). */
const COPYING_CONSTRUCTORS: ReadonlySet<string> = new Set(['Map', 'Set']);

/**
 * Where a chain of accesses and calls that starts at some value ends, and what it changed. Depths
 * count the steps from the value (0) through member accesses and calls; a mutation changes the
 * object at `mutatedDepth` (`x.a.b = 1` changes `x.a`, depth 1; `x.a.push(1)` too).
 */
export interface ChainEnd {
  /** The outermost expression of the chain (past wrappers and value choices). */
  readonly top: ts.Expression;
  /** The depth of the object the chain changes, if it changes one. */
  readonly mutatedDepth: number | undefined;
  /**
   * Objects above this depth are fresh copies made on the way (`[...x]`, `.slice()`): changing
   * them changes no data. Their elements are still the data. Infinity once nothing is shared.
   */
  readonly minDepth: number;
  /** Steps from the value to `top`. */
  readonly depth: number;
}

/** The parameter names an inline callback binds, or undefined for a callback that is not inline. */
function callbackParameters(
  tsm: TypeScriptModule,
  callback: ts.Expression | undefined,
): { fn: ts.ArrowFunction | ts.FunctionExpression; names: Set<string> } | undefined {
  const fn = callback && skipWrappersDown(tsm, callback);
  if (!fn || !(tsm.isArrowFunction(fn) || tsm.isFunctionExpression(fn))) return undefined;
  return { fn, names: new Set(fn.parameters.flatMap((parameter) => boundNames(tsm, parameter.name).map((name) => name.text))) };
}

/** True when `value` is (something reached through) one of `names`: `r`, `r.notes`, `r.items.find(…)`. */
function reachesParameter(tsm: TypeScriptModule, value: ts.Expression, names: ReadonlySet<string>): boolean {
  let node = skipWrappersDown(tsm, value);
  if (tsm.isConditionalExpression(node)) return reachesParameter(tsm, node.whenTrue, names) || reachesParameter(tsm, node.whenFalse, names);
  if (tsm.isBinaryExpression(node)) return reachesParameter(tsm, node.left, names) || reachesParameter(tsm, node.right, names);
  for (;;) {
    if (tsm.isPropertyAccessExpression(node) || tsm.isElementAccessExpression(node)) node = skipWrappersDown(tsm, node.expression);
    else if (tsm.isCallExpression(node) && tsm.isPropertyAccessExpression(skipWrappersDown(tsm, node.expression))) {
      const callee = skipWrappersDown(tsm, node.expression) as ts.PropertyAccessExpression;
      if (COPYING_METHODS.has(callee.name.text) || MAPPING_METHODS.has(callee.name.text)) return false;
      node = skipWrappersDown(tsm, callee.expression);
    } else return tsm.isIdentifier(node) && names.has(node.text);
  }
}

/**
 * True when a mapping callback returns fresh values, none of them its element or something reached
 * through it: `(r) => ({ ...r })`, `(r) => r.name.length`. `(r) => r` and `(r) => r.notes` return
 * the data; a callback that is not written inline may too.
 */
function returnsFreshValues(tsm: TypeScriptModule, callback: ts.Expression | undefined): boolean {
  const inline = callbackParameters(tsm, callback);
  if (!inline) return false;
  const body = inline.fn.body;
  if (!tsm.isBlock(body)) return !reachesParameter(tsm, body, inline.names);
  let fresh = true;
  const visit = (node: ts.Node): void => {
    if (!fresh || tsm.isFunctionLike(node)) return;
    if (tsm.isReturnStatement(node) && node.expression && reachesParameter(tsm, node.expression, inline.names)) fresh = false;
    else tsm.forEachChild(node, visit);
  };
  tsm.forEachChild(body, visit);
  return fresh;
}

/** What a copy of `value` made by its parent is: a container of the same elements, fresh values, or none. */
function copyOf(tsm: TypeScriptModule, value: ts.Expression): { copy: ts.Expression; freshElements: boolean } | undefined {
  const parent = value.parent;
  // `[...value]`, `{ ...value }` (but not the rest target of a destructuring assignment).
  if (tsm.isSpreadElement(parent) && tsm.isArrayLiteralExpression(parent.parent) && !isAssignmentPattern(tsm, parent.parent)) {
    return { copy: parent.parent, freshElements: false };
  }
  if (tsm.isSpreadAssignment(parent) && !isAssignmentPattern(tsm, parent.parent)) return { copy: parent.parent, freshElements: false };
  if (tsm.isCallExpression(parent) && parent.arguments[0] === value) {
    const builtin = builtinCallee(tsm, parent);
    if (builtin === undefined || !COPYING_BUILTINS.has(builtin)) return undefined;
    const mapper = builtin === 'Array.from' ? parent.arguments[1] : undefined;
    return { copy: parent, freshElements: mapper !== undefined && returnsFreshValues(tsm, mapper) };
  }
  if (tsm.isNewExpression(parent) && parent.arguments?.[0] === value) {
    const constructor = skipWrappersDown(tsm, parent.expression);
    if (tsm.isIdentifier(constructor) && COPYING_CONSTRUCTORS.has(constructor.text)) return { copy: parent, freshElements: false };
  }
  return undefined;
}

/**
 * The standard-library mutating method `Function.prototype.call`/`apply` (or `Reflect.apply`)
 * runs on `value` as `this`: `Array.prototype.push.call(value, x)`, `value.push.apply(value, xs)`.
 */
function appliedMutatingMethod(tsm: TypeScriptModule, value: ts.Expression, isCollectionMethod: (name: ts.MemberName) => boolean): boolean {
  const call = value.parent;
  if (!tsm.isCallExpression(call)) return false;
  const { callee, form } = callTarget(tsm, call);
  const thisArgument = form === 'call' || form === 'apply' ? call.arguments[0] : form === 'reflect-apply' ? call.arguments[1] : undefined;
  return thisArgument === value && tsm.isPropertyAccessExpression(callee) && MUTATING_METHODS.has(callee.name.text) && isCollectionMethod(callee.name);
}

/**
 * Follows `value` up through member accesses (`value.x`, `value[k]`), method calls on what it
 * reaches (`value.byPlugin.get(id)`), value choices (`flag ? value : []`, `value ?? []`) and
 * copies (`[...value]`, `Array.from(value)`, `Object.values(value)`, `new Map(value)`,
 * `{ ...value }`, `.slice()`, `.map((x) => x)`): the elements of a copy are still the data, the
 * copy itself is not, and a `.map` whose callback returns fresh values shares nothing. Stops at a
 * mutating method (`set`, `push`…) the callback accepts as the standard library's, called on
 * the data itself or through `Function.prototype.call`/`apply`. `minDepth` says which objects
 * the caller already knows are fresh (see {@link ChainEnd}).
 */
export function followChain(tsm: TypeScriptModule, value: ts.Expression, isCollectionMethod: (name: ts.MemberName) => boolean, minDepth = -1): ChainEnd {
  let current = skipValueChoicesUp(tsm, value);
  let depth = 0;
  let min = minDepth;
  for (;;) {
    const copied = copyOf(tsm, current);
    if (copied) {
      depth += 1;
      min = copied.freshElements ? Infinity : Math.max(min, depth + 1);
      current = skipValueChoicesUp(tsm, copied.copy);
      if (min === Infinity) break;
      continue;
    }
    const parent = current.parent;
    if (!((tsm.isPropertyAccessExpression(parent) || tsm.isElementAccessExpression(parent)) && parent.expression === current)) break;
    const outer = skipWrappersUp(tsm, parent);
    const call = outer.parent;
    if (tsm.isPropertyAccessExpression(parent) && tsm.isCallExpression(call) && call.expression === outer) {
      const method = parent.name.text;
      if (depth >= min && MUTATING_METHODS.has(method) && isCollectionMethod(parent.name)) return { top: current, mutatedDepth: depth, minDepth: min, depth };
      if (COPYING_METHODS.has(method) || MAPPING_METHODS.has(method)) {
        depth += 1;
        min = MAPPING_METHODS.has(method) && returnsFreshValues(tsm, call.arguments[0]) ? Infinity : Math.max(min, depth + 1);
      } else if (!SELF_RETURNING_METHODS.has(method)) depth += 1;
      current = skipValueChoicesUp(tsm, call);
      if (min === Infinity) break;
    } else {
      depth += 1;
      current = skipValueChoicesUp(tsm, parent);
    }
  }
  if (min === Infinity) return { top: current, mutatedDepth: undefined, minDepth: min, depth };
  if (depth >= min && appliedMutatingMethod(tsm, current, isCollectionMethod)) return { top: current, mutatedDepth: depth, minDepth: min, depth };
  // `Object.assign(value, …)` changes the value itself; `value.x = 1` changes what holds `value`.
  const mutatedDepth = isMutated(tsm, current) ? (tsm.isCallExpression(current.parent) ? depth : depth - 1) : undefined;
  return { top: current, mutatedDepth, minDepth: min, depth };
}

/** True when the chain changes an object that is not a fresh copy, at `atLeast` deep or deeper. */
export function changesData(end: ChainEnd, atLeast = -1): boolean {
  return end.mutatedDepth !== undefined && end.mutatedDepth >= Math.max(end.minDepth, atLeast);
}
