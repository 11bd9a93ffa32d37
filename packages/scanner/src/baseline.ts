import * as path from 'node:path';
import type { Baseline } from '@execgov/core';
import { core } from './core-module.js';
import { UnreadableFileError } from './errors.js';
import type { ReportedFinding, ScanResult } from './result.js';
import { summarize } from './summary.js';

export type { Baseline };

/** Reads and validates a baseline file (the format and the matching live in the core, shared with ESLint); a missing or malformed one stops the scan (exit 2). */
function readBaseline(file: string, shown = file): Baseline {
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

/** A file path as the result gives it: relative to `cwd` and absolute, forward slashes. */
function location(cwd: string, file: string): { path: string; absolutePath: string } {
  return { path: path.relative(cwd, file).replace(/\\/g, '/'), absolutePath: file.replace(/\\/g, '/') };
}

/** What the baselines applied to a set of findings left, and what each of them knew. */
export interface BaselineFiltering {
  kept: ReportedFinding[];
  /** Each baseline applied (absolute path), in path order, with its known and stale entry counts. */
  files: Array<{ file: string; known: number; stale: number }>;
  /** Entries known, over every baseline applied. */
  known: number;
}

/**
 * `findings` without those their baseline knows. `baselineOf` names the baseline that applies to a
 * finding's file (absolute), or none; `alsoApplied` are baselines applied even when no finding maps
 * to them (their entries all count as stale). `shown` names a baseline in errors. A missing or
 * malformed baseline throws (a known error).
 */
export function filterByBaselines(
  findings: readonly ReportedFinding[],
  baselineOf: (absolutePath: string) => string | undefined,
  { alsoApplied = [], shown }: { alsoApplied?: readonly string[]; shown: (file: string) => string },
): BaselineFiltering {
  const groups = new Map<string, ReportedFinding[]>(alsoApplied.map((file) => [file, []]));
  for (const finding of findings) {
    const file = baselineOf(finding.absolutePath);
    if (file === undefined) continue;
    const group = groups.get(file);
    if (group) group.push(finding);
    else groups.set(file, [finding]);
  }
  const hidden = new Set<ReportedFinding>();
  const files = [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, group]) => {
      const { kept, known, stale } = core().matchBaseline(group, readBaseline(file, shown(file)));
      const keptSet = new Set(kept);
      for (const finding of group) if (!keptSet.has(finding)) hidden.add(finding);
      return { file, known, stale };
    });
  return { kept: findings.filter((finding) => !hidden.has(finding)), files, known: files.reduce((sum, entry) => sum + entry.known, 0) };
}

/**
 * `result` without the findings their baseline knows, with counts of known and stale entries
 * ({@link filterByBaselines} says which baselines apply). Several baselines: `baseline.files` has each.
 */
export function applyBaselines(
  result: ScanResult,
  baselineOf: (absolutePath: string) => string | undefined,
  options: { alsoApplied?: readonly string[]; shown: (file: string) => string },
): ScanResult {
  const { kept, files: applied, known } = filterByBaselines(result.findings, baselineOf, options);
  if (applied.length === 0) return result;
  const files = applied.map(({ file, known, stale }) => ({ ...location(result.cwd, file), known, stale }));
  const [first] = files as [(typeof files)[number], ...typeof files];
  return {
    ...result,
    findings: kept,
    summary: summarize(kept),
    baseline: {
      file: { path: first.path, absolutePath: first.absolutePath },
      known,
      stale: files.reduce((sum, entry) => sum + entry.stale, 0),
      ...(files.length > 1 ? { files } : {}),
    },
  };
}

/** Findings whose file a plain scan (no --baseline) would match against another baseline than `target`, by file. */
export function governedElsewhere(result: ScanResult, target: string, baselineOf: (absolutePath: string) => string | undefined): Map<string, number> {
  const elsewhere = new Map<string, number>();
  for (const finding of result.findings) {
    const file = baselineOf(finding.absolutePath);
    if (file !== undefined && file !== target) elsewhere.set(file, (elsewhere.get(file) ?? 0) + 1);
  }
  return elsewhere;
}
