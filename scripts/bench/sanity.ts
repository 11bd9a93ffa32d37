import * as path from 'node:path';
import type { PlantedViolation } from './generate.js';

/** A finding reduced to what is compared: rule, file (project-relative) and line. */
export interface LocatedFinding {
  ruleId: string;
  file: string;
  line: number;
}

export interface Comparison {
  expected: number;
  found: number;
  missing: string[];
  unexpected: string[];
}

const key = (f: LocatedFinding): string => `${f.ruleId} ${f.file}:${f.line}`;

/** Multiset difference both ways: exactly the planted findings, no more, no fewer. */
export function compareFindings(expected: readonly PlantedViolation[], found: readonly LocatedFinding[]): Comparison {
  const remaining = new Map<string, number>();
  for (const f of expected) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  const unexpected: string[] = [];
  for (const f of found) {
    const left = remaining.get(key(f)) ?? 0;
    if (left > 0) remaining.set(key(f), left - 1);
    else unexpected.push(key(f));
  }
  const missing = [...remaining].flatMap(([k, n]) => Array.from({ length: n }, () => k));
  return { expected: expected.length, found: found.length, missing, unexpected };
}

/** One line for the report: "6/6 exact" or what is missing and what is extra. */
export function describeComparison(c: Comparison): string {
  if (c.missing.length === 0 && c.unexpected.length === 0) return `exact: ${c.found} found = ${c.expected} planted`;
  const list = (items: string[]) => items.slice(0, 5).join('; ') + (items.length > 5 ? `; … ${items.length - 5} more` : '');
  return [
    `expected ${c.expected}, found ${c.found}`,
    c.missing.length > 0 && `missing ${c.missing.length} (${list(c.missing)})`,
    c.unexpected.length > 0 && `unexpected ${c.unexpected.length} (${list(c.unexpected)})`,
  ]
    .filter(Boolean)
    .join('; ');
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
export function eslintFindings(stdout: string, projectDir: string): { findings: LocatedFinding[]; fatal: string[] } {
  const results = JSON.parse(stdout) as EslintFileResult[];
  const findings: LocatedFinding[] = [];
  const fatal: string[] = [];
  for (const result of results) {
    const file = path.relative(projectDir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal || message.ruleId === null) fatal.push(`${file}:${message.line} ${message.message}`);
      else findings.push({ ruleId: message.ruleId.slice(message.ruleId.lastIndexOf('/') + 1), file, line: message.line });
    }
  }
  return { findings, fatal };
}

/** The scanner's `--format json` result as located findings (paths are relative to its cwd). */
export function scannerFindings(stdout: string): LocatedFinding[] {
  const result = JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> };
  return result.findings.map(({ ruleId, file, line }) => ({ ruleId, file, line }));
}
