import * as path from 'node:path';
import { INVALID_SUPPRESSION, RULE_IDS } from '../../packages/core/dist/index.js';
import { compareFindings, describeDiff, isParity } from './compare.js';
import { listFixtureProjects } from '../expectations/markers.js';
import { runEslint, type FrontEndResult } from './front-ends.js';

/** The outcome of parity over every fixture project. */
export interface ParityReport {
  ok: boolean;
  fixtures: number;
  findings: number;
  /** One line per difference or front-end problem. */
  lines: string[];
}

/**
 * Runs both front ends over each fixture project and compares (rule, file, line, column) for the
 * core rules and the suppression diagnostics. `cli` is how the scanner runs: the built bin in `pnpm parity`, in-process in tests.
 */
export async function checkParity(cli: (fixtureDir: string) => FrontEndResult, fixtureDirs = listFixtureProjects()): Promise<ParityReport> {
  const lines: string[] = [];
  let findings = 0;
  for (const dir of fixtureDirs) {
    const name = path.basename(dir);
    const fromCli = cli(dir);
    const fromEslint = await runEslint(dir);
    lines.push(...fromCli.problems.map((problem) => `${name}: ${problem}`), ...fromEslint.problems.map((problem) => `${name}: ${problem}`));
    const diff = compareFindings(fromCli.findings, fromEslint.findings, [...RULE_IDS, INVALID_SUPPRESSION.id]);
    lines.push(...describeDiff(name, diff));
    findings += diff.matched;
  }
  return { ok: lines.length === 0, fixtures: fixtureDirs.length, findings, lines };
}
