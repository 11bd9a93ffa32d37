import type { ReportedFinding, ScanResult } from '../result.js';
import { escapeControl } from './escape.js';
import { exitCodeOf, type Reporter } from './types.js';

/** The line CI looks for when nothing was found. */
export const CLEAN_LINE = 'Execution scanner OK';

type Paint = (code: string, text: string) => string;

const paintWith = (color: boolean): Paint => (color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text);

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

function groupByFile(findings: readonly ReportedFinding[]): Map<string, ReportedFinding[]> {
  const groups = new Map<string, ReportedFinding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

/** One file's block: its path, then `line:col  severity  message  rule-id` aligned in columns. */
function fileBlock(file: string, findings: readonly ReportedFinding[], paint: Paint): string[] {
  const rows = findings.map((f) => ({
    where: `${f.line}:${f.column}`,
    severity: f.severity === 'warn' ? 'warning' : 'error',
    message: escapeControl(f.message),
    ruleId: escapeControl(f.ruleId),
  }));
  const whereWidth = Math.max(...rows.map((row) => row.where.length));
  const messageWidth = Math.max(...rows.map((row) => row.message.length));
  return [
    paint('4', escapeControl(file)),
    ...rows.map((row) => {
      const severity = paint(row.severity === 'error' ? '31' : '33', row.severity.padEnd(7));
      return `  ${paint('2', row.where.padEnd(whereWidth))}  ${severity}  ${row.message.padEnd(messageWidth)}  ${paint('2', row.ruleId)}`;
    }),
  ];
}

function scannedLine(result: ScanResult): string {
  return `${plural(result.filesScanned, 'file')} scanned in ${plural(result.projects.length, 'project')}`;
}

function baselineLines(result: ScanResult): string[] {
  if (!result.baseline) return [];
  const { file, known, stale, files } = result.baseline;
  if (files === undefined) {
    const lines = [`${plural(known, 'known finding')} hidden by the baseline ${escapeControl(file.path)}`];
    if (stale > 0)
      lines.push(`${plural(stale, 'baseline entry', 'baseline entries')} no longer found (fixed, or the code changed): refresh it with --update-baseline`);
    return lines;
  }
  return files.map((entry) => {
    const gone =
      entry.stale > 0 ? `; ${plural(entry.stale, 'entry', 'entries')} no longer found (fixed, or the code changed): refresh it with --update-baseline` : '';
    return `${plural(entry.known, 'known finding')} hidden by the baseline ${escapeControl(entry.path)}${gone}`;
  });
}

/**
 * ESLint-stylish text: findings grouped under their file, one aligned row each, then a summary
 * line; `Execution scanner OK` when there is nothing. Every file name and message is escaped, so
 * no finding can print a line of its own.
 */
export const text: Reporter = (result, options = {}) => {
  if (result.findings.length === 0) {
    return { output: `${[CLEAN_LINE, scannedLine(result), ...baselineLines(result)].join('\n')}\n`, exitCode: 0 };
  }
  const paint = paintWith(options.color === true);
  const { problems, errors, warnings, filesWithProblems } = result.summary;
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(result.findings)) lines.push(...fileBlock(file, findings, paint), '');
  const summary = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(filesWithProblems, 'file')}`;
  lines.push(`${paint(errors > 0 ? '1;31' : '1;33', summary)}; ${scannedLine(result)}`, ...baselineLines(result));
  return { output: `${lines.join('\n')}\n`, exitCode: exitCodeOf(result) };
};
