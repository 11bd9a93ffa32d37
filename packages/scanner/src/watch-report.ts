import type { ReportedFinding } from './result.js';

/** Findings by file, as of one report. */
export type FindingsByFile = ReadonlyMap<string, readonly ReportedFinding[]>;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A finding's identity between reports: what was found, and where it is now. */
function identity(finding: ReportedFinding): string {
  return `${finding.fingerprint}\0${finding.line}\0${finding.column}\0${finding.message}`;
}

function line(mark: '+' | '-', finding: ReportedFinding): string {
  const suffix = finding.severity === 'warn' ? ' (warning)' : '';
  return `${mark} ${finding.file}:${finding.line}:${finding.column}  ${finding.ruleId}  ${finding.message}${suffix}`;
}

/**
 * What changed between two reports of `--watch`: `+` for each new finding, `-` for each one gone
 * (fixed, or moved: it then comes back with `+` at its new place), then one summary line of the
 * whole current state. Pure: the watcher writes it.
 */
export function renderWatchReport(
  previous: FindingsByFile,
  current: FindingsByFile,
  detail: { analysed: number; milliseconds: number; baselined?: number },
): { output: string; added: number; removed: number } {
  const lines: string[] = [];
  let added = 0;
  let removed = 0;
  const files = [...new Set([...previous.keys(), ...current.keys()])].sort();
  for (const file of files) {
    const before = new Set((previous.get(file) ?? []).map(identity));
    const after = new Set((current.get(file) ?? []).map(identity));
    for (const finding of previous.get(file) ?? []) {
      if (!after.has(identity(finding))) {
        lines.push(line('-', finding));
        removed += 1;
      }
    }
    for (const finding of current.get(file) ?? []) {
      if (!before.has(identity(finding))) {
        lines.push(line('+', finding));
        added += 1;
      }
    }
  }
  const all = [...current.values()].flat();
  const errors = all.filter((f) => f.severity === 'error').length;
  const withProblems = [...current.values()].filter((list) => list.length > 0).length;
  lines.push(
    `[watch] ${plural(all.length, 'problem')} (${plural(errors, 'error')}, ${plural(all.length - errors, 'warning')}) in ${plural(withProblems, 'file')}; ` +
      `+${added} new, -${removed} gone; ${plural(detail.analysed, 'file')} re-analysed in ${detail.milliseconds} ms` +
      (detail.baselined ? `; ${detail.baselined} known to the baseline, not shown` : ''),
  );
  return { output: `${lines.join('\n')}\n`, added, removed };
}
