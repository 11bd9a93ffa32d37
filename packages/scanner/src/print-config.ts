import * as fs from 'node:fs';
import * as path from 'node:path';
import { core } from './core-module.js';
import { UnreadableFileError } from './errors.js';
import { escapeJsonText } from './reporters/escape.js';

/**
 * `--print-config <file>`: the config that applies to that file, resolved (defaults filled in),
 * as JSON. Without --config the lookup starts at the file's own directory, as the ESLint plugin's
 * does, so the two front ends can be compared file by file.
 */
export function printConfig(file: string, configFile: string | undefined, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  if (!fs.existsSync(absolute)) {
    throw new UnreadableFileError(`--print-config ${file}: the file does not exist`, 'name a file of your project (relative to the working directory)');
  }
  const startDir = fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  const config = configFile === undefined ? core().loadConfig({ startDir }) : core().loadConfig({ startDir: cwd, configFile });
  const relative = (to: string) => path.relative(cwd, to).replace(/\\/g, '/') || '.';
  const shown = {
    ...config,
    file: relative(absolute),
    configFile: config.configFile === null ? null : relative(config.configFile),
    configDir: relative(config.configDir),
  };
  return `${escapeJsonText(JSON.stringify(shown, null, 2))}\n`;
}
