/**
 * Messages shared by every rule (suppression bookkeeping) and by analysis diagnostics.
 * Rule-specific messages live in each rule's `meta.messages`.
 */
export const SUPPRESSION_MESSAGES = {
  unusedSuppression: 'This suppression comment silences no {{ruleId}} finding. Remove it (or the rule names it no longer needs).',
  suppressionMissingReason:
    'Suppressing {{ruleId}} needs a reason: end the comment with ` -- <why this is safe>`, e.g. `// eslint-disable-next-line execution-governance/<rule> -- <why>`.',
} as const;

export const DIAGNOSTIC_MESSAGES = {
  syntaxError: 'Syntax error: {{message}}. Fix the syntax; this file was not analysed.',
  unknownRule: 'Unknown rule "{{ruleId}}" in a suppression comment. Known rules: {{known}}.',
  tooDeeplyNested:
    'TypeScript ran out of stack on this file: it nests too deeply (thousands of nested parentheses, calls or operands). It was not analysed. Flatten or split the deepest expression, or exclude the file in the config.',
  ruleCrashed: 'Rule "{{ruleId}}" failed on this file ({{message}}). This is a bug in execution governance; please report it with this file.',
} as const;

/**
 * The one diagnostic with an ESLint rule of its own: suppression comments that name no rule, give
 * no reason, or silence nothing. Its own id, so no directive naming a rule can silence it.
 */
export const INVALID_SUPPRESSION = {
  id: 'invalid-suppression',
  description: "Suppression comments (ours and ESLint's, naming execution-governance rules) name known rules, give a reason after `--`, and silence a finding.",
} as const;

export type SuppressionMessageId = keyof typeof SUPPRESSION_MESSAGES;

/** Fills `{{name}}` placeholders, as ESLint does. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*([^{}\s]+?)\s*\}\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole));
}
