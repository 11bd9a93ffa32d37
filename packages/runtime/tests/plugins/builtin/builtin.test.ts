import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinPlugins } from '../../../src/plugins/builtin/index.js';
import { runnerWith } from '../../helpers/runtime.js';

describe('built-in plugins (through ToolRunner)', () => {
  const { runner } = runnerWith(builtinPlugins());

  it('text-stats counts lines, words and ranks words deterministically', async () => {
    const outcome = await runner.run({ plugin: 'text-stats', payload: { text: 'Héllo world\nhello WORLD again\n', top: 2 }, jobId: 'j' });
    expect(outcome).toEqual({
      ok: true,
      result: {
        characters: 30,
        lines: 3,
        words: 5,
        unique_words: 4,
        average_word_length: 5,
        top_words: [
          { word: 'world', count: 2 },
          { word: 'again', count: 1 },
        ],
      },
    });
  });

  it('text-stats handles empty text', async () => {
    const outcome = await runner.run({ plugin: 'text-stats', payload: { text: '' }, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: true, result: { characters: 0, lines: 0, words: 0, average_word_length: 0, top_words: [] } });
  });

  it('hash-text matches node:crypto for each algorithm and encoding', async () => {
    for (const algorithm of ['sha256', 'sha512', 'sha1', 'md5'] as const) {
      for (const encoding of ['hex', 'base64'] as const) {
        const outcome = await runner.run({ plugin: 'hash-text', payload: { text: 'naïve', algorithm, encoding }, jobId: 'j' });
        const digest = createHash(algorithm).update('naïve', 'utf8').digest(encoding);
        expect(outcome).toEqual({ ok: true, result: { algorithm, encoding, digest, bytes: 6 } });
      }
    }
  });

  it('hash-text refuses an unknown algorithm', async () => {
    const outcome = await runner.run({ plugin: 'hash-text', payload: { text: 'x', algorithm: 'crc32' }, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'ValidationError' } } });
  });
});
