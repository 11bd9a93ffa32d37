import { validLifecycleStates } from '../../src/rules/valid-lifecycle-states.js';
import { createRuleTester, projectFile } from '../rule-tester.js';

const registry = projectFile('src/plugins/registry.ts');

/** The registry file with one extra function whose body writes a state. */
function registryWith(body: string): string {
  return `
import type { Plugin, PluginLifecycleState } from './plugin.js';
export interface PluginRecord {
  plugin: Plugin;
  state: PluginLifecycleState;
  metrics: { runs: number; failures: number };
}
export function update(record: PluginRecord): void {
${body}
}
`;
}

createRuleTester().run('valid-lifecycle-states', validLifecycleStates, {
  valid: [
    {
      name: 'an allowed state is written',
      filename: registry,
      code: registryWith(`  record.state = 'FAILED';`),
    },
    {
      name: 'SUCCESS written to something that is not a lifecycle state is fine',
      filename: registry,
      code: registryWith(`  const outcome: string = 'SUCCESS';\n  void outcome;`),
    },
    {
      name: 'options replace the allowed states (here: FAILED is allowed)',
      filename: registry,
      options: [{ lifecycle: { type: { name: 'PluginLifecycleState', from: '**/src/plugins/plugin.ts' }, states: ['RUNNING', 'FAILED'] } }],
      code: registryWith(`  record.state = 'FAILED' as PluginLifecycleState;`),
    },
  ],
  invalid: [
    {
      name: 'a job outcome written as a state behind a cast',
      filename: registry,
      code: registryWith(`  record.state = 'SUCCESS' as PluginLifecycleState;`),
      errors: [{ messageId: 'forbiddenState', line: 9 }],
    },
    {
      name: 'ERROR in an object literal typed as a record, behind a double cast',
      filename: registry,
      code: registryWith(`  Object.assign(record, { state: 'ERROR' as unknown as PluginLifecycleState });`),
      errors: [{ messageId: 'forbiddenState', line: 9 }],
    },
    {
      // A state the type does not declare cannot be listed: that is a config error (configMismatch).
      name: 'options replace the allowed states (here: LOADED is no longer allowed)',
      filename: registry,
      options: [{ lifecycle: { type: { name: 'PluginLifecycleState', from: '**/src/plugins/plugin.ts' }, states: ['RUNNING', 'FAILED'] } }],
      code: registryWith(`  record.state = 'LOADED';`),
      errors: [{ messageId: 'unknownState', line: 9 }],
    },
    {
      name: 'a state that is neither allowed nor forbidden is unknown',
      filename: registry,
      code: registryWith(`  record.state = 'PAUSED' as PluginLifecycleState;`),
      errors: [{ messageId: 'unknownState', line: 9 }],
    },
  ],
});
