import type * as ts from 'typescript';
import { buildFlowGraph, reaches, ALL_EDGES, type EdgeFilter, type FlowGraph, type FlowNode } from '../../flow/index.js';
import type { RuleContext } from '../../types.js';
import { createRoleTest, ROLES, type Role } from './roles.js';
import { callTarget } from '../../ast/index.js';
import { closureAnchor, enclosingFunction, enclosingTries, localName, resultHolders, returnedBy, within } from './result-flow.js';

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
  /** Every path out of the try's catch builds the error envelope (or retries the try). */
  envelopeBuilt(statement: ts.TryStatement): boolean;
  /** Every path through the try's finally records metrics. */
  metricsRecorded(statement: ts.TryStatement): boolean;
}

/** A local that receives a value carried by an identifier (`const out = await wrap(pending)`: pending → out). */
export interface ValueFlow {
  from: ts.Identifier;
  to: ts.Identifier;
}

/**
 * `method` is the runner method's function-like; `flows` are the identifier-to-local flows in it
 * (collected by the one walk), so a result stored in `pending` and carried on into `output` is
 * still tracked.
 */
export function createRunnerFlow(
  ctx: RuleContext,
  sourceFile: ts.SourceFile,
  method: ts.SignatureDeclaration,
  calls: readonly ts.CallExpression[],
  flows: readonly ValueFlow[],
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

  const holderSymbols = (results: readonly ts.Expression[]): Set<ts.Symbol> => {
    const symbols = new Set<ts.Symbol>();
    for (const result of results) {
      for (const name of resultHolders(tsm, result)) {
        const symbol = checker.getSymbolAtLocation(name);
        if (symbol) symbols.add(symbol);
      }
    }
    // Locals a holder flows into hold the result too (to a fixed point, bounded by the list).
    for (let changed = true; changed;) {
      changed = false;
      const names = new Set([...symbols].map((symbol) => symbol.name));
      for (const { from, to } of flows) {
        if (!names.has(from.text)) continue;
        const source = checker.getSymbolAtLocation(from);
        const target = checker.getSymbolAtLocation(to);
        if (source && target && symbols.has(source) && !symbols.has(target)) {
          symbols.add(target);
          changed = true;
        }
      }
    }
    return symbols;
  };

  /** True when one of `subjects` is, or contains, one of `results` or an identifier holding one. */
  const mentions = (subjects: readonly ts.Expression[], results: ReadonlySet<ts.Node>, holders: ReadonlySet<ts.Symbol>): boolean => {
    const names = new Set([...holders].map((symbol) => symbol.name));
    const stack: ts.Node[] = [...subjects];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (results.has(node)) return true;
      if (tsm.isIdentifier(node) && names.has(node.text)) {
        const symbol = tsm.isShorthandPropertyAssignment(node.parent)
          ? checker.getShorthandAssignmentValueSymbol(node.parent)
          : checker.getSymbolAtLocation(node);
        if (symbol && holders.has(symbol)) return true;
      }
      tsm.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
    return false;
  };

  /**
   * The expressions whose result carries `node`'s result where it must be validated: `node`, or,
   * when a nested function returns it, the calls that run that function, repeatedly.
   */
  const carriers = (node: ts.Expression, depth: number): ts.Expression[] => {
    const fn = enclosingFunction(tsm, node);
    if (!fn || fn === method || depth >= MAX_NESTING || !returnedBy(tsm, node, fn)) return [node];
    const sites = calledFrom(fn);
    return sites ? sites.flatMap((site) => carriers(site as ts.Expression, depth + 1)) : [node];
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
      const validatedFrom = (carrier: ts.Node): boolean => {
        const fn = enclosingFunction(tsm, carrier);
        if (!fn) return false;
        const graph = graphOf(fn);
        const results = new Set<ts.Node>([call, carrier]);
        const holders = holderSymbols([...results] as ts.Expression[]);
        const applied = (node: FlowNode): boolean => plays(node, 'validateOutput') && mentions(rolesOf(node.ast!).subjects, results, holders);
        const starts = graph.nodesOf(carrier);
        return starts.length > 0 && !reaches(graph, starts, NORMAL, (node) => node.kind === 'return' || node.id === graph.exit, applied);
      };
      return carriers(call, 0).every(validatedFrom);
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
      if (entry === undefined) return false;
      const tryBlock = statement.tryBlock;
      // Going back into the try (a retry loop) is not leaving the catch.
      const retries = (node: FlowNode) => node.ast !== undefined && node.ast.pos >= tryBlock.pos && node.ast.end <= tryBlock.end;
      return !reaches(
        graph,
        [entry],
        NORMAL_AND_THROWS,
        (node) => node.id === graph.exit,
        (node) => plays(node, 'errorEnvelope') || retries(node),
      );
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
