import * as fs from 'node:fs';
import * as path from 'node:path';
import { conventionalBaseline, createBaselineLocator, createNodeHost } from '@execgov/core/files';
import { BIN_NAME, parseCommandLine, usage, type Command, type ScanOptions } from './args.js';
import { applyBaselines, governedElsewhere, renderBaseline } from './baseline.js';
import { core } from './core-module.js';
import { formatKnownError, isKnownError, UsageError } from './errors.js';
import { unreadablePathError } from './file-access.js';
import { scanIncrementally } from './incremental.js';
import { runInit } from './init/index.js';
import { givenRoots, planProjects } from './load-projects.js';
import { writeUserFile } from './output-file.js';
import { printConfig } from './print-config.js';
import { escapeControl, reporters } from './reporters/index.js';
import type { SourceFileStore } from './cache/source-files.js';
import type { ScanResult } from './result.js';
import { summarize } from './summary.js';
import { scan, type ScanInput } from './scan.js';
import { watch } from './watch.js';

/** Where run() writes and what it treats as the working directory; injectable for tests. */
export interface RunIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  cwd: string;
  /** Environment for NO_COLOR / FORCE_COLOR; none means no colour unless --color. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Parsed and bound files a long-lived caller (the daemon) keeps across `--cache` scans; none parses every file. */
  sourceFiles?: SourceFileStore | undefined;
}

/** 0: no error findings; 1: error findings; 2: the scan could not run. */
export type ExitCode = 0 | 1 | 2;

/** Version of this package, read from its package.json (one place). */
export function scannerVersion(): string {
  const packageJson = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}

/** What a scan reports on: undefined means every file; otherwise files at or under these (maybe none). */
function reportedPaths(options: ScanOptions, cwd: string, note: (line: string) => void): string[] | undefined {
  const given = options.paths.filter((p) => {
    if (fs.existsSync(path.resolve(cwd, p))) return true;
    note(`note: skipped ${escapeControl(p)}: it does not exist (deleted, or a typo)`);
    return false;
  });
  const paths = given.map((p) => path.resolve(cwd, p));
  if (options.paths.length > 0 && paths.length === 0) note('note: none of the given paths exist; nothing is reported');
  return options.paths.length > 0 ? paths : undefined;
}

/** Runs one scan with already-parsed options and returns its result (throws known errors). */
export function scanWithOptions(
  options: ScanOptions,
  cwd: string,
  io: Pick<RunIO, 'stderr' | 'sourceFiles'> = { stderr: { write: () => true } },
  onConfigWarning?: ScanInput['onConfigWarning'],
): ScanResult {
  const note = (line: string) =>
    io.stderr.write(`${line}
`);
  const paths = reportedPaths(options, cwd, note);
  // --cache and --changed-since go through the incremental scan (src/incremental.ts); a list of
  // paths that all vanished reports nothing, which only the plain scan can say.
  if ((options.cache || options.changedSince !== undefined) && !(paths && paths.length === 0)) {
    return scanIncrementally(options, { cwd, version: scannerVersion(), paths: paths ?? [], stderr: io.stderr, onConfigWarning, sourceFiles: io.sourceFiles });
  }
  const config = core().loadConfig({ startDir: cwd, configFile: options.configFile });
  const plans = planProjects(options.projects, cwd);
  return scan({
    cwd,
    config,
    configFile: options.configFile,
    plans,
    paths,
    version: scannerVersion(),
    onConfigWarning,
    onNote: note,
    given: givenRoots(options.projects, cwd),
  });
}

function toCommand(input: readonly string[] | ScanOptions): Command {
  return 'format' in input ? { kind: 'scan', options: input } : parseCommandLine(input);
}

