import { DIAGNOSTIC_MESSAGES, INVALID_SUPPRESSION, SUPPRESSION_MESSAGES, getConfigJsonSchema, rules, type ConfigInput, type RuleId } from '@execgov/core';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** The one rule option: an `execution-governance.config.json` object overriding the file's keys. */
export type AdapterOptions = readonly [ConfigInput];

/** Messages the ESLint front end adds: config and parser setup are front-end concerns, not a rule's. */
export const ADAPTER_MESSAGES = {
  missingTypeInformation:
    "Parse this file with typescript-eslint's parser and `languageOptions.parserOptions.projectService: true` (with `tsconfigRootDir`), or leave it out of the rule's `files`: execution-governance rules need type information, and {{file}} was parsed without it, so they did not run on it.",
  invalidConfig: 'Invalid execution-governance config ({{source}}): {{issues}}. Fix it; execution-governance rules did not run on this file.',
  configMismatch:
    'The execution-governance config ({{source}}) names what this program does not have: {{issues}}. Fix it (or set "configChecks": "warn"); execution-governance rules did not run on this file.',
  invalidBaseline:
    '{{message}}. Findings are reported without the baseline; fix or regenerate it (scan-execution-violations --baseline <file> --update-baseline).',
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

/** The ids the plugin reports under: every core rule, plus the suppression diagnostics. */
export type AdapterId = RuleId | typeof INVALID_SUPPRESSION.id;

/** ESLint `meta` of the adapter for `id`: description and messages come from the core. */
export function adapterMeta(id: AdapterId) {
  const description = id === INVALID_SUPPRESSION.id ? INVALID_SUPPRESSION.description : rules[id].meta.description;
  const own: Readonly<Record<string, string>> =
    id === INVALID_SUPPRESSION.id ? { ...SUPPRESSION_MESSAGES, unknownRule: DIAGNOSTIC_MESSAGES.unknownRule } : rules[id].meta.messages;
  return {
    type: 'problem' as const,
    docs: { description, requiresTypeChecking: true },
    messages: {
      ...own,
      ruleCrashed: DIAGNOSTIC_MESSAGES.ruleCrashed,
      tooDeeplyNested: DIAGNOSTIC_MESSAGES.tooDeeplyNested,
      ...ADAPTER_MESSAGES,
    },
    schema: [optionSchema()],
    defaultOptions: [{}] as AdapterOptions,
  };
}
