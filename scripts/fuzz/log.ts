import * as fs from 'node:fs';
import type { CaseResult, FuzzReport } from './run-fuzz.js';

/** One case's result as a log line: enough to rebuild the summary, not the whole output. */
export function toLogLine(result: CaseResult, seed: number): CaseResult & { seed: number } {
  const { outcome, dir: _dir, ...rest } = result;
  return {
    ...rest,
    seed,
    ...(outcome ? { outcome: { ...outcome, stdout: outcome.stdout.slice(0, 400), stderr: outcome.stderr.slice(0, 400) } } : {}),
  };
}

/**
 * The report of a run split over processes (`--first` ranges, which may overlap: a case run twice
 * counts once, as first logged), read back from their `--log` files.
 */
export function mergeLogs(files: readonly string[]): FuzzReport {
  const lines = files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  const byIndex = new Map<number, CaseResult & { seed: number }>();
  for (const line of lines) {
    const result = JSON.parse(line) as CaseResult & { seed: number };
    if (!byIndex.has(result.index)) byIndex.set(result.index, result);
  }
  const results = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const seeds = [...new Set(results.map((result) => result.seed))];
  if (seeds.length > 1) throw new Error(`logs of different seeds cannot be merged (${seeds.join(', ')})`);
  return { options: { seed: seeds[0] ?? 0, cases: results.length, jobs: 0 }, results, durationMs: 0 };
}
