import type { RuleModule } from '../types.js';

// TODO(core-helper): implement. Skeleton only.
export const validLifecycleStates: RuleModule<string> = {
  id: 'valid-lifecycle-states',
  meta: {
    description: 'Writes of a plugin lifecycle state use allowed states only, even behind casts.',
    messages: {},
  },
  *check() {},
};
