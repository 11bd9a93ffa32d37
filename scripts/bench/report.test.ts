import { describe, expect, it } from 'vitest';
import type { GeneratedProject } from './generate.js';
import type { ReferenceRevision } from './reference.js';
import { missedTargets, renderMarkdown, resultsTable, targets, targetsTable, toolsToProfile, type BenchRun, type ToolResult } from './report.js';
import type { Tool, ToolId } from './tools.js';

const project: GeneratedProject = {
  dir: '/repo/.bench/project-100',
  files: 100,
  composition: { clones: 4, plugins: 8, pipelines: 4, domains: 3, moduleFiles: 60, lines: 5000 },
  planted: [{ rule: 'no-direct-plugin-run', file: 'src/a.ts', line: 3 }],
  plantedByRule: { 'no-direct-plugin-run': 1 },
};

const REFERENCE: ReferenceRevision = { rev: 'v1.2', sha: '694ffaf0123456789abcdef0123456789abcdef0', short: '694ffaf', subject: 'Runtime: prettier' };

function tool(id: ToolId, label: string): Tool {
  return {
    id,
    label,
    display: `node ${id}`,
    command: { args: [id], cwd: project.dir },
    unavailable: undefined,
    okExits: [0, 1],
    check: () => ({ ok: true, summary: '' }),
  };
}

/** A tool's figures over three repetitions; `undefined` where that repetition failed. */
function result(id: ToolId, walls: Array<number | undefined>, rss: Array<number | undefined> = walls.map(() => 100), failure?: string): ToolResult {
  return { tool: tool(id, `(${id})`), walls, rss, failure, check: { ok: true, summary: `checked ${id}` } };
}

function benchRun(results: ToolResult[], reference?: ReferenceRevision): BenchRun {
  return {
    project,
    runs: 3,
    timer: 'gnu-time',
    machine: { cpus: 2, cpuModel: 'test cpu', memory: 'Mem: 8', node: 'v20.20.0', commit: 'abc1234', dirtyPackages: false, date: '2026-01-01T00:00:00Z' },
    loadBefore: '1.00 / 1.00 / 1.00',
    loadAfter: '1.00 / 1.00 / 1.00',
    totalSeconds: 60,
    results,
    profiles: [],
    ...(reference && { reference }),
  };
}

const thisTree = [
  result('tsc', [10, 10, 10], [400, 400, 400]),
  result('scanner', [3, 3, 3], [200, 200, 200]),
  result('eslint-typed', [10, 10, 10]),
  result('eslint-governance', [11, 11, 11]),
];
const ROW = 'Scanner wall time vs the scanner at 694ffaf (issue 10: no regression)';

describe('the regression target against a reference scanner', () => {
  it('is absent, with no (b′) row, method bullet or RSS line, when no reference was given', () => {
    const run = benchRun(thisTree);
    expect(targets(run).map((t) => t.name)).not.toContain(ROW);
    expect(targetsTable(run)).not.toMatch(/issue 10/);
    const doc = renderMarkdown(run);
    expect(doc).not.toMatch(/\*\*Reference\*\*/);
    expect(doc).not.toMatch(/b′/);
  });

  it('is the median of per-run ratios (b)/(b′), and misses above 1.10×', () => {
    // Per-run ratios 1.20, 1.10, 1.50: median 1.20; the ratio of the median walls (3.0 / 2.0) would say 1.50.
    const scanner = result('scanner', [3.6, 2.2, 3]);
    const run = benchRun([...thisTree.filter((r) => r.tool.id !== 'scanner'), scanner, result('scanner-reference', [3, 2, 2])], REFERENCE);
    const row = targets(run).find((t) => t.name === ROW);
    expect(row).toMatchObject({ subject: 'scanner', goal: '≤ 1.10×', measured: '1.20× (runs: 1.20, 1.10, 1.50)', verdict: 'MISS' });
    expect(targetsTable(run)).toContain(`| ${ROW} | ≤ 1.10× | 1.20× (runs: 1.20, 1.10, 1.50) | MISS |`);
    // The miss is the scanner's: it is profiled, the reference never is.
    expect(missedTargets(run)).toEqual(['scanner']);
    expect(toolsToProfile(run)).toEqual(['scanner', 'eslint-governance']);
  });

  it('passes at or under 1.10×, and skips repetitions where either scanner failed', () => {
    const run = benchRun(
      [result('tsc', [10, 10, 10]), result('scanner', [3, 3, 2.2]), result('scanner-reference', [3, undefined, 2], undefined, 'exit 2: boom')],
      REFERENCE,
    );
    expect(targets(run).find((t) => t.name === ROW)).toMatchObject({ measured: '1.05× (runs: 1.00, –, 1.10)', verdict: 'PASS' });
    // The ESLint tools are not in this run at all: their target is unmeasured, not a crash.
    expect(targets(run).at(-1)).toMatchObject({ verdict: 'not measured', measured: 'not in this run: eslint-governance' });
  });

  it('is "not measured", saying why, when the reference scanner never ran', () => {
    const run = benchRun(
      [...thisTree, result('scanner-reference', [undefined, undefined, undefined], undefined, 'exit 2: unknown option --format')],
      REFERENCE,
    );
    expect(targets(run).find((t) => t.name === ROW)).toMatchObject({ verdict: 'not measured', measured: 'failed: exit 2: unknown option --format' });
    expect(toolsToProfile(run)).toEqual(['scanner', 'eslint-governance']);
  });

  it('names the reference in Method (revision as given, sha, subject) and compares peak RSS under "For comparison"', () => {
    const run = benchRun([...thisTree, result('scanner-reference', [2, 2, 2], [160, 200, 250])], REFERENCE);
    const doc = renderMarkdown(run);
    expect(doc).toContain('- **Reference**: (b′) is the scanner at `v1.2` = 694ffaf0123456789abcdef0123456789abcdef0 ("Runtime: prettier")');
    expect(doc).toContain('`.bench/reference-694ffaf/`');
    // RSS ratios 1.25, 1.00, 0.80: median 1.00.
    expect(doc).toContain('- Scanner (b) vs the scanner at 694ffaf (b′) (peak RSS): 1.00×');
    expect(resultsTable(run)).toContain('| (scanner-reference) | 2.00 | 200 | 2.0, 2.0, 2.0 | checked scanner-reference |');
  });
});
