import * as path from 'node:path';
import type { AnalyzerHost } from './host/host.js';

// A separate entry (`@execgov/core/files`) with no dependency on the analysis, the config schema
// or zod: the scanner's warm `--cache` scan needs these names and nothing else of the core, and
// importing the whole core costs it as much as the scan itself.

export { createNodeHost } from './host/node-host.js';

/** The file name looked for upward from the working directory or the analysed file. */
export const CONFIG_FILE_NAME = 'execution-governance.config.json';

/** The baseline both front ends pick up next to the config file when none is named. */
export const BASELINE_FILE_NAME = 'execution-governance.baseline.json';

/** The conventional baseline beside a config file, when it exists. */
export function conventionalBaseline(configFile: string | null, host: AnalyzerHost): string | undefined {
  if (configFile === null) return undefined;
  const candidate = path.join(path.dirname(configFile), BASELINE_FILE_NAME);
  return host.fileExists(candidate) ? candidate : undefined;
}
