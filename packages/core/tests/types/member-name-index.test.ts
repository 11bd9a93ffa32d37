import { describe, expect, it } from 'vitest';
import { buildMemberNameIndex } from '../../src/types/member-name-index.js';
import { compileErrors, createInMemoryContext, createInMemoryProgram } from './in-memory-program.js';

describe('member-name index', () => {
  it("judges by the receiver only members whose stated types mention the owner's type parameters", () => {
    const program = createInMemoryProgram({
      'src/box.ts': `export interface Box<T> {
  readonly size: number;
  label(): string;
  value: T;
  each(visit: (item: T) => void): void;
  pick<K extends keyof T>(key: K): T[K];
  self(): this;
}
export class Bag<T> {
  count = 0;
  items = new Array<T>();
  describe(): string { return String(this.count); }
  first() { return this.items[0]; }
}
`,
    });
    expect(compileErrors(program)).toEqual([]);
    const index = buildMemberNameIndex(
      createInMemoryContext(program),
      () => false,
      () => false,
    );
    for (const name of ['value', 'each', 'pick', 'self', 'count', 'items', 'first', 'get', 'find', 'forEach', 'then']) {
      expect(index.generic.has(name), name).toBe(true);
    }
    for (const name of ['size', 'label', 'describe', 'length', 'toFixed']) expect(index.generic.has(name), name).toBe(false);
  });
});