function useColor(options: ScanOptions, io: RunIO): boolean {
  if (options.color !== undefined) return options.color;
  if (options.outputFile !== undefined) return false;
  const env = io.env ?? {};
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return io.stdout.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

function errorsOnly(result: ScanResult): ScanResult {
  const findings = result.findings.filter((finding) => finding.severity === 'error');
  return { ...result, findings, summary: summarize(findings) };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function runScan(options: ScanOptions, cwd: string, io: RunIO): ExitCode {
  const note = (line: string) => io.stderr.write(`${line}\n`);
  if (options.watch) {
    return watch(options, { cwd, version: scannerVersion(), paths: reportedPaths(options, cwd, note) ?? [], stdout: io.stdout, stderr: io.stderr });
  }
  const relative = (file: string) => (path.isAbsolute(file) ? path.relative(cwd, file).replace(/\\/g, '/') : file);
  const scanned = scanWithOptions(options, cwd, io, (warning) => io.stderr.write(formatKnownError(warning, relative, 'warning')));
  // One rule for both front ends (the core's conventionalBaseline): without --baseline, each
  // finding meets the execution-governance.baseline.json on its own config chain.
  const host = createNodeHost();
  const baselineOf = createBaselineLocator({ host, configFile: options.configFile === undefined ? undefined : path.resolve(cwd, options.configFile) });
  const explicit = options.baseline === undefined ? undefined : path.resolve(cwd, options.baseline);
  if (explicit !== undefined && options.updateBaseline) {
    writeUserFile(explicit, renderBaseline(scanned), 'baseline', options.baseline ?? relative(explicit));
    io.stdout.write(
      `Baseline ${escapeControl(options.baseline ?? relative(explicit))} now records ${scanned.findings.length} finding(s); later scans report only new ones.\n`,
    );
    for (const [other, count] of governedElsewhere(scanned, explicit, baselineOf)) {
      const shown = escapeControl(relative(other));
      note(
        `note: ${count} of them are under a config whose nearest baseline is ${shown}, which a scan without --baseline applies to them instead; refresh it too: --baseline ${shown} --update-baseline ${escapeControl(relative(path.dirname(other)) || '.')}`,
      );
    }
    return 0;
  }
  const result =
    explicit === undefined
      ? applyBaselines(scanned, baselineOf, { alsoApplied: optional(conventionalBaseline(scanned.configFile?.absolutePath ?? null, host)), shown: relative })
      : applyBaselines(scanned, () => explicit, { alsoApplied: [explicit], shown: () => options.baseline ?? relative(explicit) });
  const { output, exitCode } = reporters[options.format].reporter(options.quiet ? errorsOnly(result) : result, { color: useColor(options, io) });
  if (options.outputFile === undefined) io.stdout.write(output);
  else writeUserFile(path.resolve(cwd, options.outputFile), output, 'report', options.outputFile);
  const warnings = result.summary.warnings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    note(`error: ${warnings} warning(s) found; --max-warnings allows ${options.maxWarnings}`);
    return 1;
  }
  return exitCode;
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
    switch (command.kind) {
      case 'help':
        io.stdout.write(usage());
        return 0;
      case 'version':
        io.stdout.write(`${scannerVersion()}\n`);
        return 0;
      case 'print-config':
        io.stdout.write(printConfig(command.file, command.configFile, cwd));
        return 0;
      case 'init':
        return runInit(command.options, cwd, io);
      case 'stop-daemon':
        // Talking to the daemon takes a socket, which run() (synchronous) cannot wait for.
        throw new UsageError('--stop-daemon is a command of the CLI, not of run()', `run \`${BIN_NAME} --stop-daemon\``);
      case 'scan':
        return runScan(command.options, cwd, io);
    }
  } catch (thrown) {
    // A file-system refusal from deep inside a loader is the user's to fix, like any known error.
    const error = unreadablePathError(thrown, cwd) ?? thrown;
    if (isKnownError(error)) {
      io.stderr.write(formatKnownError(error, relative));
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`error: scan-execution-violations failed unexpectedly; this is a bug, please report it with this output\n${detail}\n`);
    return 2;
  }
}
