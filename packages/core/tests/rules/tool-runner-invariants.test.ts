import { describe, expect, it } from 'vitest';
import { analyzeVirtual, summarize } from '../helpers/rule-program.js';

const RUNNER = 'src/plugins/runtime/tool-runner.ts';
const support = {
  'src/plugins/plugin.ts': 'export interface Plugin { name: string; run(input: unknown): Promise<unknown> }\n',
  'src/support.ts': `
export function validateInput(input: unknown): unknown { return input; }
export function validateOutput(output: unknown): unknown { return output; }
export function toErrorEnvelope(error: unknown): { code: string } { return { code: String(error) }; }
export function recordMetrics(name: string): void { void name; }
export class Statement { run(sql: string): number { return sql.length; } }
`,
};
const imports = `import type { Plugin } from '../plugin.js';
import { Statement, recordMetrics, toErrorEnvelope, validateInput, validateOutput } from '../../support.js';
`;

/** Findings for a runner whose `run` method body is `body` (the body starts on line 6). */
function check(body: string, config = {}) {
  const runner = `${imports}export class ToolRunner {
  constructor(private readonly db: Statement) {}
  async run(plugin: Plugin, input: unknown): Promise<unknown> {
${body}
  }
}
`;
  const { findings, errors } = analyzeVirtual('tool-runner-invariants', { ...support, [RUNNER]: runner }, config);
  expect(errors).toEqual([]);
  return findings;
}

const complete = `    try {
      return validateOutput(await plugin.run(validateInput(input)));
    } catch (error) {
      return toErrorEnvelope(error);
    } finally {
      recordMetrics(plugin.name);
    }`;

