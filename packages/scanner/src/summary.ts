import type { ReportedFinding, ScanResult } from './result.js';

// Apart from result.ts (which builds the zod schemas), so a scan that only prints a result never loads zod.

/** Version of the ScanResult shape; bumped on any incompatible change. */
export const RESULT_SCHEMA_VERSION = 1;

/** The summary counts of a list of findings. */
export function summarize(findings: readonly ReportedFinding[]): ScanResult['summary'] {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    problems: findings.length,
    errors,
    warnings: findings.length - errors,
    filesWithProblems: new Set(findings.map((f) => f.file)).size,
  };
}
