import type { RuleModule } from '../types.js';

// TODO(core-helper): implement. Skeleton only; the check below is replaced by the real rule.
export const noDirectPluginRun: RuleModule<'directUse' | 'escapingReference' | 'forbiddenWrite' | 'untypedReceiver'> = {
  id: 'no-direct-plugin-run',
  meta: {
    description: 'Guarded members (such as Plugin.run) are used only in their sanctioned files.',
    messages: {
      directUse: '"{{member}}" of {{type}} (guard "{{guard}}") is used outside its sanctioned files. Go through {{allowIn}}.',
      escapingReference: 'A reference to "{{member}}" of {{type}} (guard "{{guard}}") escapes here. Go through {{allowIn}}.',
      forbiddenWrite: '"{{member}}" of {{type}} (guard "{{guard}}") is mutated outside {{allowIn}}. Read it; only the sanctioned files change it.',
      untypedReceiver: '"{{member}}" is read from a value typed `any`; it may be a guarded {{type}}. Give the value a type.',
    },
  },
  *check() {},
};
