import type * as ts from 'typescript';
import type { TypeScriptModule } from '../types.js';
import type { FinallyCopy, FlowGraph, FlowNode, FlowNodeKind } from './graph.js';

/** Where jumps go from the current position: innermost handlers first. */
interface Scope {
  /** Where an exception raised here goes: a catch entry, a finally copy, or the exit. */
  throwTarget(): number;
  /** Where a `return` goes: the innermost finally's return copy, or the exit. */
  returnTarget(): number;
  /** Enclosing loops, switches and labelled statements, innermost last. */
  jumps: readonly JumpTarget[];
}

interface JumpTarget {
  labels: readonly string[];
  breakTo: number;
  /** Undefined for switches and labelled blocks: `continue` skips them. */
  continueTo: number | undefined;
  /** False for labelled blocks: only a labelled `break` leaves them. */
  unlabelled: boolean;
}

const SHORT_CIRCUIT = new Set<string>([
  'AmpersandAmpersandToken',
  'BarBarToken',
  'QuestionQuestionToken',
  'AmpersandAmpersandEqualsToken',
  'BarBarEqualsToken',
  'QuestionQuestionEqualsToken',
]);

/**
 * Builds the control-flow graph of one function-like's body: statements, short-circuit and
 * conditional operators, optional chains, loops, switch, labelled jumps, try/catch/finally (one
 * copy of a finally per continuation: normal completion, exception, return). Nested functions
 * are `closure` nodes; their bodies get graphs of their own. Calls, `new` and `await` are
 * `event` nodes with an implicit edge to the current exception target; variable initialisers and
 * plain `=` assignments are `assign` nodes after their value, so a search can tell which value a
 * local holds on a path.
 */
