import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { definePlugin } from '../plugin.js';

/** Waits `ms` then echoes; honours its signal. Drives async, cancel and shutdown tests. */
export const sleepingPlugin = definePlugin({
  name: 'test-sleeping',
  version: '0.0.0',
  description: 'Testing: waits the given milliseconds (abortable) and returns how long it slept.',
  inputSchema: z.strictObject({ ms: z.number().int().min(0).max(60_000) }),
  outputSchema: z.strictObject({ slept_ms: z.number().int() }),
  async run({ ms }, { signal }) {
    await delay(ms, undefined, { signal });
    return { slept_ms: ms };
  },
});
