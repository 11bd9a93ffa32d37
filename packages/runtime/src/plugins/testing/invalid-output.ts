import { z } from 'zod';
import { definePlugin } from '../plugin.js';

/** Returns a plain object that breaks its own output schema. */
export const invalidOutputPlugin = definePlugin({
  name: 'test-invalid-output',
  version: '0.0.0',
  description: 'Testing: returns { count: "three" } where the schema wants a number.',
  inputSchema: z.strictObject({}),
  outputSchema: z.strictObject({ count: z.number() }),
  run() {
    return { count: 'three' } as unknown as { count: number };
  },
});
