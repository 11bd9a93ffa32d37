import type * as ts from 'typescript';

/** What a flow node stands for. */
export type FlowNodeKind =
  /** The function starts here. */
  | 'entry'
  /** The function is left: by falling off its end, by `return` (after any finally) or by an uncaught throw. */
  | 'exit'
  /** A call, `new` or `await` has just run (its arguments ran before it). */
  | 'event'
  /** A value was stored: a variable initialiser or a plain `=` assignment (`ast`), its value evaluated before it. */
  | 'assign'
  /** A nested function or class expression is created here; its body runs elsewhere. */
  | 'closure'
  /** A `return` statement, its expression already evaluated; the finally blocks run after it. An expression body's return has no `ast`. */
  | 'return'
  /** A `throw` statement, its expression already evaluated. */
  | 'throw'
  /** The first node of a catch clause. */
  | 'catch'
  /** A merge point, or the entry or end of one copy of a finally block. */
  | 'join';

/**
 * One node of a function's control-flow graph. Edges are split by how control leaves the node:
 * `normal` (it completed), `implicit` (something it ran threw: calls and awaits only) and
 * `thrown` (an explicit `throw`, or a finally block carrying one on).
 */
export interface FlowNode {
  readonly id: number;
  readonly kind: FlowNodeKind;
  readonly ast: ts.Node | undefined;
  readonly normal: number[];
  readonly implicit: number[];
  readonly thrown: number[];
}

/** One copy of a finally block: a finally runs on several continuations, built once per continuation. */
export interface FinallyCopy {
  entry: number;
  end: number;
}

/** The control-flow graph of one function body. */
export interface FlowGraph {
  readonly fn: ts.Node;
  readonly nodes: readonly FlowNode[];
  readonly entry: number;
  readonly exit: number;
  /** The nodes built for an AST node (a node inside a finally has one per copy). */
  nodesOf(ast: ts.Node): readonly number[];
  /** The catch-clause entry of a try statement with a catch. */
  catchEntry(statement: ts.TryStatement): number | undefined;
  /** The copies of a try statement's finally block that were built. */
  finallyCopies(statement: ts.TryStatement): readonly FinallyCopy[];
}

/** Which edges a search follows. */
export interface EdgeFilter {
  normal: boolean;
  implicit: boolean;
  thrown: boolean;
}

export const ALL_EDGES: EdgeFilter = { normal: true, implicit: true, thrown: true };

/** The successors of `node` along the kinds of edge `edges` allows. */
function successors(node: FlowNode, edges: EdgeFilter): number[] {
  return [...(edges.normal ? node.normal : []), ...(edges.implicit ? node.implicit : []), ...(edges.thrown ? node.thrown : [])];
}

/**
 * True when some path from `from` reaches a node for which `isTarget` holds without passing
 * through a node for which `blocks` holds. A blocking node stops only the edges of its
 * completion (normal and thrown): when it throws itself (implicit edges), it did not happen.
 * The start nodes themselves are not tested against `isTarget`; their successors are.
 */
export function reaches(
  graph: FlowGraph,
  from: readonly number[],
  edges: EdgeFilter,
  isTarget: (node: FlowNode) => boolean,
  blocks: (node: FlowNode) => boolean,
): boolean {
  const seen = new Set<number>();
  const stack: number[] = [];
  const push = (node: FlowNode) => stack.push(...successors(node, edges));
  for (const id of from) push(graph.nodes[id]!);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes[id]!;
    if (isTarget(node)) return true;
    if (blocks(node)) {
      if (edges.implicit) stack.push(...node.implicit);
      continue;
    }
    push(node);
  }
  return false;
}

/** What a {@link searchPaths} visitor decides at a node: the path's new state, or that the path ends. */
export const SETTLED = -1;
export const ESCAPED = -2;

/**
 * Follows every path from `from` along `edges`, carrying a small state (a bit set, such as "which
 * locals hold the tracked value"). `visit` sees each node reached (the start nodes themselves are
 * not visited) with the state on arrival and returns the state after it, {@link SETTLED} when the
 * path needs no further following, or {@link ESCAPED} when it ends badly. True when some path
 * escapes, or reaches the exit unsettled. Each node is visited once per state, so loops end.
 */
export function escapes(
  graph: FlowGraph,
  from: readonly number[],
  edges: EdgeFilter,
  state: number,
  visit: (node: FlowNode, state: number) => number,
): boolean {
  // The states each node was reached with.
  const seen = new Map<number, Set<number>>();
  const stack: Array<[number, number]> = [];
  const push = (node: FlowNode, current: number) => {
    for (const id of successors(node, edges)) stack.push([id, current]);
  };
  for (const id of from) push(graph.nodes[id]!, state);
  while (stack.length > 0) {
    const [id, current] = stack.pop()!;
    let states = seen.get(id);
    if (!states) seen.set(id, (states = new Set()));
    if (states.has(current)) continue;
    states.add(current);
    const node = graph.nodes[id]!;
    const next = visit(node, current);
    if (next === ESCAPED) return true;
    if (next === SETTLED) continue;
    if (id === graph.exit) return true;
    push(node, next);
  }
  return false;
}
