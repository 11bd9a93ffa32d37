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

/** The report of a run split over processes (`--first` ranges), read back from their `--log` files. */
export function mergeLogs(files: readonly string[]): FuzzReport {
  const lines = files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  const results = lines.map((line) => JSON.parse(line) as CaseResult & { seed: number });
  const seeds = [...new Set(results.map((result) => result.seed))];
  const indices = new Set(results.map((result) => result.index));
  if (seeds.length !== 1 || indices.size !== results.length) throw new Error(`logs must hold one seed and each case once (seeds ${seeds.join(', ')})`);
  results.sort((a, b) => a.index - b.index);
  const wall = 0;
  return { options: { seed: seeds[0] ?? 0, cases: results.length, jobs: 0 }, results, durationMs: wall };
}
