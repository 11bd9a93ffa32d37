import { z } from 'zod';
import { definePlugin } from '../plugin.js';

const input = z.strictObject({
  text: z.string().max(1_000_000),
  /** How many of the most frequent words to return. */
  top: z.number().int().min(0).max(100).default(5),
});

const output = z.strictObject({
  characters: z.number().int(),
  lines: z.number().int(),
  words: z.number().int(),
  unique_words: z.number().int(),
  average_word_length: z.number(),
  top_words: z.array(z.strictObject({ word: z.string(), count: z.number().int() })),
});

/** Counts characters, lines and words, and lists the most frequent words (case-insensitive). */
export const textStatsPlugin = definePlugin({
  name: 'text-stats',
  version: '1.0.0',
  description: 'Counts characters, lines, words and unique words; lists the most frequent words.',
  inputSchema: input,
  outputSchema: output,
  timeoutMs: 5_000,
  run({ text, top }) {
    const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const ranked = [...counts.entries()]
      // Ties break alphabetically so the result is deterministic.
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([word, count]) => ({ word, count }));
    const letters = words.reduce((sum, word) => sum + word.length, 0);
    return {
      characters: [...text].length,
      lines: text.length === 0 ? 0 : text.split(/\r\n|\r|\n/).length,
      words: words.length,
      unique_words: counts.size,
      average_word_length: words.length === 0 ? 0 : Math.round((letters / words.length) * 100) / 100,
      top_words: ranked,
    };
  },
});
