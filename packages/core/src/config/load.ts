import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, resolveConfig, type ResolvedConfig } from './validate.js';

/** The file name looked for upward from the working directory or the linted file. */
export const CONFIG_FILE_NAME = 'execution-governance.config.json';

/** Nearest `execution-governance.config.json` at or above `startDir`, or null. */
export function findConfigFile(startDir: string): string | null {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
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

/** Reads, parses and validates a config file. Throws ConfigError on any problem. */
export function loadConfigFile(configFile: string): ResolvedConfig {
  const file = path.resolve(configFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '$', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [{ path: '$', message: `not valid JSON${jsonErrorLocation(text, error as Error)}: ${(error as Error).message}` }]);
  }
  return resolveConfig(raw, { configFile: file, configDir: path.dirname(file) });
}

/**
 * The config that applies at `startDir`: an explicit file if given, else the nearest one upward,
 * else the defaults (relative to `startDir`).
 */
export function loadConfig({ startDir, configFile }: { startDir: string; configFile?: string | undefined }): ResolvedConfig {
  if (configFile) return loadConfigFile(path.resolve(startDir, configFile));
  const found = findConfigFile(startDir);
  if (found) return loadConfigFile(found);
  return resolveConfig({}, { configFile: null, configDir: path.resolve(startDir), source: 'defaults' });
}
