import { z } from 'zod';
import { definePlugin } from '../plugin.js';

const VALUES = { string: 'text', number: 42, array: [1, 2], null: null, date: new Date(0) } as const;

/** Returns a non-plain-object value; its (permissive) output schema would accept it. */
export const nonObjectPlugin = definePlugin({
  name: 'test-non-object',
  version: '0.0.0',
  description: 'Testing: returns a string, number, array, null or Date instead of a plain object.',
  inputSchema: z.strictObject({ kind: z.enum(['string', 'number', 'array', 'null', 'date']).default('string') }),
  outputSchema: z.unknown(),
  run({ kind }) {
    return VALUES[kind];
  },
});
