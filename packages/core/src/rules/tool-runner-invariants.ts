import type * as ts from 'typescript';
import type { RunnerConfig } from '../config/schema.js';
import type { RuleContext, RuleModule, RuleReport } from '../types.js';
import { calleeNameText, calleeNode, callsOneOf, callsWithin, createGuardedCallTest } from './tool-runner-invariants/guarded-calls.js';
import { walkIteratively } from '../walk-iteratively.js';

type MessageId =
  | 'missingInputValidation'
  | 'missingOutputValidation'
  | 'notInTry'
  | 'missingErrorEnvelope'
  | 'missingFinallyMetrics'
  | 'runnerClassMissing'
  | 'runnerMethodMissing'
  | 'runnerNeverRuns';

type RunnerMethod = ts.MethodDeclaration | ts.PropertyDeclaration;

function list(names: readonly string[]): string {
  return names.map((name) => `${name}()`).join(' or ');
}

function namedClasses(ctx: RuleContext, sourceFile: ts.SourceFile, name: string): ts.ClassLikeDeclaration[] {
  const found: ts.ClassLikeDeclaration[] = [];
  const visit = (node: ts.Node): boolean | void => {
    if (ctx.ts.isClassLike(node) && node.name?.text === name) found.push(node);
  };
  walkIteratively(ctx.ts, sourceFile, visit);
  return found;
}

/** The runner method: a method with a body, or a field initialised with a function. */
function runnerMethod(ctx: RuleContext, cls: ts.ClassLikeDeclaration, name: string): { node: RunnerMethod; body: ts.Node } | undefined {
  const { ts: tsm } = ctx;
  for (const member of cls.members) {
    if (!member.name || !(tsm.isIdentifier(member.name) || tsm.isPrivateIdentifier(member.name) || tsm.isStringLiteral(member.name))) continue;
    if (member.name.text !== name) continue;
    if (tsm.isMethodDeclaration(member) && member.body) return { node: member, body: member.body };
    if (tsm.isPropertyDeclaration(member) && member.initializer && (tsm.isArrowFunction(member.initializer) || tsm.isFunctionExpression(member.initializer))) {
      return { node: member, body: member.initializer.body };
    }
  }
  return undefined;
}

/** The `try` statements whose protected block holds `node`, innermost first, up to `stop`. */
function enclosingTries(ctx: RuleContext, node: ts.Node, stop: ts.Node): ts.TryStatement[] {
  const tries: ts.TryStatement[] = [];
  for (let child = node, parent = node.parent; parent && child !== stop; child = parent, parent = parent.parent) {
    if (ctx.ts.isTryStatement(parent) && parent.tryBlock === child) tries.push(parent);
  }
  return tries;
}

function* checkGuardedCall(
  ctx: RuleContext,
  runner: RunnerConfig,
  body: ts.Node,
  call: ts.CallExpression,
  label: string,
): Generator<RuleReport<MessageId>> {
  const node = calleeNode(ctx, call);
  const data = { runner: label, call: `${call.expression.getText()}()` };
  const calls = callsWithin(ctx, body);
  const named = (names: readonly string[]) => calls.filter((other) => names.includes(calleeNameText(ctx, other) ?? ''));
  // Source order stands for run order: a validator in the call's own arguments runs first, and
  // one wrapping the call (`validateOutput(await plugin.run(x))`) runs after it.
  const inArguments = (other: ts.CallExpression) => call.arguments.some((arg) => other.pos >= arg.pos && other.end <= arg.end);
  const validatesInput = named(runner.validateInput).some((other) => other.end <= call.getStart() || inArguments(other));
  const validatesOutput = named(runner.validateOutput).some((other) => other.getStart() >= call.end || (other.pos < call.pos && other.end >= call.end));
  if (!validatesInput) yield { messageId: 'missingInputValidation', node, data: { ...data, names: list(runner.validateInput) } };
  if (!validatesOutput) yield { messageId: 'missingOutputValidation', node, data: { ...data, names: list(runner.validateOutput) } };

  const tries = enclosingTries(ctx, call, body);
  if (tries.length === 0) {
    yield { messageId: 'notInTry', node, data: { ...data, envelope: list(runner.errorEnvelope), metrics: list(runner.recordMetrics) } };
    return;
  }
  // Nested trys are equivalent to one (`try { try { run } catch {…} } finally {…}`): any
  // enclosing try may hold the catch, and any may hold the finally.
  if (!tries.some((t) => t.catchClause && callsOneOf(ctx, t.catchClause.block, runner.errorEnvelope))) {
    yield { messageId: 'missingErrorEnvelope', node, data: { ...data, names: list(runner.errorEnvelope) } };
  }
  if (!tries.some((t) => t.finallyBlock && callsOneOf(ctx, t.finallyBlock, runner.recordMetrics))) {
    yield { messageId: 'missingFinallyMetrics', node, data: { ...data, names: list(runner.recordMetrics) } };
  }
}

/** Invariants of the configured runner method around every guarded call it makes. */
export const toolRunnerInvariants: RuleModule<MessageId> = {
  id: 'tool-runner-invariants',
  meta: {
    description:
      'The runner method validates input before and output after the guarded call, wraps it in try/catch building the error envelope, and records metrics in finally.',
    messages: {
      missingInputValidation: '{{runner}} makes {{call}} without validating its input first. Call {{names}} before it.',
      missingOutputValidation: '{{runner}} never validates the output of {{call}}. Call {{names}} on its result.',
      notInTry:
        '{{call}} in {{runner}} is not inside a `try` block. Wrap it in try/catch (the catch calls {{envelope}}) with a finally that calls {{metrics}}.',
      missingErrorEnvelope: '{{call}} in {{runner}} is in a `try` whose `catch` does not build the error envelope. Call {{names}} in the catch clause.',
      missingFinallyMetrics: '{{call}} in {{runner}} is in a `try` without a `finally` that records metrics. Call {{names}} in a finally block.',
      runnerClassMissing:
        'This file matches the runner glob "{{file}}" but declares no class {{class}}. Fix `runner.class` in the config, or move the runner here.',
      runnerMethodMissing:
        'The runner class {{class}} has no method {{method}} with a body. Fix `runner.method` in the config, or add the method.',
      runnerNeverRuns:
        '{{runner}} never calls a guarded member ({{members}}): a runner that does not run is a misconfiguration. Fix `runner` or `guards` in the config.',
    },
  },
  *check(ctx, sourceFile) {
    const { runner } = ctx.config;
    if (!ctx.matches(sourceFile.fileName, [runner.file])) return;
    const guarded = createGuardedCallTest(ctx);
    // Without a guard on a method-like member there is no call to anchor the invariants to.
    if (guarded.members.length === 0) return;
    const classes = namedClasses(ctx, sourceFile, runner.class);
    if (classes.length === 0) {
      yield { messageId: 'runnerClassMissing', node: sourceFile.statements[0] ?? sourceFile, data: { file: runner.file, class: runner.class } };
      return;
    }
    for (const cls of classes) {
      const method = runnerMethod(ctx, cls, runner.method);
      if (!method) {
        yield { messageId: 'runnerMethodMissing', node: cls.name ?? cls, data: { class: runner.class, method: runner.method } };
        continue;
      }
      const label = `${runner.class}.${runner.method}`;
      const calls = callsWithin(ctx, method.body).filter(guarded.isGuarded);
      if (calls.length === 0) {
        yield { messageId: 'runnerNeverRuns', node: method.node.name, data: { runner: label, members: guarded.members.join(', ') } };
        continue;
      }
      for (const call of calls) yield* checkGuardedCall(ctx, runner, method.body, call, label);
    }
  },
};
