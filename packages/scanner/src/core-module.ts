import { createRequire } from 'node:module';
import type * as Core from '@execgov/core';

const requireHere = createRequire(import.meta.url);
let loaded: typeof Core | undefined;

/**
 * The core, loaded on first use (a synchronous require of its ES module). Importing it costs
 * about 65 ms (its modules, and zod, which its config schema is built with), as much as the
 * whole of a warm `--cache` scan with nothing to re-analyse, which never needs it.
 */
export function core(): typeof Core {
  return (loaded ??= requireHere('@execgov/core') as typeof Core);
}
