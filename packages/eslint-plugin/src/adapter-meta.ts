import { DIAGNOSTIC_MESSAGES, SUPPRESSION_MESSAGES, getConfigJsonSchema, rules, type ConfigInput, type RuleId } from '@execgov/core';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** The one rule option: an `execution-governance.config.json` object overriding the file's keys. */
export type AdapterOptions = readonly [ConfigInput];

/** Messages the ESLint front end adds: config and parser setup are front-end concerns, not a rule's. */
export const ADAPTER_MESSAGES = {
  missingTypeInformation:
    'Parse this file with typescript-eslint\'s parser and `languageOptions.parserOptions.projectService: true` (with `tsconfigRootDir`), or leave it out of the rule\'s `files`: execution-governance rules need type information, and {{file}} was parsed without it, so they did not run on it.',
  invalidConfig: 'Invalid execution-governance config ({{source}}): {{issues}}. Fix it; execution-governance rules did not run on this file.',
} as const;

/**
 * The core's config JSON Schema as an ESLint option schema. ESLint validates options with a
 * draft-04 Ajv that rejects an unknown `$schema` and would see four rules registering one `$id`;
 * every keyword the schema uses is draft-04, so dropping those two changes nothing else.
 */
function optionSchema(): JSONSchema4 {
  const { $schema: _draft, $id: _id, ...schema } = getConfigJsonSchema();
  return schema as unknown as JSONSchema4;
}

/** ESLint `meta` of the adapter for `ruleId`: description and messages come from the core rule. */
export function adapterMeta(ruleId: RuleId) {
  const rule = rules[ruleId];
  return {
    type: 'problem' as const,
    docs: { description: rule.meta.description, requiresTypeChecking: true },
    messages: {
      ...(rule.meta.messages as Readonly<Record<string, string>>),
      ...SUPPRESSION_MESSAGES,
      ruleCrashed: DIAGNOSTIC_MESSAGES.ruleCrashed,
      tooDeeplyNested: DIAGNOSTIC_MESSAGES.tooDeeplyNested,
      ...ADAPTER_MESSAGES,
    },
    schema: [optionSchema()],
    defaultOptions: [{}] as AdapterOptions,
  };
}
