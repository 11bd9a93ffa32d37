import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Core from '@execgov/core';
import { requireWithCodeCache } from './cache/code-cache.js';

/**
 * Set by the build (scripts/build/bundle.ts) in the bundled CLI: the core bundled into one
 * CommonJS file beside it. Undefined where the scanner runs from its compiled modules (tests that
 * import it, `tsx`): then the core is the `@execgov/core` package.
 */
declare const EXECGOV_BUNDLED_CORE: string | undefined;

const requireHere = createRequire(import.meta.url);

/** The bundled core's file when this is the bundled CLI (scripts/build/bundle.ts), else undefined. */
export function bundledCoreFile(): string | undefined {
  return typeof EXECGOV_BUNDLED_CORE === 'string' ? fileURLToPath(new URL(EXECGOV_BUNDLED_CORE, import.meta.url)) : undefined;
}

let loaded: typeof Core | undefined;
/** Set by a `--cache` scan: where V8's code cache for the bundled core is kept, and its writer once loaded. */
let codeCache: { file: string; save?: () => void } | undefined;

/**
 * Loads the bundled core (when a scan first needs it) through a V8 code cache kept in `file`, and
 * returns the function that writes that cache after the scan. As for TypeScript: only `--cache`
 * asks for it.
 */
export function useCoreCodeCache(file: string): () => void {
  codeCache = { file };
  return () => codeCache?.save?.();
}

/**
 * The core, loaded on first use. Importing the package's modules costs about 65 ms (its ~70
 * modules and zod's ~190), as much as a whole warm `--cache` scan with nothing to re-analyse,
 * which never needs it; the bundled CLI loads one file instead.
 */
export function core(): typeof Core {
  if (loaded) return loaded;
  const bundled = bundledCoreFile();
  if (bundled !== undefined && codeCache) {
    const module = requireWithCodeCache<typeof Core>(import.meta.url, bundled, codeCache.file);
    codeCache.save = module.save;
    return (loaded = module.exports);
  }
  return (loaded = requireHere(bundled ?? '@execgov/core') as typeof Core);
}
