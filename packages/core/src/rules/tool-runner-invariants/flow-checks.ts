import type * as ts from 'typescript';
import { buildFlowGraph, escapes, reaches, ALL_EDGES, ESCAPED, SETTLED, type EdgeFilter, type FlowGraph, type FlowNode } from '../../flow/index.js';
import type { RuleContext } from '../../types.js';
import { createRoleTest, ROLES, type Role } from './roles.js';
import { callTarget, skipWrappersDown } from '../../ast/index.js';
import { createHeldValues } from './held-values.js';
import { closureAnchor, enclosingFunction, enclosingTries, localName, spreadKeptWhole, within } from './result-flow.js';

/** How far nested functions are followed out to where they run. */
const MAX_NESTING = 8;

const NORMAL: EdgeFilter = { normal: true, implicit: false, thrown: false };
const NORMAL_AND_THROWS: EdgeFilter = { normal: true, implicit: false, thrown: true };

/** The four invariants of one runner method, asked of its control-flow graphs (built once per function). */
export interface RunnerFlow {
  /** Every path from the method's entry to the call passes an input validation. */
  inputValidated(call: ts.CallExpression): boolean;
  /** Every normal path from the call to a return applies an output validator to its result. */
  outputValidated(call: ts.CallExpression): boolean;
  /**
   * The `try` statements around the call, innermost first, once per way the call can be reached:
   * through the closure's receiving call, or through each call site of a local function.
   */
  tryChains(call: ts.CallExpression): ts.TryStatement[][];
  /** Every path out of the try's catch returns or throws the error envelope (or retries the try). */
  envelopeBuilt(statement: ts.TryStatement): boolean;
  /** Every path through the try's finally records metrics. */
  metricsRecorded(statement: ts.TryStatement): boolean;
}

/**
 * `method` is the runner method's function-like, `calls` every call made in it, `guarded` the
 * guarded calls among them.
 */
