import { DIAGNOSTIC_MESSAGES, SUPPRESSION_MESSAGES, getConfigJsonSchema, rules, type ConfigInput, type RuleId } from '@execgov/core';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** The one rule option: an `execution-governance.config.json` object overriding the file's keys. */
export type AdapterOptions = readonly [ConfigInput];

/** Messages the ESLint front end adds: a config problem is a front-end concern, not a rule's. */
export const ADAPTER_MESSAGES = {
  invalidConfig: 'Invalid execution-governance config ({{source}}): {{issues}}. Fix it; execution-governance rules did not run on this file.',
  configMismatch:
    'The execution-governance config ({{source}}) names what this program does not have: {{issues}}. Fix it (or set "configChecks": "warn"); execution-governance rules did not run on this file.',
  configMismatchWarning:
    'The execution-governance config ({{source}}) names what this program does not have: {{issues}}. The rules ran, but these entries check nothing.',
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
      ...ADAPTER_MESSAGES,
    },
    schema: [optionSchema()],
    defaultOptions: [{}] as AdapterOptions,
  };
}