export function buildFlowGraph(tsm: TypeScriptModule, fn: ts.SignatureDeclaration): FlowGraph {
  const kind = tsm.SyntaxKind;
  const nodes: FlowNode[] = [];
  const byAst = new Map<ts.Node, number[]>();
  const catches = new Map<ts.TryStatement, number>();
  const finallies = new Map<ts.TryStatement, FinallyCopy[]>();
  const shortCircuit = new Set<ts.SyntaxKind>([...SHORT_CIRCUIT].map((name) => kind[name as keyof typeof kind] as ts.SyntaxKind));
  /** Optional-chain skips waiting for the end of their chain. */
  const chainSkips = new Map<ts.Node, number[]>();

  const add = (nodeKind: FlowNodeKind, ast?: ts.Node): number => {
    const id = nodes.length;
    nodes.push({ id, kind: nodeKind, ast, normal: [], implicit: [], thrown: [] });
    if (ast) {
      const list = byAst.get(ast);
      if (list) list.push(id);
      else byAst.set(ast, [id]);
    }
    return id;
  };
  const edge = (from: number, to: number) => nodes[from]!.normal.push(to);
  const step = (from: number, nodeKind: FlowNodeKind, ast?: ts.Node) => {
    const id = add(nodeKind, ast);
    edge(from, id);
    return id;
  };
  const join = (...froms: number[]): number => {
    const id = add('join');
    for (const from of froms) edge(from, id);
    return id;
  };
  /** A fresh node no edge reaches: what follows a return, throw, break or continue. */
  const dead = () => add('join');

  const entry = add('entry');
  const exit = add('exit');
  const top: Scope = { throwTarget: () => exit, returnTarget: () => exit, jumps: [] };

  const event = (from: number, ast: ts.Node, scope: Scope): number => {
    const id = step(from, 'event', ast);
    nodes[id]!.implicit.push(scope.throwTarget());
    return id;
  };

  /** The outermost node of the optional chain `node` starts (`a?.b.c()` for `a?.b`). */
  const chainEnd = (node: ts.Node): ts.Node => {
    let current = node;
    for (;;) {
      const parent = current.parent;
      const continues =
        (tsm.isPropertyAccessExpression(parent) || tsm.isElementAccessExpression(parent) || tsm.isCallExpression(parent) || tsm.isNonNullExpression(parent)) &&
        parent.expression === current &&
        (parent.flags & tsm.NodeFlags.OptionalChain) !== 0;
      if (!continues) return current;
      current = parent;
    }
  };
  const skipChain = (node: ts.Node & { questionDotToken?: ts.QuestionDotToken }, at: number) => {
    if (!node.questionDotToken) return;
    const end = chainEnd(node);
    chainSkips.set(end, [...(chainSkips.get(end) ?? []), at]);
  };

  const children = (node: ts.Node, from: number, scope: Scope): number => {
    let current = from;
    tsm.forEachChild(node, (child) => {
      if (child.kind >= kind.FirstTypeNode && child.kind <= kind.LastTypeNode) return;
      current = tsm.isExpression(child) || tsm.isFunctionLike(child) ? expression(child, current, scope) : children(child, current, scope);
    });
    // `const x = value`: the store happens once the initialiser has run.
    return tsm.isVariableDeclaration(node) && node.initializer ? step(current, 'assign', node) : current;
  };

  function expression(node: ts.Node, from: number, scope: Scope): number {
    const after = expressionInner(node, from, scope);
    const skips = chainSkips.get(node);
    if (!skips) return after;
    chainSkips.delete(node);
    return join(after, ...skips);
  }

  function expressionInner(node: ts.Node, from: number, scope: Scope): number {
    if (tsm.isFunctionLike(node) || tsm.isClassExpression(node)) return step(from, 'closure', node);
    if (tsm.isBinaryExpression(node)) {
      if (node.operatorToken.kind === kind.EqualsToken) return step(expression(node.right, expression(node.left, from, scope), scope), 'assign', node);
      if (shortCircuit.has(node.operatorToken.kind)) {
        const left = expression(node.left, from, scope);
        return join(left, expression(node.right, left, scope));
      }
      // Left-deep chains (`a + b + c …`) are walked without recursion on the left spine.
      const spine: ts.BinaryExpression[] = [node];
      let leftmost: ts.Expression = node.left;
      while (tsm.isBinaryExpression(leftmost) && !shortCircuit.has(leftmost.operatorToken.kind) && leftmost.operatorToken.kind !== kind.EqualsToken) {
        spine.push(leftmost);
        leftmost = leftmost.left;
      }
      let current = expression(leftmost, from, scope);
      for (let i = spine.length - 1; i >= 0; i -= 1) current = expression(spine[i]!.right, current, scope);
      return current;
    }
    if (tsm.isConditionalExpression(node)) {
      const condition = expression(node.condition, from, scope);
      return join(expression(node.whenTrue, condition, scope), expression(node.whenFalse, condition, scope));
    }
    if (tsm.isCallExpression(node) || tsm.isNewExpression(node)) {
      let current = expression(node.expression, from, scope);
      if (tsm.isCallExpression(node)) skipChain(node, current);
      for (const argument of node.arguments ?? []) current = expression(argument, current, scope);
      return event(current, node, scope);
    }
    if (tsm.isPropertyAccessExpression(node)) {
      const current = expression(node.expression, from, scope);
      skipChain(node, current);
      return current;
    }
    if (tsm.isElementAccessExpression(node)) {
      const current = expression(node.expression, from, scope);
      skipChain(node, current);
      return expression(node.argumentExpression, current, scope);
    }
    if (tsm.isAwaitExpression(node)) return event(expression(node.expression, from, scope), node, scope);
    return children(node, from, scope);
  }

  const labelsOf = (node: ts.Statement): string[] => {
    const labels: string[] = [];
    for (let parent = node.parent; tsm.isLabeledStatement(parent); parent = parent.parent) labels.push(parent.label.text);
    return labels;
  };

  const loop = (node: ts.IterationStatement, scope: Scope, breakTo: number, continueTo: number): Scope => ({
    ...scope,
    jumps: [...scope.jumps, { labels: labelsOf(node), breakTo, continueTo, unlabelled: true }],
  });

  const jump = (node: ts.BreakOrContinueStatement, from: number, scope: Scope): number => {
    const isBreak = node.kind === kind.BreakStatement;
    for (let i = scope.jumps.length - 1; i >= 0; i -= 1) {
      const target = scope.jumps[i]!;
      const labelled = node.label ? target.labels.includes(node.label.text) : target.unlabelled;
      const to = isBreak ? target.breakTo : target.continueTo;
      if (labelled && to !== undefined) {
        // Jumps out of a try do not run its finally in this graph: a known simplification.
        edge(from, to);
        break;
      }
    }
    return dead();
  };

  function tryStatement(node: ts.TryStatement, from: number, scope: Scope): number {
    const copies: FinallyCopy[] = [];
    finallies.set(node, copies);
    const finallyCopy = (onEnd: (end: number) => void): number => {
      const start = add('join');
      const end = statement(node.finallyBlock!, start, scope);
      const copyEnd = step(end, 'join');
      copies.push({ entry: start, end: copyEnd });
      onEnd(copyEnd);
      return start;
    };
    let onException: number | undefined;
    let onReturn: number | undefined;
    const exceptionCopy = () => (onException ??= finallyCopy((end) => nodes[end]!.thrown.push(scope.throwTarget())));
    const returnCopy = () => (onReturn ??= finallyCopy((end) => edge(end, scope.returnTarget())));
    const guarded: Scope = node.finallyBlock ? { ...scope, returnTarget: returnCopy, throwTarget: exceptionCopy } : scope;

    let catchEntry: number | undefined;
    if (node.catchClause) {
      catchEntry = add('catch', node.catchClause);
      catches.set(node, catchEntry);
    }
    const inTry: Scope = catchEntry !== undefined ? { ...guarded, throwTarget: () => catchEntry! } : guarded;
    const ends = [statement(node.tryBlock, from, inTry)];
    if (node.catchClause && catchEntry !== undefined) ends.push(statement(node.catchClause.block, catchEntry, guarded));
    const completed = join(...ends);
    if (!node.finallyBlock) return completed;
    let after = 0;
    finallyCopy((end) => {
      after = end;
    });
    edge(completed, copies[copies.length - 1]!.entry);
    return after;
  }

  function statement(node: ts.Node, from: number, scope: Scope): number {
    switch (node.kind) {
      case kind.Block:
      case kind.CaseClause:
      case kind.DefaultClause: {
        let current = from;
        for (const child of (node as ts.Block).statements) current = statement(child, current, scope);
        return current;
      }
      case kind.IfStatement: {
        const ifNode = node as ts.IfStatement;
        const condition = expression(ifNode.expression, from, scope);
        const whenTrue = statement(ifNode.thenStatement, condition, scope);
        return join(whenTrue, ifNode.elseStatement ? statement(ifNode.elseStatement, condition, scope) : condition);
      }
      case kind.ReturnStatement: {
        const value = (node as ts.ReturnStatement).expression;
        const at = step(value ? expression(value, from, scope) : from, 'return', node);
        edge(at, scope.returnTarget());
        return dead();
      }
      case kind.ThrowStatement: {
        const at = step(expression((node as ts.ThrowStatement).expression, from, scope), 'throw', node);
        nodes[at]!.thrown.push(scope.throwTarget());
        return dead();
      }
      case kind.TryStatement:
        return tryStatement(node as ts.TryStatement, from, scope);
      case kind.WhileStatement: {
        const whileNode = node as ts.WhileStatement;
        const head = join(from);
        const condition = expression(whileNode.expression, head, scope);
        const breakTo = join(condition);
        edge(statement(whileNode.statement, condition, loop(whileNode, scope, breakTo, head)), head);
        return breakTo;
      }
      case kind.DoStatement: {
        const doNode = node as ts.DoStatement;
        const head = join(from);
        const continueTo = add('join');
        const breakTo = add('join');
        edge(statement(doNode.statement, head, loop(doNode, scope, breakTo, continueTo)), continueTo);
        const condition = expression(doNode.expression, continueTo, scope);
        edge(condition, head);
        edge(condition, breakTo);
        return breakTo;
      }
      case kind.ForStatement: {
        const forNode = node as ts.ForStatement;
        const init = forNode.initializer
          ? tsm.isVariableDeclarationList(forNode.initializer)
            ? children(forNode.initializer, from, scope)
            : expression(forNode.initializer, from, scope)
          : from;
        const head = join(init);
        const condition = forNode.condition ? expression(forNode.condition, head, scope) : head;
        const breakTo = add('join');
        if (forNode.condition) edge(condition, breakTo);
        const continueTo = add('join');
        edge(statement(forNode.statement, condition, loop(forNode, scope, breakTo, continueTo)), continueTo);
        edge(forNode.incrementor ? expression(forNode.incrementor, continueTo, scope) : continueTo, head);
        return breakTo;
      }
      case kind.ForOfStatement:
      case kind.ForInStatement: {
        const forNode = node as ts.ForOfStatement | ts.ForInStatement;
        const head = join(expression(forNode.expression, from, scope));
        const breakTo = join(head);
        edge(statement(forNode.statement, head, loop(forNode, scope, breakTo, head)), head);
        return breakTo;
      }
      case kind.SwitchStatement: {
        const switchNode = node as ts.SwitchStatement;
        let test = expression(switchNode.expression, from, scope);
        const breakTo = add('join');
        const inner: Scope = { ...scope, jumps: [...scope.jumps, { labels: labelsOf(switchNode), breakTo, continueTo: undefined, unlabelled: true }] };
        let fallthrough: number | undefined;
        let hasDefault = false;
        for (const clause of switchNode.caseBlock.clauses) {
          if (tsm.isCaseClause(clause)) test = expression(clause.expression, test, scope);
          else hasDefault = true;
          const start = fallthrough === undefined ? join(test) : join(test, fallthrough);
          fallthrough = statement(clause, start, inner);
        }
        if (fallthrough !== undefined) edge(fallthrough, breakTo);
        if (!hasDefault) edge(test, breakTo);
        return breakTo;
      }
      case kind.BreakStatement:
      case kind.ContinueStatement:
        return jump(node as ts.BreakOrContinueStatement, from, scope);
      case kind.LabeledStatement: {
        const labelled = node as ts.LabeledStatement;
        if (tsm.isIterationStatement(labelled.statement, false)) return statement(labelled.statement, from, scope);
        const breakTo = add('join');
        const inner: Scope = { ...scope, jumps: [...scope.jumps, { labels: [labelled.label.text], breakTo, continueTo: undefined, unlabelled: false }] };
        edge(statement(labelled.statement, from, inner), breakTo);
        return breakTo;
      }
      case kind.FunctionDeclaration:
      case kind.ClassDeclaration:
      case kind.InterfaceDeclaration:
      case kind.TypeAliasDeclaration:
      case kind.EnumDeclaration:
      case kind.ModuleDeclaration:
      case kind.EmptyStatement:
        return from;
      default:
        return tsm.isExpression(node) ? expression(node, from, scope) : children(node, from, scope);
    }
  }

  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) {
    const end = tsm.isBlock(body) ? statement(body, entry, top) : step(expression(body, entry, top), 'return');
    edge(end, exit);
  }
  return {
    fn,
    nodes,
    entry,
    exit,
    nodesOf: (ast) => byAst.get(ast) ?? [],
    catchEntry: (statementNode) => catches.get(statementNode),
    finallyCopies: (statementNode) => finallies.get(statementNode) ?? [],
  };
}
