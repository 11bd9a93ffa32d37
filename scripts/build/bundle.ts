import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The scanner's command-line entry as one file: `tsc -b` compiles packages/scanner/src/ (main.ts
 * is the entry) into dist/, and this joins dist/main.js and every scanner module it imports into
 * dist/bin.js, the package's `bin`. Packages stay outside it: TypeScript, the core and zod are
 * loaded from node_modules as before, and only when the scan needs them (a `--cache` scan with
 * nothing changed loads none of them). Why: Node loads an ES module graph file by file (resolve,
 * read, compile, link); for the scanner's ~40 modules that was about a fifth of a no-change
 * `--cache` scan (docs/benchmarks.md). Not minified, so a stack trace still reads.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export async function bundleScanner(packageDir = path.join(REPO_ROOT, 'packages/scanner')): Promise<string> {
  const entry = path.join(packageDir, 'dist/main.js');
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(REPO_ROOT, entry)} does not exist: run \`tsc -b\` first`);
  const outfile = path.join(packageDir, 'dist/bin.js');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Every bare import (typescript, @execgov/core, zod, ts-morph, picomatch) stays a package import.
    packages: 'external',
    logLevel: 'warning',
  });
  fs.chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleScanner();
}
