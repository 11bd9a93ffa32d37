import { describe, expect, it } from 'vitest';
import { analyzeVirtual, summarize } from '../helpers/rule-program.js';

// The default layers: api → analysis → job → plugin-execution → tool-runner → plugins.
const runner = `
export class ToolRunner {
  run(name: string): string { return name; }
}
export function createToolRunner(): ToolRunner { return new ToolRunner(); }
`;
const jobService = `
export interface JobService { submit(name: string): string }
export function createJobService(): JobService { return { submit: (name) => name }; }
export const JOB_LIMIT = 3;
`;
const pluginService = `
import { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export class PluginExecutionService {
  constructor(private readonly runner: ToolRunner) {}
  execute(name: string): string { return this.runner.run(name); }
}
`;
const base = {
  'src/plugins/runtime/tool-runner.ts': runner,
  'src/services/execution/job-execution-service.ts': jobService,
  'src/services/execution/plugin-execution-service.ts': pluginService,
  'src/errors.ts': 'export function toErrorEnvelope(e: unknown): string { return String(e); }\n',
};

function check(files: Record<string, string>) {
  const { findings, errors } = analyzeVirtual('no-layer-bypass', { ...base, ...files });
  expect(errors).toEqual([]);
  return summarize(findings);
}

describe('no-layer-bypass', () => {
  it('checks calls in a file that imports nothing of a forbidden layer when a global declaration reaches it', () => {
    // Only files whose module references reach a forbidden layer's files are resolved call by
    // call; a global declaration puts that layer's values in every file's scope.
    expect(
      check({
        'src/wiring/globals.ts': `import type { ToolRunner } from '../plugins/runtime/tool-runner.js';\ndeclare global { var sharedRunner: ToolRunner; }\nexport {};\n`,
        'src/api/routes/global-route.ts': `export function handle(name: string): string {\n  return globalThis.sharedRunner.run(name);\n}\n`,
        'src/api/routes/plain-route.ts': `export function plain(items: string[]): string[] {\n  return items.map((item) => item.trim());\n}\n`,
      }),
    ).toEqual(['src/api/routes/global-route.ts:2:34 forbiddenCall']);
  });

  it('allows the next layer down, shared modules, and files in no layer', () => {
    expect(
      check({
        'src/services/execution/analysis-execution-service.ts': `
import { createJobService, type JobService } from './job-execution-service.js';
import { toErrorEnvelope } from '../../errors.js';
export function analyse(jobs: JobService = createJobService()): string {
  try { return jobs.submit('x'); } catch (e) { return toErrorEnvelope(e); }
}
`,
        'src/app.ts': `
import { ToolRunner } from './plugins/runtime/tool-runner.js';
export const runner = new ToolRunner();
`,
      }),
    ).toEqual([]);
  });

  it('reports a value import that skips a layer, on the specifier', () => {
    expect(
      check({
        'src/services/execution/analysis-execution-service.ts': `
import { JOB_LIMIT } from './job-execution-service.js';
import { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export const runner = new ToolRunner();
export const limit = JOB_LIMIT;
`,
      }),
    ).toEqual([
      'src/services/execution/analysis-execution-service.ts:3:10 forbiddenImport',
      'src/services/execution/analysis-execution-service.ts:4:27 forbiddenConstruct',
    ]);
  });

  it('ignores type-only imports in every written form, and value imports used only as types', () => {
    expect(
      check({
        'src/api/routes/run.ts': `
import type { ToolRunner } from '../../plugins/runtime/tool-runner.js';
import { type JobService } from '../../services/execution/job-execution-service.js';
import { ToolRunner as Runner } from '../../plugins/runtime/tool-runner.js';
export interface Deps { runner: ToolRunner; jobs: JobService; other: Runner }
export class Fake implements Runner { run(name: string): string { return name; } }
`,
      }),
    ).toEqual([]);
  });

  it('reports a call resolved to a forbidden layer even when the value arrives as a parameter', () => {
    expect(
      check({
        'src/api/routes/run.ts': `
import type { JobService } from '../../services/execution/job-execution-service.js';
export function route(deps: { jobs: JobService; list: JobService[] }): string {
  const first = deps.list[0];
  return deps.jobs.submit('a') + (first ? first.submit('b') : '');
}
`,
      }),
    ).toEqual(['src/api/routes/run.ts:5:20 forbiddenCall', 'src/api/routes/run.ts:5:49 forbiddenCall']);
  });

  it('reports upward calls and calls from the bottom layer', () => {
    expect(
      check({
        'src/plugins/builtin/echo.ts': `
import type { PluginExecutionService } from '../../services/execution/plugin-execution-service.js';
export function echo(service: PluginExecutionService): string { return service.execute('x'); }
`,
      }),
    ).toEqual(['src/plugins/builtin/echo.ts:3:80 forbiddenCall']);
  });

  it('reports re-exports and dynamic imports of a forbidden layer', () => {
    expect(
      check({
        'src/api/index.ts': `
export { createToolRunner } from '../plugins/runtime/tool-runner.js';
export type { ToolRunner } from '../plugins/runtime/tool-runner.js';
export * from '../services/execution/job-execution-service.js';
export async function load(): Promise<unknown> { return import('../plugins/runtime/tool-runner.js'); }
`,
      }),
    ).toEqual(['src/api/index.ts:2:10 forbiddenReexport', 'src/api/index.ts:4:15 forbiddenReexport', 'src/api/index.ts:5:64 forbiddenImport']);
  });

  it('follows aliases and containers to the declaration', () => {
    expect(
      check({
        'src/services/execution/analysis-execution-service.ts': `
import * as runtime from '../../plugins/runtime/tool-runner.js';
export function make(): string {
  const factories = { runner: runtime.createToolRunner };
  return factories.runner().run('x');
}
`,
      }),
    ).toEqual([
      'src/services/execution/analysis-execution-service.ts:2:8 forbiddenImport',
      'src/services/execution/analysis-execution-service.ts:5:20 forbiddenCall',
      'src/services/execution/analysis-execution-service.ts:5:29 forbiddenCall',
    ]);
  });

  it('uses the configured layers and shared globs', () => {
    const files = {
      'lib/top.ts': "import { helper } from './util.js';\nimport { low } from './low.js';\nexport const x = helper() + low();\n",
      'lib/mid.ts': 'export const mid = (): number => 1;\n',
      'lib/low.ts': 'export function low(): number { return 2; }\n',
      'lib/util.ts': 'export function helper(): number { return 3; }\n',
    };
    const { findings, errors } = analyzeVirtual('no-layer-bypass', files, {
      layers: [
        { name: 'top', files: ['lib/top.ts'] },
        { name: 'mid', files: ['lib/mid.ts'] },
        { name: 'low', files: ['lib/low.ts', 'lib/util.ts'] },
      ],
      shared: ['lib/util.ts'],
    });
    expect(errors).toEqual([]);
    expect(summarize(findings)).toEqual(['lib/top.ts:2:10 forbiddenImport', 'lib/top.ts:3:29 forbiddenCall']);
    expect(findings[1]?.data).toMatchObject({ from: 'top', to: 'low', callee: 'low', file: 'lib/low.ts' });
    expect(findings[1]?.message).toContain('"top" or "mid"');
  });

  it('reports require() of a forbidden layer on the specifier, and lets the next layer down be required', () => {
    expect(
      check({
        'src/require.d.ts': 'declare function require(id: string): unknown;\n',
        'src/services/execution/analysis-execution-service.ts': `
export const jobs = require('./job-execution-service.js');
export const runner = require('../../plugins/runtime/tool-runner.js');
`,
      }),
    ).toEqual(['src/services/execution/analysis-execution-service.ts:3:31 forbiddenImport']);
  });

  it('judges a name imported through a barrel in no layer by the file that declares it; types stay free', () => {
    const { findings, errors } = analyzeVirtual('no-layer-bypass', {
      ...base,
      'src/index.ts':
        "export { ToolRunner, createToolRunner } from './plugins/runtime/tool-runner.js';\nexport { JOB_LIMIT } from './services/execution/job-execution-service.js';\n",
      'src/services/execution/analysis-execution-service.ts': `import { JOB_LIMIT } from '../../index.js';
import { ToolRunner } from '../../index.js';
import { createToolRunner } from '../../index.js';
import type { ToolRunner as RunnerType } from '../../index.js';
export const limit = JOB_LIMIT;
export const factory = createToolRunner;
export function typed(runner: RunnerType, other: ToolRunner): boolean { return runner === other; }
`,
    });
    expect(errors).toEqual([]);
    expect(summarize(findings)).toEqual(['src/services/execution/analysis-execution-service.ts:3:10 forbiddenImport']);
    expect(findings[0]?.data).toMatchObject({ to: 'tool-runner', module: "'../../index.js', declared in src/plugins/runtime/tool-runner.ts" });
  });

  it('follows function-typed consts, bind copies, destructured .call and Reflect.apply to the method they run', () => {
    expect(
      check({
        'src/services/execution/analysis-execution-service.ts': `import type { ToolRunner } from '../../plugins/runtime/tool-runner.js';
type Run = (name: string) => string;
export function values(runner: ToolRunner): string[] {
  const run: Run = runner.run;
  const bound: Run = runner.run.bind(runner);
  const { run: detached } = runner;
  const local: Run = (name) => name;
  return [run('a'), bound('b'), detached.call(runner, 'c'), Reflect.apply(run, runner, ['d']), local('e')];
}
`,
      }),
    ).toEqual([
      'src/services/execution/analysis-execution-service.ts:8:11 forbiddenCall',
      'src/services/execution/analysis-execution-service.ts:8:21 forbiddenCall',
      'src/services/execution/analysis-execution-service.ts:8:33 forbiddenCall',
      'src/services/execution/analysis-execution-service.ts:8:75 forbiddenCall',
    ]);
  });

  it('constructs the class a held constructor stands for, not the base class whose constructor it inherits', () => {
    expect(
      check({
        'src/errors.ts': 'export class Base { constructor(readonly name: string) {} }\n',
        'src/plugins/runtime/derived.ts': "import { Base } from '../../errors.js';\nexport class Derived extends Base {}\n",
        'src/api/routes/make.ts': `import type { Derived } from '../../plugins/runtime/derived.js';
export function make(ctor: typeof Derived, base: typeof import('../../errors.js').Base): unknown[] {
  return [new ctor('x'), new base('y')];
}
`,
      }),
    ).toEqual(['src/api/routes/make.ts:3:15 forbiddenConstruct']);
  });

  it('judges a typed let by its type: it may be reassigned, so its initialiser says nothing', () => {
    expect(
      check({
        'src/api/routes/held.ts': `import type { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export function held(name: string): string {
  const fixed: ToolRunner['run'] = (value) => value;
  let open: ToolRunner['run'] = (value) => value;
  return fixed(name) + open(name);
}
`,
      }),
    ).toEqual(['src/api/routes/held.ts:5:24 forbiddenCall']);
  });

  it('says which way to go: through the next layer down when skipping, a shared module or injection when going up', () => {
    const { findings } = analyzeVirtual('no-layer-bypass', {
      ...base,
      'src/services/execution/analysis-execution-service.ts': `import { createToolRunner } from '../../plugins/runtime/tool-runner.js';
export const skip = () => createToolRunner();
`,
      'src/plugins/runtime/limits.ts': `import { JOB_LIMIT } from '../../services/execution/job-execution-service.js';
export const limit = () => JOB_LIMIT;
`,
    });
    const messages = findings.map((f) => `${f.file.replace(/^.*\/src\//, 'src/')}:${f.messageId}: ${f.message}`);
    const skipping = messages.filter((m) => m.startsWith('src/services/execution/analysis-execution-service.ts'));
    const upward = messages.filter((m) => m.startsWith('src/plugins/runtime/limits.ts'));
    expect(skipping.length).toBeGreaterThan(0);
    for (const message of skipping) expect(message).toContain('Go through the next layer down');
    expect(upward.length).toBeGreaterThan(0);
    for (const message of upward) {
      expect(message).toContain('is above "tool-runner": move what both need into a shared module');
      expect(message).not.toContain('next layer down');
    }
  });
});
