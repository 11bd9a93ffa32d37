import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { categories } from './categories/index.js';
import { contractBreaks } from './contract.js';
import { mergeLogs, toLogLine } from './log.js';
import { loadCorpus } from './corpus.js';
import { caseLine, isBreak, summary } from './report.js';
import { generateCase, runFuzz } from './run-fuzz.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const SMOKE_SEED = 8;

describe('fuzz harness', () => {
  it('generates the same case from the same seed and index, whatever else runs', () => {
    const corpus = loadCorpus(REPO_ROOT);
    for (const index of [0, 7, 13, 42, 99]) {
      const a = generateCase(SMOKE_SEED, index, corpus);
      const b = generateCase(SMOKE_SEED, index, corpus);
      expect({ title: a.title, args: a.args, files: a.files }).toEqual({ title: b.title, args: b.args, files: b.files });
      expect(a.category).toBe(categories[index % categories.length]?.name);
    }
    // Another seed gives other cases (a title alone may coincide: two seeds can pick the same file to mutate).
    const caseOf = (seed: number, index: number) => JSON.stringify(generateCase(seed, index, corpus));
    expect([0, 1, 2, 3, 4].filter((index) => caseOf(SMOKE_SEED, index) !== caseOf(SMOKE_SEED + 1, index)).length).toBeGreaterThan(3);
  });

  it('the contract catches stack frames, error dumps, our bug banner, odd exit codes and timeouts', () => {
    const ok = { exitCode: 1, signal: null, stdout: 'src/a.ts:1:1  syntax-error  Syntax error: x.\n', stderr: '', durationMs: 10, timedOut: false };
    expect(contractBreaks(ok)).toEqual([]);
    expect(contractBreaks({ ...ok, stderr: 'TypeError: x\n    at f (a.js:1:1)\n' })).toHaveLength(2);
    expect(contractBreaks({ ...ok, stderr: 'error: failed unexpectedly; this is a bug' })).toHaveLength(1);
    expect(contractBreaks({ ...ok, exitCode: 134 })).toHaveLength(1);
    expect(contractBreaks({ ...ok, exitCode: null, signal: 'SIGKILL', timedOut: true })).toHaveLength(1);
    expect(contractBreaks({ ...ok, cpuMs: 61_000 })).toEqual(['used 61.0 s of CPU (limit 60 s)']);
  });

  it('a run split over processes (--first, --log) merges back into one report, each case once (--merge)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-logs-'));
    const outcome = { exitCode: 1, signal: null, stdout: 'x'.repeat(1000), stderr: '', durationMs: 1500, timedOut: false };
    const parts = [[0, 1], [2]].map((indices, part) => {
      const file = path.join(dir, `part-${part}.jsonl`);
      for (const index of indices)
        fs.appendFileSync(file, `${JSON.stringify(toLogLine({ index, category: 'garbage', title: `#${index}`, breaks: [], outcome }, 3))}\n`);
      return file;
    });
    const report = mergeLogs(parts);
    expect(report.results.map((result) => result.index)).toEqual([0, 1, 2]);
    expect(report.results[0]?.outcome?.stdout).toHaveLength(400);
    expect(summary(report)).toContain('| garbage | 3 | 0 | 3 | 0 | 0 | 0 | 0 | 1.5 | 1.5 |');
    expect(mergeLogs([...parts, parts[0]!]).results.map((result) => result.index)).toEqual([0, 1, 2]);
    fs.appendFileSync(parts[1]!, `${JSON.stringify(toLogLine({ index: 5, category: 'garbage', title: '#5', breaks: [], outcome }, 4))}\n`);
    expect(() => mergeLogs(parts)).toThrow(/different seeds/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The smoke of `pnpm fuzz`: 100 cases (every category), the built scanner as a child process.
  // About 75 s of CPU in all; the generous timeout is for a machine shared by many (each case's
  // 60 s CPU limit is the contract).
  it('100 seeded cases keep the contract: exit 0/1/2, no stack trace, under 60 s of CPU', { timeout: 1_800_000 }, async () => {
    const report = await runFuzz({ seed: SMOKE_SEED, cases: 100, jobs: Math.min(2, os.availableParallelism()) }, REPO_ROOT);
    const broken = report.results.filter(isBreak);
    expect(
      broken.map((result) => caseLine(result, SMOKE_SEED)),
      summary(report),
    ).toEqual([]);
    expect(new Set(report.results.map((result) => result.category))).toEqual(new Set(categories.map((category) => category.name)));
    expect(report.results.filter((result) => result.outcome)).not.toHaveLength(0);
  });
});