describe('tool-runner-invariants', () => {
  it('accepts a runner that keeps every invariant, with a decoy run of another type outside the try', () => {
    expect(check(`    this.db.run('select 1');\n${complete}`)).toEqual([]);
  });

  it('reports each missing invariant under its own message id, on the guarded member', () => {
    const findings = check('    return plugin.run(input);');
    expect(summarize(findings)).toEqual([`${RUNNER}:6:19 missingInputValidation`, `${RUNNER}:6:19 missingOutputValidation`, `${RUNNER}:6:19 notInTry`]);
    expect(findings[0]?.data).toMatchObject({ runner: 'ToolRunner.run', call: 'plugin.run()', names: 'validateInput()' });
  });

  it('requires the catch to build the envelope and the finally to record metrics', () => {
    const body = `    try {
      return validateOutput(await plugin.run(validateInput(input)));
    } catch (error) {
      recordMetrics(plugin.name);
      throw error;
    }`;
    expect(summarize(check(body))).toEqual([`${RUNNER}:7:42 missingErrorEnvelope`, `${RUNNER}:7:42 missingFinallyMetrics`]);
  });

  it('uses the configured names', () => {
    const config = {
      runner: {
        file: '**/tool-runner.ts',
        class: 'ToolRunner',
        method: 'run',
        validateInput: ['validateInput'],
        validateOutput: ['validateOutput'],
        errorEnvelope: ['wrap'],
        recordMetrics: ['recordMetrics'],
      },
    };
    expect(summarize(check(complete, config))).toEqual([`${RUNNER}:7:42 missingErrorEnvelope`]);
  });

  // A runner file without the class is not a runner: that no runner file declares the class is a
  // config error (tests/config/check-against-program.test.ts), not a finding per file.
  it('skips a runner file without the class; reports a class without the method and a method that never runs', () => {
    const config = {
      runner: {
        file: 'src/runners/*.ts',
        class: 'ToolRunner',
        method: 'run',
        validateInput: ['v'],
        validateOutput: ['v'],
        errorEnvelope: ['e'],
        recordMetrics: ['m'],
      },
    };
    const { findings, errors } = analyzeVirtual(
      'tool-runner-invariants',
      {
        ...support,
        'src/runners/a.ts': 'export const nothing = 1;\n',
        'src/runners/b.ts': 'export class ToolRunner {\n  execute(): void {}\n}\n',
        'src/runners/c.ts':
          "import { Statement } from '../support.js';\nexport class ToolRunner {\n  run(db: Statement): number {\n    return db.run('x');\n  }\n}\n",
      },
      config,
    );
    expect(errors).toEqual([]);
    expect(summarize(findings)).toEqual(['src/runners/b.ts:1:14 runnerMethodMissing', 'src/runners/c.ts:3:3 runnerNeverRuns']);
  });

  it('is silent outside the runner file', () => {
    const { findings } = analyzeVirtual('tool-runner-invariants', {
      ...support,
      'src/other.ts': "import type { Plugin } from './plugins/plugin.js';\nexport class ToolRunner { run(p: Plugin) { return p.run(1); } }\n",
    });
    expect(findings).toEqual([]);
  });

  it('holds on every path: validation on one branch, a short-circuit or a closure never called does not count', () => {
    const body = `    if (input !== null) validateInput(input);
    void (input && validateInput(input));
    const later = () => validateInput(input);
${complete.replace('validateInput(input)', 'input')}`;
    expect(summarize(check(body))).toEqual([`${RUNNER}:10:42 missingInputValidation`]);
  });

  it('counts validation on every branch, in a closure that is called, and under an import alias', () => {
    const body = `    const check = (value: unknown) => validateInput(value);
    const checked = input === null ? validateInput(input) : check(input);
    try {
      const output = await plugin.run(checked);
      return output === undefined ? validateOutput(output) : await Promise.resolve(output).then(validateOutput);
    } catch (error) {
      return toErrorEnvelope(error);
    } finally {
      recordMetrics(plugin.name);
    }`;
    expect(check(body)).toEqual([]);
    const aliased = complete.replace('validateInput(input)', 'checkInput(input)');
    const runner = `import type { Plugin } from '../plugin.js';
import { recordMetrics, toErrorEnvelope, validateInput as checkInput, validateOutput } from '../../support.js';
export class ToolRunner {
  async run(plugin: Plugin, input: unknown): Promise<unknown> {
${aliased}
  }
}
`;
    const { findings, errors } = analyzeVirtual('tool-runner-invariants', { ...support, [RUNNER]: runner });
    expect(errors).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('requires output validation on every normal path to a return, not in the catch, and of the result itself', () => {
    const body = `    try {
      const output = await plugin.run(validateInput(input));
      if (output === null) return output;
      const other = await plugin.run(validateInput(input));
      validateOutput(output);
      return validateOutput(output) ?? other;
    } catch (error) {
      validateOutput(error);
      return toErrorEnvelope(error);
    } finally {
      recordMetrics(plugin.name);
    }`;
    expect(summarize(check(body))).toEqual([`${RUNNER}:7:35 missingOutputValidation`, `${RUNNER}:9:34 missingOutputValidation`]);
  });

  it('flags a raw rethrow on any path out of the catch, and a finally that skips metrics on a path', () => {
    const body = `    try {
      return validateOutput(await plugin.run(validateInput(input)));
    } catch (error) {
      if (error instanceof TypeError) throw error;
      return toErrorEnvelope(error);
    } finally {
      if (input) recordMetrics(plugin.name);
    }`;
    expect(summarize(check(body))).toEqual([`${RUNNER}:7:42 missingErrorEnvelope`, `${RUNNER}:7:42 missingFinallyMetrics`]);
  });

  it('reports guarded calls spelled with a constant key or .call at the call', () => {
    const body = `    const RUN = 'run';
    const first = await plugin[RUN](input);
    const second = await plugin.run.call(plugin, validateInput(first));
    return second;`;
    expect(summarize(check(body))).toEqual([
      `${RUNNER}:7:32 missingInputValidation`,
      `${RUNNER}:7:32 missingOutputValidation`,
      `${RUNNER}:7:32 notInTry`,
      `${RUNNER}:8:33 missingOutputValidation`,
      `${RUNNER}:8:33 notInTry`,
    ]);
  });

  it('follows a closure handed to a wrapper through every return spelling the method body accepts, to where it runs', () => {
    const wrapped = (closure: string, after = 'return validateOutput(raw);') => `    try {
      const raw = await Promise.resolve(0).then(${closure});
      ${after}
    } catch (error) {
      return toErrorEnvelope(error);
    } finally {
      recordMetrics(plugin.name);
    }`;
    const input = 'validateInput(input)';
    for (const closure of [
      `() => Promise.resolve(plugin.run(${input}))`,
      `async () => { const value = await plugin.run(${input}); return value; }`,
      `async () => (await plugin.run(${input})) ?? null`,
      `async () => ({ ...(await plugin.run(${input}) as object) })`,
    ]) {
      expect(check(wrapped(closure)), closure).toEqual([]);
      // Handed out but never validated where the closure runs.
      expect(
        summarize(check(wrapped(closure, 'return raw;'))).map((line) => line.replace(/:\d+:\d+/, '')),
        closure,
      ).toEqual([`${RUNNER} missingOutputValidation`]);
    }
    // Another value returned on a path: the result leaves the closure unvalidated there.
    const swapped = `async () => { let value = await plugin.run(${input}); if (input) value = null; return value; }`;
    expect(summarize(check(wrapped(swapped)))).toEqual([`${RUNNER}:7:88 missingOutputValidation`]);
  });

  it('accepts a returned object literal carrying the envelope as a spread or a property, not one built from the raw error', () => {
    const withCatch = (catchBody: string) => `    try {
      return validateOutput(await plugin.run(validateInput(input)));
    } catch (error) {
      const envelope = toErrorEnvelope(error);
      ${catchBody}
    } finally {
      recordMetrics(plugin.name);
    }`;
    for (const accepted of [
      'return { ok: false, ...toErrorEnvelope(error) };',
      'return { ok: false, ...envelope, retried: true };',
      'return { ok: false, error: envelope };',
      'throw { ok: false, envelope };',
    ]) {
      expect(check(withCatch(accepted)), accepted).toEqual([]);
    }
    for (const rejected of [
      'return { ok: false, message: String(error) };',
      'return { ok: false, ...envelope, code: String(error) };',
      'return { ok: false, ...envelope, ...(error as object) };',
      'return { ok: false, ...envelope, [String(error)]: error };',
      'return { ok: false, error: envelope.code };',
    ]) {
      expect(summarize(check(withCatch(rejected))), rejected).toEqual([`${RUNNER}:7:42 missingErrorEnvelope`]);
    }
  });

  it('reports a pure promise chain as not in a try, even with .catch building the envelope and .finally recording metrics', () => {
    const body = `    return Promise.resolve(validateInput(input))
      .then((checked) => plugin.run(checked))
      .then((output) => validateOutput(output))
      .catch((error: unknown) => toErrorEnvelope(error))
      .finally(() => recordMetrics(plugin.name));`;
    expect(summarize(check(body))).toEqual([`${RUNNER}:7:33 notInTry`]);
  });
});
