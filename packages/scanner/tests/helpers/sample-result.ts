import { summarize, type ReportedFinding, type ScanResult } from '../../src/result.js';

/** A finding with sensible defaults for reporter tests. */
export function finding(overrides: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    ruleId: 'no-direct-plugin-run',
    messageId: 'directUse',
    data: { member: 'run' },
    message: '"run" of Plugin is used outside its sanctioned files.',
    severity: 'error',
    file: 'src/services/a.ts',
    absolutePath: '/repo/src/services/a.ts',
    line: 3,
    column: 10,
    endLine: 3,
    endColumn: 20,
    fingerprint: 'abc123',
    ...overrides,
  };
}

/** A result holding `findings`, with the summary computed as scan() does. */
export function resultWith(findings: ReportedFinding[], filesScanned = 12): ScanResult {
  return {
    schemaVersion: 1,
    version: '0.1.0',
    cwd: '/repo',
    configFile: null,
    projects: [{ path: 'tsconfig.json', absolutePath: '/repo/tsconfig.json', filesScanned }],
    filesScanned,
    findings,
    summary: summarize(findings),
  };
}
