import type { ReportedFinding } from '../result.js';
import { escapeControl } from './escape.js';
import { text } from './text.js';
import type { Reporter } from './types.js';

// Workflow commands: data escapes %, CR and LF; property values also escape : and ,. Any other
// control character is shown escaped, so nothing in a finding can start a command of its own.
const escapeData = (value: string): string => escapeControl(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (value: string): string => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(finding: ReportedFinding): string {
  const command = finding.severity === 'warn' ? 'warning' : 'error';
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `endLine=${finding.endLine}`,
    `endColumn=${finding.endColumn}`,
    `title=${escapeProperty(finding.ruleId)}`,
  ].join(',');
  return `::${command} ${properties}::${escapeData(finding.message)}`;
}

/**
 * GitHub Actions annotations (one `::error`/`::warning` workflow command per finding, shown on the
 * pull request's diff), followed by the text report for the log.
 */
export const github: Reporter = (result, options) => {
  const report = text(result, options);
  const annotations = result.findings.map(annotation);
  return { output: annotations.length > 0 ? `${annotations.join('\n')}\n${report.output}` : report.output, exitCode: report.exitCode };
};
