import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The scanner's command line as two files, both built from what `tsc -b` compiled:
 * - dist/bin.js, the package's `bin`: dist/main.js (compiled from src/main.ts), every scanner
 *   module it imports and the core's zod-free `@execgov/core/files`. TypeScript and ts-morph stay
 *   package imports.
 * - dist/core.cjs: `@execgov/core` with zod and picomatch, as one CommonJS file, which the CLI
 *   loads when a scan first needs the core (src/core-module.ts; a `--cache` scan through V8's code
 *   cache, as it loads TypeScript).
 * Why: Node loads an ES module graph file by file (resolve, read, compile, link). The scanner's
 * ~40 modules were about a fifth of a no-change `--cache` scan, and the core's ~70 with zod's ~190
 * about 60 ms of every scan that analyses anything (docs/benchmarks.md). The ESLint plugin and
 * any other importer of `@execgov/core` keep the package's own modules. Not minified, so a stack
 * trace still reads; each bundle has a source map back to the TypeScript sources (not published:
 * the package leaves out *.map; the bench's profile split reads it to tell the rules apart).
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CORE_BUNDLE = 'core.cjs';

export async function bundleScanner(packageDir = path.join(REPO_ROOT, 'packages/scanner')): Promise<string> {
  const entry = path.join(packageDir, 'dist/main.js');
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(REPO_ROOT, entry)} does not exist: run \`tsc -b\` first`);
  const outfile = path.join(packageDir, 'dist/bin.js');
  const requireFromPackage = createRequire(path.join(packageDir, 'package.json'));
  const core = requireFromPackage.resolve('@execgov/core');
  const coreFiles = requireFromPackage.resolve('@execgov/core/files');
  await Promise.all([
    build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Every bare import (typescript, ts-morph) stays a package import, but for the core's small
      // zod-free entry, which joins this file: the CLI then runs two files of its own (the cache key
      // stamps just those, src/cache/cache-key.ts).
      packages: 'external',
      plugins: [
        {
          name: 'core-files-inside',
          setup(context) {
            context.onResolve({ filter: /^@execgov\/core\/files$/ }, () => ({ path: coreFiles }));
          },
        },
      ],
      // Where src/core-module.ts finds the bundled core, beside this file.
      define: { EXECGOV_BUNDLED_CORE: JSON.stringify(`./${CORE_BUNDLE}`) },
      sourcemap: 'linked',
      logLevel: 'warning',
    }),
    build({
      entryPoints: [core],
      outfile: path.join(packageDir, 'dist', CORE_BUNDLE),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // The core is handed its TypeScript and never imports one (.dependency-cruiser.cjs); kept out all the same.
      external: ['typescript'],
      sourcemap: 'linked',
      logLevel: 'warning',
    }),
  ]);
  fs.chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleScanner();
}
