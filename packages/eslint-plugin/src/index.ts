import { readFileSync } from 'node:fs';
import { configDigest } from '@execgov/core';
import type { ESLint, Linter } from 'eslint';
import { invalidSuppression } from './rules/invalid-suppression.js';
import { noDirectPluginRun } from './rules/no-direct-plugin-run.js';
import { noLayerBypass } from './rules/no-layer-bypass.js';
import { toolRunnerInvariants } from './rules/tool-runner-invariants.js';
import { validLifecycleStates } from './rules/valid-lifecycle-states.js';

const { name, version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** The namespace rules are configured under: `execution-governance/<rule-id>`. */
export const NAMESPACE = 'execution-governance';

/** Every adapter keyed by its core rule id, plus `invalid-suppression` for the core's directive problems. */
export const rules = {
  'no-direct-plugin-run': noDirectPluginRun,
  'no-layer-bypass': noLayerBypass,
  'tool-runner-invariants': toolRunnerInvariants,
  'valid-lifecycle-states': validLifecycleStates,
  'invalid-suppression': invalidSuppression,
};

/** `configs.recommended`: a flat config object; spread it and set `files` to narrow it. */
export type RecommendedConfig = Linter.Config & { name: string; files: string[] };

export interface ExecutionGovernancePlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: { recommended: RecommendedConfig };
}

const plugin = {
  meta: { name, version, namespace: NAMESPACE },
  rules,
  configs: {},
} as ExecutionGovernancePlugin;

// Every rule needs type information, so the config targets TypeScript files only: a .js file in
// the same run must not fail for lack of a TypeScript program.
plugin.configs.recommended = {
  name: `${NAMESPACE}/recommended`,
  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
  // typescript-eslint types its rules' context more strictly than ESLint's Plugin type says;
  // at runtime they are ordinary ESLint rules.
  plugins: { [NAMESPACE]: plugin as unknown as ESLint.Plugin },
  rules: Object.fromEntries(Object.keys(rules).map((id) => [`${NAMESPACE}/${id}`, 'error'])),
  // ESLint's --cache keys each file's result on its config, settings included: the digest of every
  // execution-governance config and baseline the lint can meet (above the working directory, and
  // nested ones below it) makes an edit of any of them a cache miss. Computed once, at config load.
  settings: { [NAMESPACE]: { configDigest: configDigest(process.cwd()) } },
};

/** The flat-config plugin: `meta`, `rules`, and `configs.recommended`. */
export default plugin;
