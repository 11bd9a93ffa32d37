import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';
import { skipWrappersDown, skipWrappersUp } from './wrappers.js';

/** How a call reaches the function that runs (`reflect-construct` constructs it). */
export type CallForm = 'direct' | 'call' | 'apply' | 'bind' | 'reflect-apply' | 'reflect-construct';

/** The function a call runs and the form it takes to get there. */
export interface CallTarget {
  /** The function expression that runs, past its wrappers (`p.run` of `(p.run as F).call(p, x)`). */
  callee: ts.Expression;
  form: CallForm;
}

const FUNCTION_METHODS: ReadonlySet<string> = new Set(['call', 'apply', 'bind']);

/**
 * `Object.assign`-style name (`"Object.assign"`, `"Reflect.apply"`, `"Array.from"`) of a call of a
 * builtin, or undefined. The globals are recognised by name: shadowing `Object`, `Reflect` or
 * `Array` is not worth a symbol lookup per call.
 */
export function builtinCallee(tsm: TypeScriptModule, call: ts.CallExpression): string | undefined {
  const callee = skipWrappersDown(tsm, call.expression);
  if (!tsm.isPropertyAccessExpression(callee) || !tsm.isIdentifier(callee.expression)) return undefined;
  const owner = callee.expression.text;
  if (owner !== 'Object' && owner !== 'Reflect' && owner !== 'Array') return undefined;
  return `${owner}.${callee.name.text}`;
}

/** `f.call`, `f.apply`, `f.bind` (wrappers skipped): the Function method and the function `f`. */
function functionMethod(tsm: TypeScriptModule, expression: ts.Expression): { method: string; target: ts.Expression } | undefined {
  const node = skipWrappersDown(tsm, expression);
  if (!tsm.isPropertyAccessExpression(node) || !FUNCTION_METHODS.has(node.name.text)) return undefined;
  return { method: node.name.text, target: skipWrappersDown(tsm, node.expression) };
}

/**
 * The function a call runs, seen through every spelling rules must treat alike: wrappers
 * (`(p.run as F)(x)`, `p.run!(x)`), `p.run.call(p, x)`, `p.run.apply(p, [x])`,
 * `p.run.bind(p)(x)`, `Reflect.apply(p.run, p, [x])`, `Reflect.construct(C, [x])`, and the tag of
 * a tagged template (`` t`…` `` calls `t`). Which `call`/`apply` is meant is decided by syntax: a
 * method of one's own named `call` reads as Function.prototype.call here, so rules that need
 * certainty ask the checker about `callee`.
 */
export function callTarget(tsm: TypeScriptModule, call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): CallTarget {
  if (tsm.isTaggedTemplateExpression(call)) return { callee: skipWrappersDown(tsm, call.tag), form: 'direct' };
  const expression = skipWrappersDown(tsm, call.expression);
  if (tsm.isCallExpression(call)) {
    const builtin = builtinCallee(tsm, call);
    if ((builtin === 'Reflect.apply' || builtin === 'Reflect.construct') && call.arguments[0]) {
      return { callee: skipWrappersDown(tsm, call.arguments[0]), form: builtin === 'Reflect.apply' ? 'reflect-apply' : 'reflect-construct' };
    }
    // `p.run.bind(p)(x)`: the call of a bound function runs the function bound.
    if (tsm.isCallExpression(expression)) {
      const bound = functionMethod(tsm, expression.expression);
      if (bound?.method === 'bind') return { callee: bound.target, form: 'bind' };
    }
    const method = functionMethod(tsm, expression);
    if (method && method.method !== 'bind') return { callee: method.target, form: method.method as 'call' | 'apply' };
  }
  return { callee: expression, form: 'direct' };
}

/**
 * The call that runs the function `expression` evaluates to, if `expression` is in a position that
 * runs it: the callee of a call (through wrappers), the receiver of `.call(…)`/`.apply(…)`, the
 * receiver of `.bind(…)` when the bound function is called at once, or the first argument of
 * `Reflect.apply`. The inverse of {@link callTarget} for calls (not tags, nor `Reflect.construct`).
 */
export function invokingCall(tsm: TypeScriptModule, expression: ts.Expression): ts.CallExpression | undefined {
  const outer = skipWrappersUp(tsm, expression);
  const parent = outer.parent;
  if (tsm.isCallExpression(parent)) {
    if (parent.expression === outer) return parent;
    if (parent.arguments[0] === outer && builtinCallee(tsm, parent) === 'Reflect.apply') return parent;
    return undefined;
  }
  if (tsm.isPropertyAccessExpression(parent) && parent.expression === outer && FUNCTION_METHODS.has(parent.name.text)) {
    const methodCall = skipWrappersUp(tsm, parent).parent;
    if (!tsm.isCallExpression(methodCall) || skipWrappersDown(tsm, methodCall.expression) !== parent) return undefined;
    if (parent.name.text !== 'bind') return methodCall;
    const boundCall = skipWrappersUp(tsm, methodCall).parent;
    return tsm.isCallExpression(boundCall) && skipWrappersDown(tsm, boundCall.expression) === methodCall ? boundCall : undefined;
  }
  return undefined;
}
