import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildFlowGraph, escapes, reaches, ALL_EDGES, ESCAPED, SETTLED, type FlowGraph, type FlowNode } from '../../src/flow/index.js';

/** The graph of the function `f` in `source`. */
function graphOf(source: string): FlowGraph {
  const file = ts.createSourceFile('f.ts', source, ts.ScriptTarget.ES2022, true);
  const fn = file.statements.find((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === 'f');
  if (!fn) throw new Error('no function f');
  return buildFlowGraph(ts, fn);
}

/** A call event of `name(…)` or `x.name(…)`. */
const callOf = (name: string) => (node: FlowNode) => {
  if (node.kind !== 'event' || node.ast === undefined || !ts.isCallExpression(node.ast)) return false;
  const callee = node.ast.expression;
  return (ts.isIdentifier(callee) && callee.text === name) || (ts.isPropertyAccessExpression(callee) && callee.name.text === name);
};

/** True when some path from the entry reaches a call of `target` without a call of `guard` before it. */
function unguarded(source: string, target: string, guard: string): boolean {
  const graph = graphOf(source);
  return reaches(graph, [graph.entry], ALL_EDGES, callOf(target), callOf(guard));
}

describe('buildFlowGraph', () => {
  it('sees a guard on one branch, behind a short-circuit or in an optional chain as not on every path', () => {
    expect(unguarded('function f(c) { if (c) g(); run(); }', 'run', 'g')).toBe(true);
    expect(unguarded('function f(c) { if (c) g(); else g(); run(); }', 'run', 'g')).toBe(false);
    expect(unguarded('function f(c) { c && g(); run(); }', 'run', 'g')).toBe(true);
    expect(unguarded('function f(c) { c ? g() : g(); run(); }', 'run', 'g')).toBe(false);
    // An optional chain skips everything after `?.` when the receiver is nullish.
    expect(unguarded('function f(o) { o?.x.g(); run(); }', 'run', 'g')).toBe(true);
    expect(unguarded('function f(o) { o.x.g(); run(); }', 'run', 'g')).toBe(false);
    expect(unguarded('function f(o) { o?.h(g()); run(); }', 'run', 'g')).toBe(true);
    expect(unguarded('function f(o) { (o?.x).g(); run(); }', 'run', 'g')).toBe(false);
  });

  it('follows loops, labelled jumps and switch fall-through', () => {
    expect(unguarded('function f(xs) { for (const x of xs) g(); run(); }', 'run', 'g')).toBe(true);
    expect(unguarded('function f() { do { g(); } while (c()); run(); }', 'run', 'g')).toBe(false);
    expect(unguarded('function f() { outer: for (;;) { for (;;) { if (c()) break outer; g(); } } run(); }', 'run', 'g')).toBe(true);
    expect(unguarded('function f(k) { switch (k) { case 1: h(); case 2: g(); break; default: g(); } run(); }', 'run', 'g')).toBe(false);
    expect(unguarded('function f(k) { switch (k) { case 1: g(); break; } run(); }', 'run', 'g')).toBe(true);
  });

  it('routes exceptions to the catch, and runs a finally on every continuation', () => {
    // g may throw before it completes: the catch is reached without g having run.
    expect(unguarded('function f() { try { g(); } catch { run(); } }', 'run', 'g')).toBe(true);
    expect(unguarded('function f() { try { g(); } finally { run(); } }', 'run', 'g')).toBe(true);
    const graph = graphOf('function f() { try { return a(); } catch (e) { throw e; } finally { m(); } }');
    const statement = graph.fn.getSourceFile().statements[0] as ts.FunctionDeclaration;
    const tryStatement = statement.body!.statements[0] as ts.TryStatement;
    // One copy for the return, one for the rethrow, one for normal completion.
    expect(graph.finallyCopies(tryStatement)).toHaveLength(3);
    expect(graph.catchEntry(tryStatement)).toBeDefined();
    // The return and the rethrow both leave through m().
    const normalAndThrows = { normal: true, implicit: false, thrown: true };
    expect(reaches(graph, [graph.entry], normalAndThrows, (node) => node.id === graph.exit, callOf('m'))).toBe(false);
    expect(reaches(graph, [graph.catchEntry(tryStatement)!], normalAndThrows, (node) => node.id === graph.exit, callOf('m'))).toBe(false);
    expect(
      reaches(
        graph,
        [graph.catchEntry(tryStatement)!],
        normalAndThrows,
        (node) => node.id === graph.exit,
        () => false,
      ),
    ).toBe(true);
  });

  it('does not enter nested functions: a closure is one node', () => {
    expect(unguarded('function f() { const h = () => g(); run(); }', 'run', 'g')).toBe(true);
    const graph = graphOf('function f() { const h = () => g(); }');
    expect(graph.nodes.some(callOf('g'))).toBe(false);
    expect(graph.nodes.filter((node) => node.kind === 'closure')).toHaveLength(1);
  });

  it('walks a 2,000-term left-deep expression without exhausting the stack', () => {
    const terms = Array.from({ length: 2000 }, (_, i) => `a${i}()`).join(' + ');
    const graph = graphOf(`function f() { const x = ${terms}; run(x); }`);
    expect(graph.nodes.filter((node) => node.kind === 'event')).toHaveLength(2001);
  });

  it('places stores after their value, so a path search can follow what a local holds', () => {
    // State: 1 while `x` holds the value of v(). Overwritten before g(x) on one branch only.
    const graph = graphOf('function f(c) { let x = v(); if (c) x = w(); g(x); return x; }');
    const holding = (node: FlowNode, state: number): number => {
      if (node.kind === 'assign') return ts.isVariableDeclaration(node.ast!) ? 1 : 0;
      if (callOf('g')(node)) return state === 1 ? SETTLED : ESCAPED;
      return state;
    };
    expect(graph.nodes.filter((node) => node.kind === 'assign')).toHaveLength(2);
    expect(escapes(graph, [graph.entry], { normal: true, implicit: false, thrown: false }, 0, holding)).toBe(true);
    const straight = graphOf('function f() { let x = v(); g(x); }');
    expect(escapes(straight, [straight.entry], { normal: true, implicit: false, thrown: false }, 0, holding)).toBe(false);
  });
});
