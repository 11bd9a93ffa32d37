import * as path from 'node:path';
import type { AnalyzerHost } from './host/host.js';

// A separate entry (`@execgov/core/files`) with no dependency on the analysis, the config schema
// or zod: the scanner's warm `--cache` scan needs these names and nothing else of the core, and
// importing the whole core costs it as much as the scan itself.

export { createNodeHost } from './host/node-host.js';

/** Whether `dir` is `root` or a directory below it (absolute paths). */
export function isAtOrBelow(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The file name looked for upward from the working directory or the analysed file. */
export const CONFIG_FILE_NAME = 'execution-governance.config.json';

/** The baseline both front ends pick up beside a config file when none is named (see conventionalBaseline). */
export const BASELINE_FILE_NAME = 'execution-governance.baseline.json';

/**
 * The baseline that applies to the files a config governs when no baseline file is named (both
 * front ends, one rule): `execution-governance.baseline.json` beside the nearest config file on
 * the config's chain (the config itself, then each `execution-governance.config.json` in the
 * directories above it) that has one; none under the defaults. A nested config without a baseline
 * of its own therefore keeps the baseline of the config above it.
 */
export function conventionalBaseline(configFile: string | null, host: AnalyzerHost): string | undefined {
  if (configFile === null) return undefined;
  for (let dir = path.dirname(path.resolve(configFile)), own = true; ; own = false) {
    if (own || host.fileExists(path.join(dir, CONFIG_FILE_NAME))) {
      const candidate = path.join(dir, BASELINE_FILE_NAME);
      if (host.fileExists(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * `conventionalBaseline` for any file, as a function remembered per directory for one pass: the
 * config that governs a file is `configFile` when given (the CLI's `--config`), else the nearest
 * `execution-governance.config.json` above it. For front ends holding file names, not configs.
 */
export function createBaselineLocator({ host, configFile }: { host: AnalyzerHost; configFile?: string | undefined }): (fileName: string) => string | undefined {
  const byDirectory = new Map<string, string | null>();
  const nearestConfig = (dir: string): string | null => {
    let found = byDirectory.get(dir);
    if (found === undefined) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      const parent = path.dirname(dir);
      found = host.fileExists(candidate) ? candidate : parent === dir ? null : nearestConfig(parent);
      byDirectory.set(dir, found);
    }
    return found;
  };
  const baselines = new Map<string | null, string | undefined>();
  return (fileName) => {
    const config = configFile === undefined ? nearestConfig(path.dirname(path.resolve(fileName))) : path.resolve(configFile);
    if (!baselines.has(config)) baselines.set(config, conventionalBaseline(config, host));
    return baselines.get(config);
  };
}
