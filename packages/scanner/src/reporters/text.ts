import type { ReportedFinding, ScanResult } from '../result.js';
import { exitCodeOf, type Reporter } from './types.js';

/** The line CI looks for when nothing was found. */
export const CLEAN_LINE = 'Execution scanner OK';

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

function findingLine(finding: ReportedFinding): string {
  const where = `${finding.file}:${finding.line}:${finding.column}`;
  // Warnings keep the same columns so `file:line:col  rule-id` stays greppable.
  const suffix = finding.severity === 'warn' ? ' (warning)' : '';
  return `${where}  ${finding.ruleId}  ${finding.message}${suffix}`;
}

function scannedLine(result: ScanResult): string {
  return `${plural(result.filesScanned, 'file')} scanned in ${plural(result.projects.length, 'project')}`;
}

function baselineLines(result: ScanResult): string[] {
  if (!result.baseline) return [];
  const { file, known, stale } = result.baseline;
  const lines = [`${plural(known, 'known finding')} hidden by the baseline ${file.path}`];
  if (stale > 0) lines.push(`${plural(stale, 'baseline entry', 'baseline entries')} no longer found (fixed, or the code changed): refresh it with --update-baseline`);
  return lines;
}

/** `file:line:col  rule-id  message` per finding and a summary, or `Execution scanner OK`. */
export const text: Reporter = (result) => {
  if (result.findings.length === 0) {
    return { output: `${[CLEAN_LINE, scannedLine(result), ...baselineLines(result)].join('\n')}\n`, exitCode: 0 };
  }
  const { problems, errors, warnings, filesWithProblems } = result.summary;
  const lines = result.findings.map(findingLine);
  lines.push(
    '',
    `${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(filesWithProblems, 'file')}; ${scannedLine(result)}`,
    ...baselineLines(result),
  );
  return { output: `${lines.join('\n')}\n`, exitCode: exitCodeOf(result) };
};
