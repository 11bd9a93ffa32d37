import { describe, expect, it } from 'vitest';
import { repetitionOrder } from './schedule.js';

const partnerOf = (tool: string): string | undefined => (tool === "b'" ? 'b' : undefined);

describe('repetitionOrder', () => {
  it('rotates the starting tool, the others in their order', () => {
    const tools = ['a', 'b', 'c'];
    const none = () => undefined;
    expect([0, 1, 2, 3].map((rep) => repetitionOrder(tools, rep, none).join(''))).toEqual(['abc', 'bca', 'cab', 'abc']);
  });

  it('keeps a partnered tool right next to its partner, after it on even repetitions and before it on odd ones', () => {
    const tools = ['a', 'b', "b'", 'c', 'd'];
    const orders = [0, 1, 2, 3].map((rep) => repetitionOrder(tools, rep, partnerOf));
    expect(orders).toEqual([
      ['a', 'b', "b'", 'c', 'd'],
      ["b'", 'b', 'c', 'd', 'a'],
      ['c', 'd', 'a', 'b', "b'"],
      ['d', 'a', "b'", 'b', 'c'],
    ]);
    // Every tool runs exactly once per repetition.
    for (const order of orders) expect([...order].sort()).toEqual([...tools].sort());
  });

  it('runs a tool whose partner is absent like any other', () => {
    expect(repetitionOrder(['a', "b'", 'c'], 1, partnerOf)).toEqual(["b'", 'c', 'a']);
  });
});
