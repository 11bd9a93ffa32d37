import type { RuleId } from '../rule-ids.js';
import type { RuleModule } from '../types.js';
import { noDirectPluginRun } from './no-direct-plugin-run.js';
import { noLayerBypass } from './no-layer-bypass.js';
import { toolRunnerInvariants } from './tool-runner-invariants.js';
import { validLifecycleStates } from './valid-lifecycle-states.js';

/** Every core rule keyed by id: the CLI and the ESLint plugin both read this table. */
export const rules: Readonly<Record<RuleId, RuleModule>> = {
  'no-direct-plugin-run': noDirectPluginRun,
  'no-layer-bypass': noLayerBypass,
  'tool-runner-invariants': toolRunnerInvariants,
  'valid-lifecycle-states': validLifecycleStates,
};
