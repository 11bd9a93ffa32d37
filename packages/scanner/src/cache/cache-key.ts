import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledCoreFile } from '../core-module.js';
import { CACHE_FORMAT, packageRoot } from './cache-file.js';

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

function stampFile(file: string, hash: ReturnType<typeof createHash>): void {
  const stat = fs.statSync(file);
  hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
}

/** Sizes and mtimes of the built code under `dir`: a rebuilt scanner or core is another tool, even at the same version. */
function buildStamp(dir: string, hash: ReturnType<typeof createHash>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) buildStamp(full, hash);
    else if (entry.name.endsWith('.js')) stampFile(full, hash);
  }
}

/**
 * What every cached finding depends on besides the files: the cache format, this tool and the
 * core (version and build), TypeScript's version (its libs and checker), the working directory
 * (relative paths, default config anchor) and the options that pick projects and config.
 * Another key means nothing in the cache applies. Found without loading TypeScript.
 */
export function cacheKey(input: { cwd: string; projects: readonly string[]; configFile: string | undefined; version: string }): {
  key: string;
  invocation: string;
} {
  const requireHere = createRequire(import.meta.url);
  const invocation = JSON.stringify({ cwd: input.cwd, projects: input.projects, configFile: input.configFile ?? null });
  const hash = createHash('sha1').update(`${CACHE_FORMAT}\0${input.version}\0${versionOf(requireHere.resolve('typescript/package.json'))}\0${invocation}\0`);
  stampTool(hash);
  return { key: hash.digest('base64url'), invocation };
}

/** Adds this tool's build to `hash`: the sizes and mtimes of the code it runs (so a rebuild at the same version is another tool). */
export function stampTool(hash: ReturnType<typeof createHash>): void {
  const here = fileURLToPath(import.meta.url);
  const bundledCore = bundledCoreFile();
  if (bundledCore !== undefined) {
    // The bundled CLI runs two files of its own (scripts/build/bundle.ts): this one and the core.
    for (const file of [here, bundledCore]) stampFile(file, hash);
  } else {
    buildStamp(path.join(packageRoot(path.dirname(here)), 'dist'), hash);
    buildStamp(path.dirname(fileURLToPath(import.meta.resolve('@execgov/core'))), hash);
  }
}
