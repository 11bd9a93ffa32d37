import { noLayerBypass } from '../../src/rules/no-layer-bypass.js';
import { createRuleTester, projectFile } from '../rule-tester.js';

const jobService = projectFile('src/services/execution/job-execution-service.ts');
const route = projectFile('src/api/routes/analyses.ts');

createRuleTester().run('no-layer-bypass', noLayerBypass, {
  valid: [
    {
      name: 'the job service uses the next layer down (plugin-execution service)',
      filename: jobService,
      code: `
import { PluginExecutionService } from './plugin-execution-service.js';
import type { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export function make(runner: ToolRunner): PluginExecutionService {
  return new PluginExecutionService(runner);
}
`,
    },
    {
      name: 'a type-only import from a lower layer is fine',
      filename: route,
      code: `
import type { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export type Runner = ToolRunner;
`,
    },
    {
      name: 'shared modules may be used from any layer',
      filename: route,
      code: `
import { toErrorEnvelope } from '../../errors.js';
export const envelope = toErrorEnvelope(new Error('x'));
`,
    },
    {
      name: 'a suppression with a reason silences the finding on the next line',
      filename: jobService,
      code: `
// execution-governance-disable-next-line no-layer-bypass -- migration shim, removed with JOB-42
import { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export const RunnerClass = ToolRunner;
`,
    },
  ],
  invalid: [
    {
      name: 'the job service imports and constructs the ToolRunner, skipping a layer',
      filename: jobService,
      code: `
import { ToolRunner } from '../../plugins/runtime/tool-runner.js';
import { PluginRegistry } from '../../plugins/registry.js';
export const runner = new ToolRunner(new PluginRegistry());
`,
      errors: [
        { messageId: 'forbiddenImport', line: 2, column: 10, endColumn: 20 },
        { messageId: 'forbiddenConstruct', line: 4, column: 27 },
      ],
    },
    {
      name: 'a call resolved to a runner method is a bypass even with no import in sight',
      filename: route,
      code: `
import type { ToolRunner } from '../../plugins/runtime/tool-runner.js';
export function direct(runner: ToolRunner) {
  return runner.run('echo', 'hi');
}
`,
      errors: [{ messageId: 'forbiddenCall', line: 4 }],
    },
    {
      name: 'rule options override the config file: with errors.ts a layer of its own, the api may not skip to it',
      filename: route,
      options: [
        {
          layers: [
            { name: 'api', files: ['**/src/api/**'] },
            { name: 'services', files: ['**/src/services/**'] },
            { name: 'errors', files: ['**/src/errors.ts'] },
          ],
          shared: [],
        },
      ],
      code: `
import { toErrorEnvelope } from '../../errors.js';
export const envelope = toErrorEnvelope(new Error('x'));
`,
      errors: [
        { messageId: 'forbiddenImport', line: 2 },
        { messageId: 'forbiddenCall', line: 3 },
      ],
    },
    {
      name: 'options that break the core config rules are reported once on the file, naming the JSON path',
      filename: route,
      options: [{ guards: [{ name: 'both', type: { name: 'Plugin', from: 'src/plugins/plugin.ts', package: 'x' }, members: ['run'] }] }],
      code: `export const answer = 42;\n`,
      errors: [{ messageId: 'invalidConfig', line: 1, column: 1 }],
    },
  ],
});
