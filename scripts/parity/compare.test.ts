import { describe, expect, it } from 'vitest';
import { compareFindings, compareToExpected, describeDiff, isParity, type ParityFinding } from './compare.js';

const at = (rule: string, file: string, line: number, column: number, messageId = 'm', end = column + 3): ParityFinding => ({
  rule,
  messageId,
  file,
  line,
  column,
  endLine: line,
  endColumn: end,
});
const RULES = ['no-direct-plugin-run', 'no-layer-bypass'];

describe('compareFindings', () => {
  it('equal sets in any order are parity', () => {
    const a = [at('no-layer-bypass', 'src/a.ts', 3, 1), at('no-direct-plugin-run', 'src/b.ts', 1, 9)];
    const diff = compareFindings(a, [...a].reverse(), RULES);
    expect(diff).toEqual({ onlyCli: [], onlyEslint: [], matched: 2 });
    expect(isParity(diff)).toBe(true);
  });

  it('a column off by one is a difference on both sides', () => {
    const diff = compareFindings([at('no-layer-bypass', 'src/a.ts', 3, 1)], [at('no-layer-bypass', 'src/a.ts', 3, 2)], RULES);
    expect(isParity(diff)).toBe(false);
    expect(describeDiff('layers', diff)).toEqual([
      'layers: only the CLI reports src/a.ts:3:1-3:4 no-layer-bypass/m',
      'layers: only ESLint reports src/a.ts:3:2-3:5 no-layer-bypass/m',
    ]);
  });

  it('the same position under another rule is a difference', () => {
    const diff = compareFindings([at('no-layer-bypass', 'src/a.ts', 3, 1)], [at('no-direct-plugin-run', 'src/a.ts', 3, 1)], RULES);
    expect(diff.onlyCli).toHaveLength(1);
    expect(diff.onlyEslint).toHaveLength(1);
    expect(diff.matched).toBe(0);
  });

  it('another message id or end column at the same start is a difference', () => {
    const cli = [at('no-layer-bypass', 'src/a.ts', 3, 1, 'forbiddenCall', 9)];
    expect(compareFindings(cli, [at('no-layer-bypass', 'src/a.ts', 3, 1, 'forbiddenImport', 9)], RULES).matched).toBe(0);
    expect(compareFindings(cli, [at('no-layer-bypass', 'src/a.ts', 3, 1, 'forbiddenCall', 8)], RULES).matched).toBe(0);
  });

  it('a finding reported twice on one side and once on the other is a difference', () => {
    const once = at('no-direct-plugin-run', 'src/b.ts', 1, 9);
    const diff = compareFindings([once, once], [once], RULES);
    expect(diff).toEqual({ onlyCli: [once], onlyEslint: [], matched: 1 });
  });

  it('ids outside the compared rules (analysis diagnostics) are ignored', () => {
    const diff = compareFindings([at('syntax-error', 'src/a.ts', 1, 1), at('invalid-suppression', 'src/a.ts', 2, 1)], [], RULES);
    expect(diff).toEqual({ onlyCli: [], onlyEslint: [], matched: 0 });
  });
});

describe('compareToExpected (the bench and the fixtures: markers against findings)', () => {
  const line = (rule: string, file: string, n: number) => ({ rule, file, line: n });

  it('matches by file, line and rule; column and message do not matter', () => {
    const found = [{ ...at('no-layer-bypass', 'src/a.ts', 3, 17), messageId: 'forbiddenCall' }];
    expect(compareToExpected([line('no-layer-bypass', 'src/a.ts', 3)], found)).toEqual({ missing: [], unexpected: [], matched: 1 });
  });

  it('a marker nobody reported is missing; a report with no marker is unexpected; a second report is unexpected', () => {
    const expected = [line('no-direct-plugin-run', 'src/b.ts', 1), line('no-layer-bypass', 'src/a.ts', 3)];
    const found = [line('no-direct-plugin-run', 'src/b.ts', 1), line('no-direct-plugin-run', 'src/b.ts', 1), line('no-layer-bypass', 'src/a.ts', 4)];
    expect(compareToExpected(expected, found)).toEqual({
      missing: [line('no-layer-bypass', 'src/a.ts', 3)],
      unexpected: [line('no-layer-bypass', 'src/a.ts', 4), line('no-direct-plugin-run', 'src/b.ts', 1)],
      matched: 1,
    });
  });
});
