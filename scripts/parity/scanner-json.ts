import type { ParityFinding } from './compare.js';

/** Findings from the scanner's `--format json` output (see packages/scanner result.schema.json). */
export function cliFindingsFromJson(json: string): ParityFinding[] {
  const result = JSON.parse(json) as { findings: Array<Omit<ParityFinding, 'rule'> & { ruleId: string }> };
  return result.findings.map(({ ruleId, messageId, file, line, column, endLine, endColumn }) => ({
    rule: ruleId,
    messageId,
    file,
    line,
    column,
    endLine,
    endColumn,
  }));
}
