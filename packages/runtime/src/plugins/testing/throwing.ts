import { z } from 'zod';
import { definePlugin } from '../plugin.js';

/** Fails on purpose, in the ways real plugins fail: a thrown Error, a thrown non-Error, a rejection. */
export const throwingPlugin = definePlugin({
  name: 'test-throwing',
  version: '0.0.0',
  description: 'Testing: throws an Error, throws a string, or rejects, as the payload asks.',
  inputSchema: z.strictObject({ kind: z.enum(['error', 'string', 'reject']).default('error') }),
  outputSchema: z.strictObject({}),
  run({ kind }) {
    if (kind === 'string') throw 'plain string thrown'; // A non-Error throw is the point of this case.
    if (kind === 'reject') return Promise.reject(new Error('rejected on purpose'));
    throw new Error('thrown on purpose');
  },
});
