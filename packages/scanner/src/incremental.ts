import type { ScanOptions } from './args.js';
import { incrementalScan } from './cache/incremental-scan.js';
import type { SourceFileStore } from './cache/source-files.js';
import { changedSince } from './changed-files.js';
import type { ScanResult } from './result.js';
import type { ScanInput } from './scan.js';

/** What the CLI hands an incremental scan besides its options. */
export interface IncrementalContext {
  cwd: string;
  version: string;
  /** `paths...`, resolved and checked. */
  paths: readonly string[];
  stderr: { write(chunk: string): unknown };
  onConfigWarning?: ScanInput['onConfigWarning'];
  /** Parsed and bound files kept across scans (the daemon's). */
  sourceFiles?: SourceFileStore | undefined;
}

/** Runs a `--cache` and/or `--changed-since` scan; notes (a cache ignored or not written) go to stderr. */
export function scanIncrementally(options: ScanOptions, context: IncrementalContext): ScanResult {
  const { result, stats } = incrementalScan({
    cwd: context.cwd,
    projects: options.projects,
    configFile: options.configFile,
    paths: context.paths,
    cache: options.cache ? { location: options.cacheLocation } : undefined,
    changed: options.changedSince === undefined ? undefined : changedSince(options.changedSince, context.cwd),
    version: context.version,
    note: (message) => context.stderr.write(`note: ${message}\n`),
    onConfigWarning: context.onConfigWarning,
    sourceFiles: context.sourceFiles,
  });
  if (process.env.EXECGOV_CACHE_STATS) context.stderr.write(`cache: ${JSON.stringify(stats)}\n`);
  return result;
}
