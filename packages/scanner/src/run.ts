import * as fs from 'node:fs';
import * as path from 'node:path';
import { conventionalBaseline, createNodeHost, loadConfig } from '@execgov/core';
import { parseCommandLine, usage, type Command, type ScanOptions } from './args.js';
import { applyBaseline, readBaseline, renderBaseline } from './baseline.js';
import { UnreadableFileError, formatKnownError, isKnownError } from './errors.js';
import { scanIncrementally } from './incremental.js';
import { planProjects } from './load-projects.js';
import { reporters } from './reporters/index.js';
import type { ScanResult } from './result.js';
import { scan, type ScanInput } from './scan.js';
import { watch } from './watch.js';

/** Where run() writes and what it treats as the working directory; injectable for tests. */
export interface RunIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd: string;
}

/** 0: no error findings; 1: error findings; 2: the scan could not run. */
export type ExitCode = 0 | 1 | 2;

/** Version of this package, read from its package.json (one place). */
export function scannerVersion(): string {
  const packageJson = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}

function existingPaths(paths: readonly string[], cwd: string): string[] {
  return paths.map((given) => {
    const absolute = path.resolve(cwd, given);
    if (!fs.existsSync(absolute)) {
      throw new UnreadableFileError(`path ${given} does not exist`, 'pass files or directories that exist (relative to the working directory)');
    }
    return absolute;
  });
}

/** Runs one scan with already-parsed options and returns its result (throws known errors). */
export function scanWithOptions(options: ScanOptions, cwd: string, onConfigWarning?: ScanInput['onConfigWarning']): ScanResult {
  const config = loadConfig({ startDir: cwd, configFile: options.configFile });
  const plans = planProjects(options.projects, cwd);
  return scan({ cwd, config, configFile: options.configFile, plans, paths: existingPaths(options.paths, cwd), version: scannerVersion(), onConfigWarning });
}

function toCommand(input: readonly string[] | ScanOptions): Command {
  return 'format' in input ? { kind: 'scan', options: input } : parseCommandLine(input);
}

/**
 * The CLI: argv (or parsed options) in, exit code out. Only this function's caller touches the
 * process; output goes to the injected streams. Known errors print a cause and a hint (exit 2);
 * anything else is a bug and prints its stack (exit 2 too: the scan did not run).
 */
export function run(input: readonly string[] | ScanOptions, io: RunIO): ExitCode {
  const cwd = path.resolve(io.cwd);
  const relative = (file: string) => (path.isAbsolute(file) ? path.relative(cwd, file).replace(/\\/g, '/') : file);
  try {
    const command = toCommand(input);
    if (command.kind === 'help') {
      io.stdout.write(usage());
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${scannerVersion()}\n`);
      return 0;
    }
    const { options } = command;
    if (options.watch) return watch(options, { cwd, version: scannerVersion(), paths: existingPaths(options.paths, cwd), stdout: io.stdout, stderr: io.stderr });
    const scanned =
      options.cache || options.changedSince !== undefined
        ? scanIncrementally(options, { cwd, version: scannerVersion(), paths: existingPaths(options.paths, cwd), stderr: io.stderr })
        : scanWithOptions(options, cwd, (warning) => io.stderr.write(formatKnownError(warning, relative, 'warning')));
    if (options.baseline !== undefined && options.updateBaseline) {
      fs.writeFileSync(path.resolve(cwd, options.baseline), renderBaseline(scanned));
      io.stdout.write(`Baseline ${options.baseline} now records ${scanned.findings.length} finding(s); later scans report only new ones.\n`);
      return 0;
    }
    // Without --baseline, execution-governance.baseline.json beside the config applies, as in ESLint.
    const baselineFile =
      options.baseline === undefined ? conventionalBaseline(scanned.configFile?.absolutePath ?? null, createNodeHost()) : path.resolve(cwd, options.baseline);
    const result = baselineFile === undefined ? scanned : applyBaseline(scanned, readBaseline(baselineFile, options.baseline ?? relative(baselineFile)), baselineFile);
    const { output, exitCode } = reporters[options.format].reporter(result);
    io.stdout.write(output);
    return exitCode;
  } catch (error) {
    if (isKnownError(error)) {
      io.stderr.write(formatKnownError(error, relative));
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`error: scan-execution-violations failed unexpectedly; this is a bug, please report it with this output\n${detail}\n`);
    return 2;
  }
}
