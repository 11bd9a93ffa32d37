import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { BASELINE_FILE_NAME, CONFIG_FILE_NAME } from '../files.js';
import type { AnalyzerHost } from '../host/host.js';
import { createNodeHost } from '../host/node-host.js';
import { ConfigError, resolveConfig, type ResolvedConfig } from './validate.js';

export { CONFIG_FILE_NAME } from '../files.js';

/** Nearest `execution-governance.config.json` at or above `startDir`, or null. */
export function findConfigFile(startDir: string, host: AnalyzerHost = createNodeHost()): string | null {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (host.fileExists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** ` at line L, column C` for a JSON.parse error that names a position, else "". */
function jsonErrorLocation(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/** Parses and validates the text of a config file. Throws ConfigError on any problem. */
export function parseConfigText(file: string, text: string): ResolvedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [{ path: '$', message: `not valid JSON${jsonErrorLocation(text, error as Error)}: ${(error as Error).message}` }]);
  }
  return resolveConfig(raw, { configFile: file, configDir: path.dirname(file) });
}

/** The config error for a config file the host could not read. */
export function unreadableConfigError(file: string, host: AnalyzerHost): ConfigError {
  const reason = host.fileExists(file) ? 'EACCES: it exists but is not readable' : 'ENOENT';
  return new ConfigError(file, [{ path: '$', message: `cannot read the file (${reason})` }]);
}

/** Reads, parses and validates a config file. Throws ConfigError on any problem. */
export function loadConfigFile(configFile: string, host: AnalyzerHost = createNodeHost()): ResolvedConfig {
  const file = path.resolve(configFile);
  const text = host.readFile(file);
  if (text === undefined) throw unreadableConfigError(file, host);
  return parseConfigText(file, text);
}

/** The defaults, anchored at `dir` (globs are relative to it). */
export function defaultConfig(dir: string): ResolvedConfig {
  return resolveConfig({}, { configFile: null, configDir: path.resolve(dir), source: 'defaults' });
}

/**
 * The config that applies at `startDir`: an explicit file if given, else the nearest one upward,
 * else the defaults (relative to `startDir`).
 */
export function loadConfig({
  startDir,
  configFile,
  host = createNodeHost(),
}: {
  startDir: string;
  configFile?: string | undefined;
  host?: AnalyzerHost;
}): ResolvedConfig {
  if (configFile) return loadConfigFile(path.resolve(startDir, configFile), host);
  const found = findConfigFile(startDir, host);
  if (found) return loadConfigFile(found, host);
  return defaultConfig(startDir);
}

/** Directories the digest does not enter: installed packages, and `.git` and other dot-directories. */
function skippedDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * A digest of every config file a lint started in `startDir` can use, and of the baselines it can
 * meet: each config from `startDir` up to the root with the baseline beside it, and every config
 * and `execution-governance.baseline.json` below `startDir` (one walk, skipping node_modules and
 * dot-directories; only when the host can list directories). A front end whose own cache keys on
 * its settings (ESLint's `--cache`) puts this there, so editing any config or baseline, nested
 * ones included, invalidates results computed under the old one.
 */
export function configDigest(startDir: string, host: AnalyzerHost = createNodeHost()): string {
  const hash = createHash('sha256');
  const start = path.resolve(startDir);
  for (let dir = start, parent = path.dirname(dir); ; dir = parent, parent = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    const text = host.readFile(candidate);
    if (text !== undefined) hash.update(`${candidate}\0${text}\0`);
    const baseline = text === undefined ? undefined : host.readFile(path.join(dir, BASELINE_FILE_NAME));
    if (baseline !== undefined) hash.update(`${BASELINE_FILE_NAME}\0${baseline}\0`);
    if (parent === dir) break;
  }
  if (!host.readDirectory) return hash.digest('hex').slice(0, 16);
  // Below: an explicit stack, not recursion, so a deep tree cannot overflow; sorted, so the digest
  // does not depend on the order the file system lists entries in.
  const pending = [start];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const listing = host.readDirectory(dir);
    if (!listing) continue;
    // `startDir`'s own config is hashed again here (harmless); a baseline there without a config
    // (one named in ESLint's settings) is hashed only here.
    for (const name of [CONFIG_FILE_NAME, BASELINE_FILE_NAME]) {
      if (!listing.files.includes(name)) continue;
      const file = path.join(dir, name);
      hash.update(`${file}\0${host.readFile(file) ?? ''}\0`);
    }
    const below = listing.directories.filter((name) => !skippedDirectory(name)).sort();
    for (let i = below.length - 1; i >= 0; i--) pending.push(path.join(dir, below[i] as string));
  }
  return hash.digest('hex').slice(0, 16);
}
