import { z } from 'zod';
import { definePlugin } from '../plugin.js';

/** Never settles and ignores its signal: the runner's timeout must still end the run. */
export const hangingPlugin = definePlugin({
  name: 'test-hanging',
  version: '0.0.0',
  description: 'Testing: never resolves and ignores the abort signal.',
  inputSchema: z.strictObject({}),
  outputSchema: z.strictObject({}),
  timeoutMs: 200,
  run() {
    return new Promise<Record<string, never>>(() => {});
  },
});
