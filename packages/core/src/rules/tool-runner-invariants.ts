import type { RuleModule } from '../types.js';

// TODO(core-helper): implement. Skeleton only.
export const toolRunnerInvariants: RuleModule<string> = {
  id: 'tool-runner-invariants',
  meta: {
    description: 'The runner method validates input before and output after the guarded call, wraps it in try/catch building the error envelope, and records metrics in finally.',
    messages: {},
  },
  *check() {},
};
