import type { RuleModule } from '../types.js';

// TODO(core-helper): implement. Skeleton only.
export const noLayerBypass: RuleModule<'forbiddenImport' | 'forbiddenCall' | 'forbiddenConstruct'> = {
  id: 'no-layer-bypass',
  meta: {
    description: 'Each layer uses only itself and the layer directly below it (plus shared modules).',
    messages: {
      forbiddenImport: 'Layer "{{from}}" imports a value from layer "{{to}}"; it may use only "{{from}}"{{next}} and shared modules.',
      forbiddenCall: 'Layer "{{from}}" calls {{callee}} in layer "{{to}}"; it may call only "{{from}}"{{next}} and shared modules.',
      forbiddenConstruct: 'Layer "{{from}}" constructs {{callee}} from layer "{{to}}"; it may use only "{{from}}"{{next}} and shared modules.',
    },
  },
  *check() {},
};
