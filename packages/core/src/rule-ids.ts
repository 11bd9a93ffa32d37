/** Every core rule id, in documentation order. Both front ends and the docs derive from this. */
// One id per line, so scripts/new-rule.ts can add one.
// prettier-ignore
export const RULE_IDS = [
  'no-direct-plugin-run',
  'no-layer-bypass',
  'tool-runner-invariants',
  'valid-lifecycle-states',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

/** Where the rule docs live; ESLint's `meta.docs.url`, editor links and SARIF's `helpUri` point here. */
export const RULE_DOCS_BASE_URL = 'https://github.com/execgov/execution-governance/blob/main/packages/eslint-plugin/docs/rules/';

/** The documentation page of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}
