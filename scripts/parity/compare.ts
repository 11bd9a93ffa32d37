/** A finding as parity compares it: which rule and message, and its exact range. */
export interface ParityFinding {
  rule: string;
  messageId: string;
  /** Relative to the fixture project, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What one front end reported that the other did not. */
export interface ParityDiff {
  onlyCli: ParityFinding[];
  onlyEslint: ParityFinding[];
  /** Findings both reported. */
  matched: number;
}

/** `file:line:column-endLine:endColumn rule/messageId`: the identity of a finding for parity. */
export function parityKey(finding: ParityFinding): string {
  return `${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.rule}/${finding.messageId}`;
}

/** Findings of `rules` grouped by key: a multiset, so a finding reported twice on one side shows. */
function byKey(findings: readonly ParityFinding[], rules: ReadonlySet<string>): Map<string, ParityFinding[]> {
  const groups = new Map<string, ParityFinding[]>();
  for (const finding of findings) {
    if (!rules.has(finding.rule)) continue;
    const key = parityKey(finding);
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return groups;
}

/**
 * Compares the CLI's and ESLint's findings as multisets, restricted to `rules` (analysis diagnostics
 * such as `syntax-error` have no ESLint rule to report them, so they are not compared).
 */
export function compareFindings(cli: readonly ParityFinding[], eslint: readonly ParityFinding[], rules: readonly string[]): ParityDiff {
  const ruleSet = new Set(rules);
  const left = byKey(cli, ruleSet);
  const right = byKey(eslint, ruleSet);
  const surplus = (map: Map<string, ParityFinding[]>, other: Map<string, ParityFinding[]>) =>
    [...map.keys()].sort().flatMap((key) => map.get(key)!.slice(other.get(key)?.length ?? 0));
  const matched = [...left].reduce((sum, [key, group]) => sum + Math.min(group.length, right.get(key)?.length ?? 0), 0);
  return { onlyCli: surplus(left, right), onlyEslint: surplus(right, left), matched };
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
