import { describe, expect, it } from 'vitest';
import { profileSplit, totalsOf, type CpuProfile } from './profile-summary.js';

const TS = 'file:///repo/node_modules/typescript/lib/typescript.js';
const CORE = 'file:///repo/packages/core/dist';

/** A profile from call stacks (outermost first), each sampled for `ms` milliseconds. */
function profileOf(stacks: Array<{ frames: Array<[fn: string, url: string]>; ms: number }>): CpuProfile {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '' }, children: [] }];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const { frames, ms } of stacks) {
    let parent = nodes[0]!;
    for (const [fn, url] of frames) {
      const id = nodes.length + 1;
      nodes.push({ id, callFrame: { functionName: fn, url }, children: [] });
      parent.children!.push(id);
      parent = nodes.at(-1)!;
    }
    samples.push(parent.id);
    timeDeltas.push(ms * 1000);
  }
  return { nodes, samples, timeDeltas };
}

describe('profileSplit', () => {
  it('splits module load, parse, bind, each rule (rule folders included, the registry not), the checker and GC', () => {
    const split = profileSplit(
      totalsOf(
        profileOf([
          { frames: [['Module._load', 'node:internal/modules/cjs/loader']], ms: 100 },
          {
            frames: [
              ['createProgram', TS],
              ['createSourceFile', TS],
            ],
            ms: 300,
          },
          {
            frames: [
              ['createTypeChecker', TS],
              ['bindSourceFile', TS],
            ],
            ms: 200,
          },
          {
            frames: [
              ['analyze', `${CORE}/analyze.js`],
              ['create', `${CORE}/rules/no-layer-bypass.js`],
              ['visit', `${CORE}/rules/no-layer-bypass.js`],
            ],
            ms: 40,
          },
          {
            frames: [
              ['analyze', `${CORE}/analyze.js`],
              ['check', `${CORE}/rules/tool-runner-invariants/body.js`],
            ],
            ms: 10,
          },
          {
            frames: [
              ['analyze', `${CORE}/analyze.js`],
              ['create', `${CORE}/rules/no-layer-bypass.js`],
              ['getResolvedSignature', TS],
              ['checkExpression', TS],
            ],
            ms: 150,
          },
          {
            frames: [
              ['analyze', `${CORE}/analyze.js`],
              ['rules', `${CORE}/rules/index.js`],
            ],
            ms: 20,
          },
          { frames: [['(garbage collector)', '']], ms: 180 },
        ]),
      ),
    );
    const seconds = Object.fromEntries(split.map((row) => [row.part, Math.round(row.seconds * 1000)]));
    expect(seconds).toEqual({
      'module load (startup)': 100,
      'parse (program creation, and any parse before it)': 300,
      'bind (checker creation)': 200,
      'rule `no-layer-bypass`: own code and AST walk': 40,
      'rule `tool-runner-invariants`: own code and AST walk': 10,
      'the checker, asked by the rules': 150,
      'core outside rules (traversal, suppressions, findings)': 20,
      'garbage collection': 180,
      'other (output, unattributed)': 0,
    });
    expect(split.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1);
  });
});