export function createRunnerFlow(
  ctx: RuleContext,
  sourceFile: ts.SourceFile,
  method: ts.SignatureDeclaration,
  calls: readonly ts.CallExpression[],
  guarded: ReadonlySet<ts.Node>,
): RunnerFlow {
  const { ts: tsm, checker } = ctx;
  const anchors = new Map<ts.Node, readonly ts.Node[]>();
  /**
   * Where a nested function runs, seen from the function around it: the call it is handed to,
   * else the call sites of the local name it is declared under, else (never called, or stored
   * elsewhere) the place it is created.
   */
  const anchorsOf = (fn: ts.SignatureDeclaration): readonly ts.Node[] => {
    let found = anchors.get(fn);
    if (found) return found;
    found = [fn];
    const handedTo = closureAnchor(tsm, fn);
    const name = localName(tsm, fn);
    if (handedTo !== fn) found = [handedTo];
    else if (name) {
      const symbol = checker.getSymbolAtLocation(name);
      const sites = calls.filter((call) => {
        const { callee } = callTarget(tsm, call);
        return tsm.isIdentifier(callee) && callee.text === name.text && !within(call, fn) && checker.getSymbolAtLocation(callee) === symbol;
      });
      if (sites.length > 0) found = sites;
    }
    anchors.set(fn, found);
    return found;
  };
  const calledFrom = (fn: ts.SignatureDeclaration): readonly ts.Node[] | undefined => {
    const found = anchorsOf(fn);
    return found.length === 1 && found[0] === fn ? undefined : found;
  };
  const graphs = new Map<ts.Node, FlowGraph>();
  const graphOf = (fn: ts.SignatureDeclaration): FlowGraph => {
    let graph = graphs.get(fn);
    if (!graph) {
      graph = buildFlowGraph(tsm, fn);
      graphs.set(fn, graph);
    }
    return graph;
  };

  // A local function performs a role when every normal path through it does.
  const performing = new Map<ts.Node, ReadonlySet<Role>>();
  const alwaysPerforms = (fn: ts.SignatureDeclaration): ReadonlySet<Role> => {
    const known = performing.get(fn);
    if (known) return known;
    performing.set(fn, new Set()); // recursion reads "nothing" while in progress
    const graph = graphOf(fn);
    const roles = new Set(
      ROLES.filter(
        (role) =>
          !reaches(
            graph,
            [graph.entry],
            NORMAL,
            (node) => node.id === graph.exit,
            (node) => plays(node, role),
          ),
      ),
    );
    performing.set(fn, roles);
    return roles;
  };
  const rolesOf = createRoleTest(ctx, sourceFile, alwaysPerforms);
  const plays = (node: FlowNode, role: Role): boolean => node.kind === 'event' && node.ast !== undefined && rolesOf(node.ast).roles.has(role);

  // What may leave a catch: the envelope, or (a retry) the guarded call's result again; an object
  // literal carries the envelope as a property's value or as a spread no later member overwrites.
  const leavingValues = createHeldValues(
    ctx,
    (node) => guarded.has(node) || ((tsm.isCallExpression(node) || tsm.isNewExpression(node)) && rolesOf(node).roles.has('errorEnvelope')),
    (spread) => spreadKeptWhole(tsm, checker, spread),
  );
  /** `this.last = toErrorEnvelope(error)`: the envelope handed out through a property, not a local. */
  const storesOut = (assignment: ts.Node, state: number): boolean => {
    if (!tsm.isBinaryExpression(assignment)) return false;
    const target = skipWrappersDown(tsm, assignment.left);
    return (tsm.isPropertyAccessExpression(target) || tsm.isElementAccessExpression(target)) && leavingValues.carries(assignment.right, state);
  };
  /**
   * True when every path from `starts` leaves by throwing the envelope, or (with `returns`) by
   * returning it or storing it in a property: a raw error, another value or falling off the end
   * escapes. With `tryBlock`,
   * going back into it (a retry loop) is not leaving.
   */
  const leavesWithEnvelope = (graph: FlowGraph, starts: readonly number[], returns: boolean, tryBlock: ts.Node | undefined): boolean =>
    !escapes(graph, starts, NORMAL_AND_THROWS, 0, (node, state) => {
      if (tryBlock && node.ast && within(node.ast, tryBlock)) return SETTLED;
      if (node.kind === 'assign') return storesOut(node.ast!, state) ? SETTLED : leavingValues.afterAssign(node.ast!, state);
      if (node.kind === 'return' && !returns) return ESCAPED;
      if (node.kind === 'return' || node.kind === 'throw') {
        const value = (node.ast as ts.ReturnStatement | ts.ThrowStatement).expression;
        // Not the envelope: a return goes on to the exit, a throw to the next catch or the exit.
        return value && leavingValues.carries(value, state) ? SETTLED : state;
      }
      return node.kind === 'event' && throwsEnvelope(node.ast!) ? SETTLED : state;
    });
  /**
   * A call that never returns, having thrown the envelope: a local function that leaves only by
   * throwing it, or (declared elsewhere) an envelope builder typed `never`.
   */
  const throwing = new Map<ts.Node, boolean>();
  const throwsEnvelope = (call: ts.Node): boolean => {
    const { roles, body } = rolesOf(call);
    if (!roles.has('errorEnvelope')) return false;
    if (!body) return (checker.getTypeAtLocation(call).flags & tsm.TypeFlags.Never) !== 0;
    let known = throwing.get(body);
    if (known === undefined) {
      throwing.set(body, false); // recursion reads "returns" while in progress
      const graph = graphOf(body);
      known = leavesWithEnvelope(graph, [graph.entry], false, undefined);
      throwing.set(body, known);
    }
    return known;
  };

  return {
    inputValidated(call) {
      const validated = (target: ts.Node, depth: number): boolean => {
        const fn = enclosingFunction(tsm, target);
        if (!fn) return false;
        const graph = graphOf(fn);
        const targets = new Set(graph.nodesOf(target));
        // Not in the graph (a hoisted local function never called): nothing proves an order.
        if (targets.size === 0) return false;
        if (
          !reaches(
            graph,
            [graph.entry],
            ALL_EDGES,
            (node) => targets.has(node.id),
            (node) => plays(node, 'validateInput'),
          )
        )
          return true;
        if (fn === method || depth >= MAX_NESTING) return false;
        // Not validated inside the nested function: it must be validated wherever it runs.
        return anchorsOf(fn).every((anchor) => validated(anchor, depth + 1));
      };
      return validated(call, 0);
    },
    outputValidated(call) {
      /**
       * Along every normal path from `carrier` to a return, the result (or a local holding it at
       * that point) goes through a validator; a finally that validates after the return comes too
       * late. In a nested function that runs somewhere, a return whose value carries the result
       * (by the same tracking: `v`, `await v`, `v ?? null`, `Promise.resolve(v)`) hands it out
       * instead, and it must then be validated from every place the function runs.
       */
      const validatedFrom = (carrier: ts.Node, depth: number): boolean => {
        const fn = enclosingFunction(tsm, carrier);
        if (!fn) return false;
        const graph = graphOf(fn);
        const held = createHeldValues(ctx, (node) => node === carrier);
        const starts = graph.nodesOf(carrier);
        const sites = fn === method || depth >= MAX_NESTING ? undefined : calledFrom(fn);
        let handedOut = false;
        const escaped =
          starts.length === 0 ||
          escapes(graph, starts, NORMAL, 0, (node, state) => {
            if (node.kind === 'return') {
              // An expression body's return has no statement: its value is the body.
              const value = node.ast ? (node.ast as ts.ReturnStatement).expression : ((fn as ts.FunctionLikeDeclaration).body as ts.Expression);
              if (!sites || !value || !held.carries(value, state)) return ESCAPED;
              handedOut = true;
              return SETTLED;
            }
            if (node.kind === 'assign') return held.afterAssign(node.ast!, state);
            return plays(node, 'validateOutput') && held.mentions(rolesOf(node.ast!).subjects, state) ? SETTLED : state;
          });
        return !escaped && (!handedOut || sites!.every((site) => validatedFrom(site, depth + 1)));
      };
      return validatedFrom(call, 0);
    },
    tryChains(call) {
      const chains = (node: ts.Node, depth: number): ts.TryStatement[][] => {
        const fn = enclosingFunction(tsm, node);
        const own = enclosingTries(tsm, node, fn);
        if (!fn || fn === method || depth >= MAX_NESTING) return [own];
        return (calledFrom(fn) ?? [fn]).flatMap((anchor) => chains(anchor, depth + 1).map((outer) => [...own, ...outer]));
      };
      return chains(call, 0);
    },
    envelopeBuilt(statement) {
      const fn = enclosingFunction(tsm, statement);
      if (!fn) return false;
      const graph = graphOf(fn);
      const entry = graph.catchEntry(statement);
      return entry !== undefined && leavesWithEnvelope(graph, [entry], true, statement.tryBlock);
    },
    metricsRecorded(statement) {
      const fn = enclosingFunction(tsm, statement);
      if (!fn) return false;
      const graph = graphOf(fn);
      const copies = graph.finallyCopies(statement);
      return (
        copies.length > 0 &&
        copies.every(
          (copy) =>
            !reaches(
              graph,
              [copy.entry],
              NORMAL_AND_THROWS,
              (node) => node.id === copy.end || node.id === graph.exit,
              (node) => plays(node, 'recordMetrics'),
            ),
        )
      );
    },
  };
}
