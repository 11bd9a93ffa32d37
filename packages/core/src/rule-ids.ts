/** Every core rule id, in documentation order. Both front ends and the docs derive from this. */
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
