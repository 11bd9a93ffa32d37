/** A finding as parity compares it: which rule, where. Messages and severities may differ. */
export interface ParityFinding {
  rule: string;
  /** Relative to the fixture project, forward slashes. */
  file: string;
  line: number;
  column: number;
}

/** What one front end reported that the other did not. */
export interface ParityDiff {
  onlyCli: ParityFinding[];
  onlyEslint: ParityFinding[];
  /** Findings both reported. */
  matched: number;
}

/** `file:line:column rule`: the identity of a finding for parity. */
export function parityKey(finding: ParityFinding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`;
}

function byKey(findings: readonly ParityFinding[], rules: ReadonlySet<string>): Map<string, ParityFinding> {
  return new Map(findings.filter((finding) => rules.has(finding.rule)).map((finding) => [parityKey(finding), finding]));
}

/**
 * Compares the CLI's and ESLint's findings as sets, restricted to `rules` (analysis diagnostics
 * such as `syntax-error` have no ESLint rule to report them, so they are not compared).
 */
export function compareFindings(cli: readonly ParityFinding[], eslint: readonly ParityFinding[], rules: readonly string[]): ParityDiff {
  const ruleSet = new Set(rules);
  const left = byKey(cli, ruleSet);
  const right = byKey(eslint, ruleSet);
  const sorted = (map: Map<string, ParityFinding>, other: Map<string, ParityFinding>) =>
    [...map.keys()].filter((key) => !other.has(key)).sort().map((key) => map.get(key)!);
  return {
    onlyCli: sorted(left, right),
    onlyEslint: sorted(right, left),
    matched: [...left.keys()].filter((key) => right.has(key)).length,
  };
}

/** True when both front ends agree. */
export function isParity(diff: ParityDiff): boolean {
  return diff.onlyCli.length === 0 && diff.onlyEslint.length === 0;
}

/** Lines describing a difference, one per finding, for a person to read. */
export function describeDiff(fixture: string, diff: ParityDiff): string[] {
  return [
    ...diff.onlyCli.map((finding) => `${fixture}: only the CLI reports ${parityKey(finding)}`),
    ...diff.onlyEslint.map((finding) => `${fixture}: only ESLint reports ${parityKey(finding)}`),
  ];
}
