/**
 * Messages shared by every rule (suppression bookkeeping) and by analysis diagnostics.
 * Rule-specific messages live in each rule's `meta.messages`.
 */
export const SUPPRESSION_MESSAGES = {
  unusedSuppression:
    'This execution-governance-disable-next-line comment suppresses no "{{ruleId}}" finding on the next line. Remove it.',
  suppressionMissingReason:
    'Suppressing "{{ruleId}}" needs a reason: write `// execution-governance-disable-next-line {{ruleId}} -- <why this is safe>`.',
} as const;

export const DIAGNOSTIC_MESSAGES = {
  syntaxError: 'Syntax error: {{message}}. Fix the syntax; this file was not analysed.',
  unknownRule:
    'Unknown rule "{{ruleId}}" in a suppression comment. Known rules: {{known}}.',
  tooDeeplyNested:
    'TypeScript ran out of stack on this file: it nests too deeply (thousands of nested parentheses, calls or operands). It was not analysed. Flatten or split the deepest expression, or exclude the file in the config.',
  ruleCrashed:
    'Rule "{{ruleId}}" failed on this file ({{message}}). This is a bug in execution governance; please report it with this file.',
} as const;

export type SuppressionMessageId = keyof typeof SUPPRESSION_MESSAGES;

/** Fills `{{name}}` placeholders, as ESLint does. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*([^{}\s]+?)\s*\}\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole,
  );
}
