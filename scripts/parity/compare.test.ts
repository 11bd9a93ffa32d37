import { describe, expect, it } from 'vitest';
import { compareFindings, describeDiff, isParity, type ParityFinding } from './compare.js';

const at = (rule: string, file: string, line: number, column: number): ParityFinding => ({ rule, file, line, column });
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
      'layers: only the CLI reports src/a.ts:3:1 no-layer-bypass',
      'layers: only ESLint reports src/a.ts:3:2 no-layer-bypass',
    ]);
  });

  it('the same position under another rule is a difference', () => {
    const diff = compareFindings([at('no-layer-bypass', 'src/a.ts', 3, 1)], [at('no-direct-plugin-run', 'src/a.ts', 3, 1)], RULES);
    expect(diff.onlyCli).toHaveLength(1);
    expect(diff.onlyEslint).toHaveLength(1);
    expect(diff.matched).toBe(0);
  });

  it('ids outside the compared rules (analysis diagnostics) are ignored', () => {
    const diff = compareFindings([at('syntax-error', 'src/a.ts', 1, 1), at('invalid-suppression', 'src/a.ts', 2, 1)], [], RULES);
    expect(diff).toEqual({ onlyCli: [], onlyEslint: [], matched: 0 });
  });
});
