/** A finding located to a line: what a `// expect: <rule-id>` marker names. */
export interface LineFinding {
  rule: string;
  /** Relative to the project, forward slashes. */
  file: string;
  line: number;
}

/** A finding as parity compares it: which rule and message, and its exact range. */
export interface ParityFinding extends LineFinding {
  messageId: string;
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

/** Two lists compared as multisets under a key: what only each side has, and how many both have. */
export interface MultisetDiff<T> {
  onlyLeft: T[];
  onlyRight: T[];
  matched: number;
}

/**
 * The one comparator: `left` and `right` as multisets of `key`, so a finding reported twice on
 * one side and once on the other is a difference. Surplus entries come out sorted by key.
 */
export function diffMultisets<T>(left: readonly T[], right: readonly T[], key: (item: T) => string): MultisetDiff<T> {
  const group = (items: readonly T[]) => {
    const groups = new Map<string, T[]>();
    for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    return groups;
  };
  const l = group(left);
  const r = group(right);
  const surplus = (map: Map<string, T[]>, other: Map<string, T[]>) => [...map.keys()].sort().flatMap((k) => map.get(k)!.slice(other.get(k)?.length ?? 0));
  const matched = [...l].reduce((sum, [k, items]) => sum + Math.min(items.length, r.get(k)?.length ?? 0), 0);
  return { onlyLeft: surplus(l, r), onlyRight: surplus(r, l), matched };
}

/**
 * Compares the CLI's and ESLint's findings as multisets, restricted to `rules` (analysis diagnostics
 * such as `syntax-error` have no ESLint rule to report them, so they are not compared).
 */
export function compareFindings(cli: readonly ParityFinding[], eslint: readonly ParityFinding[], rules: readonly string[]): ParityDiff {
  const ruleSet = new Set(rules);
  const compared = (findings: readonly ParityFinding[]) => findings.filter((finding) => ruleSet.has(finding.rule));
  const { onlyLeft, onlyRight, matched } = diffMultisets(compared(cli), compared(eslint), parityKey);
  return { onlyCli: onlyLeft, onlyEslint: onlyRight, matched };
}

/** `file:line rule`: the identity of a finding against a `// expect:` marker. */
export function lineKey(finding: LineFinding): string {
  return `${finding.file}:${finding.line} ${finding.rule}`;
}

/** What the markers ask for against what a tool reported, compared by (file, line, rule). */
export function compareToExpected(
  expected: readonly LineFinding[],
  actual: readonly LineFinding[],
): { missing: LineFinding[]; unexpected: LineFinding[]; matched: number } {
  const { onlyLeft, onlyRight, matched } = diffMultisets(expected, actual, lineKey);
  return { missing: onlyLeft, unexpected: onlyRight, matched };
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
