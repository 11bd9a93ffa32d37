import { fileURLToPath } from 'node:url';
import type * as Core from '@execgov/core';
import { lazyModule } from './cache/code-cache.js';

/**
 * Set by the build (scripts/build/bundle.ts) in the bundled CLI: the core bundled into one
 * CommonJS file beside it. Undefined where the scanner runs from its compiled modules (tests that
 * import it, `tsx`): then the core is the `@execgov/core` package.
 */
declare const EXECGOV_BUNDLED_CORE: string | undefined;

/** The bundled core's file when this is the bundled CLI (scripts/build/bundle.ts), else undefined. */
export function bundledCoreFile(): string | undefined {
  return typeof EXECGOV_BUNDLED_CORE === 'string' ? fileURLToPath(new URL(EXECGOV_BUNDLED_CORE, import.meta.url)) : undefined;
}

/**
 * The core, loaded on first use. Importing the package's modules costs about 65 ms (its ~70
 * modules and zod's ~190), as much as a whole warm `--cache` scan with nothing to re-analyse,
 * which never needs it; the bundled CLI loads one file instead, through a V8 code cache under
 * `--cache` as TypeScript is (the package's ES modules cannot go through one).
 */
const bundled = bundledCoreFile();
const coreModule = lazyModule<typeof Core>(import.meta.url, bundled ?? '@execgov/core', { codeCache: bundled !== undefined });

export function core(): typeof Core {
  return coreModule.get();
}

/** Loads the bundled core through a V8 code cache kept in `file` (see `lazyModule`); returns the writer of that cache. */
export function useCoreCodeCache(file: string): () => void {
  return coreModule.useCodeCache(file);
}
