import { describe, expect, it } from 'vitest';
import { createBatchMemo } from '../../src/host/batch.js';

describe('createBatchMemo', () => {
  it('answers each question once per synchronous batch and asks again once the event loop turns', async () => {
    const memo = createBatchMemo();
    let asked = 0;
    const ask = () => memo.get('config', () => ++asked);
    expect([ask(), ask(), ask()]).toEqual([1, 1, 1]);
    expect(memo.get('other', () => 'x')).toBe('x');
    await new Promise((resolve) => setImmediate(resolve));
    expect([ask(), ask()]).toEqual([2, 2]);
  });

  it('keeps answers that are undefined or null (a file that does not exist)', () => {
    const memo = createBatchMemo();
    let asked = 0;
    for (let i = 0; i < 3; i += 1) memo.get('missing', () => (++asked, undefined));
    expect(asked).toBe(1);
  });
});
