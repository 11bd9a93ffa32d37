import * as path from 'node:path';
import type { Baseline } from '@execgov/core';
import { core } from './core-module.js';
import { UnreadableFileError } from './errors.js';
import type { ScanResult } from './result.js';
import { summarize } from './summary.js';

export type { Baseline };

/** Reads and validates a baseline file (the format and the matching live in the core, shared with ESLint); a missing or malformed one stops the scan (exit 2). */
export function readBaseline(file: string, shown = file): Baseline {
  try {
    return core().readBaselineFile(file, core().createNodeHost(), shown);
  } catch (error) {
    if (error instanceof core().BaselineError) throw new UnreadableFileError(error.message, error.hint);
    throw error;
  }
}

/** The baseline that accepts every finding of `result`, as the file's text (stable order). */
export function renderBaseline(result: ScanResult): string {
  const baseline: Baseline = {
    schemaVersion: 1,
    findings: result.findings.map(({ fingerprint, ruleId, file, message }) => ({ fingerprint, ruleId, file, message })),
  };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** `result` without the findings the baseline knows, with counts of known and stale entries. */
export function applyBaseline(result: ScanResult, baseline: Baseline, file: string): ScanResult {
  const { kept, known, stale } = core().matchBaseline(result.findings, baseline);
  return {
    ...result,
    findings: kept,
    summary: summarize(kept),
    baseline: {
      file: { path: path.relative(result.cwd, file).replace(/\\/g, '/'), absolutePath: file.replace(/\\/g, '/') },
      known,
      stale,
    },
  };
}
