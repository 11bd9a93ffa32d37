import * as path from 'node:path';
import { compareToExpected, lineKey, type LineFinding } from '../parity/compare.js';

/**
 * One line for the report: "exact: 7 found = 7 planted", or what is missing and what is extra.
 * The comparison itself is parity's (scripts/parity/compare.ts), by (file, line, rule).
 */
export function describeComparison(planted: readonly LineFinding[], found: readonly LineFinding[]): { ok: boolean; summary: string } {
  const { missing, unexpected } = compareToExpected(planted, found);
  if (missing.length === 0 && unexpected.length === 0) return { ok: true, summary: `exact: ${found.length} found = ${planted.length} planted` };
  const list = (items: LineFinding[]) => items.slice(0, 5).map(lineKey).join('; ') + (items.length > 5 ? `; … ${items.length - 5} more` : '');
  const summary = [
    `expected ${planted.length}, found ${found.length}`,
    missing.length > 0 && `missing ${missing.length} (${list(missing)})`,
    unexpected.length > 0 && `unexpected ${unexpected.length} (${list(unexpected)})`,
  ]
    .filter(Boolean)
    .join('; ');
  return { ok: false, summary };
}

interface EslintMessage {
  ruleId: string | null;
  line: number;
  message: string;
  fatal?: boolean;
}

interface EslintFileResult {
  filePath: string;
  messages: EslintMessage[];
}

/** ESLint `--format json` output as located findings; the plugin namespace is stripped from rule ids. */
export function eslintFindings(stdout: string, projectDir: string): { findings: LineFinding[]; fatal: string[] } {
  const results = JSON.parse(stdout) as EslintFileResult[];
  const findings: LineFinding[] = [];
  const fatal: string[] = [];
  for (const result of results) {
    const file = path.relative(projectDir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal || message.ruleId === null) fatal.push(`${file}:${message.line} ${message.message}`);
      else findings.push({ rule: message.ruleId.slice(message.ruleId.lastIndexOf('/') + 1), file, line: message.line });
    }
  }
  return { findings, fatal };
}
