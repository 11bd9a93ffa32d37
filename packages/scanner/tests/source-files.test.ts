import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SourceFileStore } from '../src/cache/source-files.js';

// The daemon's store of parsed files (src/cache/source-files.ts), with real TypeScript parses.
describe('SourceFileStore', () => {
  const parses: string[] = [];
  const parse = (text: string) => () => {
    parses.push(text);
    return ts.createSourceFile('/p/a.ts', text, ts.ScriptTarget.ES2022);
  };

  it('hands back a committed file for the same text and key; a new text or another key is parsed again', () => {
    parses.length = 0;
    const store = new SourceFileStore();
    store.begin();
    const first = store.file('/p/a.ts', 'options-1', 'export const a = 1;', parse('export const a = 1;'));
    store.commit();
    expect(store.file('/p/a.ts', 'options-1', 'export const a = 1;', parse('export const a = 1;'))).toBe(first);
    expect(store.reused).toBe(1);
    expect(store.file('/p/a.ts', 'options-2', 'export const a = 1;', parse('export const a = 1;'))).not.toBe(first);
    expect(store.file('/p/a.ts', 'options-1', 'export const a = 2;', parse('export const a = 2;')).text).toBe('export const a = 2;');
    expect(parses).toEqual(['export const a = 1;', 'export const a = 1;', 'export const a = 2;']);
  });

  it('drops the files parsed since the last commit on rollback (their program failed before binding them all), and keeps the committed ones', () => {
    parses.length = 0;
    const store = new SourceFileStore();
    store.begin();
    const kept = store.file('/p/kept.ts', 'k', 'export {};', parse('kept'));
    store.commit();
    store.begin();
    store.file('/p/half.ts', 'k', 'export {};', parse('half'));
    expect(store.file('/p/kept.ts', 'k', 'export {};', parse('kept again'))).toBe(kept);
    store.rollback();
    expect(store.size).toBe(1);
    store.file('/p/half.ts', 'k', 'export {};', parse('half again'));
    expect(parses).toEqual(['kept', 'half', 'half again']);
  });

  it('forgets a file no scan asked for in the last `keep` scans', () => {
    const store = new SourceFileStore();
    store.begin();
    store.file('/p/old.ts', 'k', 'export {};', parse('old'));
    store.commit();
    for (let scan = 0; scan < 2; scan += 1) {
      store.begin();
      store.file('/p/used.ts', 'k', 'export {};', parse('used'));
      store.commit();
      store.sweep(3);
    }
    expect(store.size).toBe(2);
    store.begin();
    store.sweep(3);
    expect(store.size).toBe(1);
  });
});
