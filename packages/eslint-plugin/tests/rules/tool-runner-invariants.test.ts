import { toolRunnerInvariants } from '../../src/rules/tool-runner-invariants.js';
import { createRuleTester, projectFile } from '../rule-tester.js';

const runner = projectFile('src/plugins/runtime/tool-runner.ts');

/** A runner file whose `run` body is `body`; helpers are declared so only the body varies. */
function runnerWith(body: string): string {
  return `
import { toErrorEnvelope, type ErrorEnvelope } from '../../errors.js';
import type { Plugin } from '../plugin.js';
declare function validateInput(input: string): string;
declare function validateOutput(output: string): string;
declare function recordMetrics(name: string): void;
export class ToolRunner {
  async run(plugin: Plugin, input: string): Promise<string | ErrorEnvelope> {
${body}
  }
}
`;
}

/** Line of the first occurrence of `text` in `code` (1-based), so cases survive edits above. */
function lineOf(code: string, text: string): number {
  return code.slice(0, code.indexOf(text)).split('\n').length;
}

const noTry = runnerWith(`    const output = await plugin.run(validateInput(input));
    recordMetrics(plugin.name);
    return validateOutput(output);`);
const outputFirst = runnerWith(`    try {
      validateOutput(input);
      return await plugin.run(input);
    } catch (error) {
      return toErrorEnvelope(error);
    } finally {
      recordMetrics(plugin.name);
    }`);
const bareCatch = runnerWith(`    try {
      return validateOutput(await plugin.run(validateInput(input)));
    } catch {
      return { code: 'PLUGIN_FAILED', message: 'failed' };
    }`);

createRuleTester().run('tool-runner-invariants', toolRunnerInvariants, {
  valid: [
    {
      name: 'validate input, call in try, validate output, envelope in catch, metrics in finally',
      filename: runner,
      code: runnerWith(`    try {
      const output = await plugin.run(validateInput(input));
      return validateOutput(output);
    } catch (error) {
      return toErrorEnvelope(error);
    } finally {
      recordMetrics(plugin.name);
    }`),
    },
    {
      name: 'a class with the runner name outside the runner file is not checked',
      filename: projectFile('src/services/execution/plugin-execution-service.ts'),
      code: `
export class ToolRunner {
  run(): string {
    return 'not the runner';
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'the guarded call outside any try',
      filename: runner,
      code: noTry,
      errors: [{ messageId: 'notInTry', line: lineOf(noTry, 'plugin.run(') }],
    },
    {
      name: 'output validated before the call, input never validated',
      filename: runner,
      code: outputFirst,
      errors: [
        { messageId: 'missingInputValidation', line: lineOf(outputFirst, 'plugin.run(') },
        { messageId: 'missingOutputValidation', line: lineOf(outputFirst, 'plugin.run(') },
      ],
    },
    {
      name: 'a catch without the error envelope and no finally recording metrics',
      filename: runner,
      code: bareCatch,
      errors: [
        { messageId: 'missingErrorEnvelope', line: lineOf(bareCatch, 'plugin.run(') },
        { messageId: 'missingFinallyMetrics', line: lineOf(bareCatch, 'plugin.run(') },
      ],
    },
  ],
});
