import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** One step of a composite action, as action.yml declares it. */
interface Step {
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

/** What running the action's shell steps produced. */
export interface ActionRun {
  /** Outputs per step id. */
  outputs: Record<string, Record<string, string>>;
  /** stdout of each run step, in order. */
  logs: string[];
  /** Exit status of the last step that ran. */
  status: number;
  /** `uses:` steps that would run, with their `with:` values expanded. */
  uses: { uses: string; with: Record<string, string> }[];
}

function readOutputs(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * Runs the `run:` steps of a composite action.yml locally with bash, as the runner would: inputs
 * (with their defaults), `steps.<id>.outputs.*`, `github.action_path`, GITHUB_OUTPUT and
 * RUNNER_TEMP. Only the expressions this action uses are understood; `if:` is evaluated for
 * `== 'true'` / `!= ''` comparisons. `uses:` steps are recorded, not run.
 */
export function runCompositeAction(actionDir: string, inputs: Record<string, string>, cwd: string, runnerTemp: string): ActionRun {
  const action = parse(fs.readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: Step[] };
  };
  if (action.runs.using !== 'composite') throw new Error('not a composite action');
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default ?? ''])), ...inputs };
  const temp = runnerTemp;
  const run: ActionRun = { outputs: {}, logs: [], status: 0, uses: [] };
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_whole, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) return values[input[1] as string] ?? '';
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return run.outputs[output[1] as string]?.[output[2] as string] ?? '';
      if (expression === 'github.action_path') return actionDir;
      const comparisons = expression.split('&&').map((part) => part.trim());
      return String(
        comparisons.every((part) => {
          const match = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(part);
          if (!match) throw new Error(`expression not understood: ${part}`);
          const left: string = expand(`\${{ ${match[1]} }}`);
          return match[2] === '==' ? left === match[3] : left !== match[3];
        }),
      );
    });
  for (const step of action.runs.steps) {
    if (step.if !== undefined && expand(step.if) !== 'true') continue;
    if (step.uses) {
      run.uses.push({ uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v)])) });
      continue;
    }
    const outputFile = path.join(temp, `output-${run.logs.length}`);
    fs.writeFileSync(outputFile, '');
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])),
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: temp,
      NO_COLOR: '1',
    };
    try {
      run.logs.push(
        execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run ?? '')], {
          cwd: path.resolve(cwd, expand(step['working-directory'] ?? '.')),
          env,
          encoding: 'utf8',
        }),
      );
      run.status = 0;
    } catch (error) {
      run.logs.push(String((error as { stdout?: string }).stdout ?? ''));
      run.status = (error as { status?: number }).status ?? 1;
      break;
    } finally {
      if (step.id) run.outputs[step.id] = readOutputs(outputFile);
    }
  }
  return run;
}
