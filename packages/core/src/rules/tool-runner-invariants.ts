import type * as ts from 'typescript';
import type { ResolvedConfig } from '../config/validate.js';
import type { RuleContext, RuleFileContext, RuleModule } from '../types.js';
import { createRunnerFlow, type RunnerFlow } from './tool-runner-invariants/flow-checks.js';
import { within } from './tool-runner-invariants/result-flow.js';
import { calleeNode, createGuardedCallTest } from './tool-runner-invariants/guarded-calls.js';

type MessageId =
  | 'missingInputValidation'
  | 'missingOutputValidation'
  | 'notInTry'
  | 'missingErrorEnvelope'
  | 'missingFinallyMetrics'
  | 'runnerMethodMissing'
  | 'runnerNeverRuns';

type RunnerMethod = ts.MethodDeclaration | ts.PropertyDeclaration;

function list(names: readonly string[]): string {
  return names.map((name) => `${name}()`).join(' or ');
}

/** The runner method: a method with a body, or a field initialised with a function. */
function runnerMethod(
  ctx: RuleContext,
  cls: ts.ClassLikeDeclaration,
  name: string,
): { node: RunnerMethod; fn: ts.SignatureDeclaration; body: ts.Node } | undefined {
  const { ts: tsm } = ctx;
  for (const member of cls.members) {
    if (!member.name || !(tsm.isIdentifier(member.name) || tsm.isPrivateIdentifier(member.name) || tsm.isStringLiteral(member.name))) continue;
    if (member.name.text !== name) continue;
    if (tsm.isMethodDeclaration(member) && member.body) return { node: member, fn: member, body: member.body };
    if (tsm.isPropertyDeclaration(member) && member.initializer && (tsm.isArrowFunction(member.initializer) || tsm.isFunctionExpression(member.initializer))) {
      return { node: member, fn: member.initializer, body: member.initializer.body };
    }
  }
  return undefined;
}

/**
 * A runner method found by the walk: its function-like (the method, or the arrow/function a field
 * holds) and every call made in its body (nested functions too).
 */
interface RunnerBody {
  node: RunnerMethod;
  fn: ts.SignatureDeclaration;
  body: ts.Node;
  calls: ts.CallExpression[];
}

function checkGuardedCall(ctx: RuleFileContext<MessageId>, runner: ResolvedConfig['runner'], flow: RunnerFlow, call: ts.CallExpression, label: string): void {
  const node = calleeNode(ctx, call);
  const data = { runner: label, call: `${call.expression.getText()}()` };
  if (!flow.inputValidated(call)) ctx.report({ messageId: 'missingInputValidation', node, data: { ...data, names: list(runner.validateInput) } });
  if (!flow.outputValidated(call)) ctx.report({ messageId: 'missingOutputValidation', node, data: { ...data, names: list(runner.validateOutput) } });

  const chains = flow.tryChains(call);
  if (chains.some((tries) => tries.length === 0)) {
    ctx.report({ messageId: 'notInTry', node, data: { ...data, envelope: list(runner.errorEnvelope), metrics: list(runner.recordMetrics) } });
    return;
  }
  // The call's exception goes to the innermost catch; a rethrow there goes on to the next one
  // (the graph follows it), so the innermost catch decides, on every way the call is reached.
  if (!chains.every((tries) => tries.some((t) => t.catchClause) && flow.envelopeBuilt(tries.find((t) => t.catchClause)!))) {
    ctx.report({ messageId: 'missingErrorEnvelope', node, data: { ...data, names: list(runner.errorEnvelope) } });
  }
  if (!chains.every((tries) => tries.some((t) => t.finallyBlock && flow.metricsRecorded(t)))) {
    ctx.report({ messageId: 'missingFinallyMetrics', node, data: { ...data, names: list(runner.recordMetrics) } });
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
      missingOutputValidation:
        '{{runner}} can return without validating the output of {{call}} first. Call {{names}} on its result before every return (a `finally` runs after the return value is fixed).',
      notInTry:
        '{{call}} in {{runner}} is not inside a `try` block. Wrap it in try/catch (the catch calls {{envelope}}) with a finally that calls {{metrics}}.',
      missingErrorEnvelope:
        '{{call}} in {{runner}} is in a `try` whose `catch` does not return or throw the error envelope on every path. Return or throw what {{names}} builds, not the raw error.',
      missingFinallyMetrics: '{{call}} in {{runner}} is in a `try` without a `finally` that records metrics. Call {{names}} in a finally block.',
      runnerMethodMissing: 'The runner class {{class}} has no method {{method}} with a body. Fix `runner.method` in the config, or add the method.',
      runnerNeverRuns:
        '{{runner}} never calls a guarded member ({{members}}): a runner that does not run is a misconfiguration. Fix `runner` or `guards` in the config.',
    },
  },
  create(context) {
    const { runner } = context.config;
    if (!context.matches(context.sourceFile.fileName, [runner.file])) return undefined;
    const guarded = createGuardedCallTest(context);
    // Without a guard on a method-like member there is no call to anchor the invariants to.
    if (guarded.members.length === 0) return undefined;
    const { ts: tsm } = context;
    const label = `${runner.class}.${runner.method}`;
    const methods: RunnerBody[] = [];
    // A runner file without the class is not a runner; that no file declares it is a config
    // error (config/check-against-program.ts), reported once instead of once per file.
    const onClass = (node: ts.Node) => {
      const cls = node as ts.ClassLikeDeclaration;
      if (cls.name?.text !== runner.class) return;
      const method = runnerMethod(context, cls, runner.method);
      if (method) methods.push({ ...method, calls: [] });
      else context.report({ messageId: 'runnerMethodMissing', node: cls.name ?? cls, data: { class: runner.class, method: runner.method } });
    };
    return {
      enter: {
        [tsm.SyntaxKind.ClassDeclaration]: onClass,
        [tsm.SyntaxKind.ClassExpression]: onClass,
        // Every call is recorded once, for the runner methods that hold it; nothing is walked twice.
        [tsm.SyntaxKind.CallExpression]: (node) => {
          for (const method of methods) if (within(node, method.body)) method.calls.push(node as ts.CallExpression);
        },
      },
      end() {
        for (const method of methods) {
          const calls = method.calls.filter(guarded.isGuarded);
          if (calls.length === 0) {
            context.report({ messageId: 'runnerNeverRuns', node: method.node.name, data: { runner: label, members: guarded.members.join(', ') } });
            continue;
          }
          // One set of flow graphs per method, shared by every guarded call in it.
          const flow = createRunnerFlow(context, context.sourceFile, method.fn, method.calls, new Set(calls));
          for (const call of calls) checkGuardedCall(context, runner, flow, call, label);
        }
      },
    };
  },
};
