import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { isFormatName, reporters, type FormatName } from './reporters/index.js';

/** What a scan needs; every path is as given (resolved against the cwd later). */
export interface ScanOptions {
  /** tsconfig files (or directories holding one); empty means `tsconfig.json` in the cwd. */
  projects: string[];
  configFile?: string | undefined;
  format: FormatName;
  /** Files or directories whose findings are reported; empty means all. */
  paths: string[];
  /** Baseline file: findings it records are not reported. */
  baseline?: string | undefined;
  /** Write every current finding to the baseline file instead of reporting. */
  updateBaseline?: boolean | undefined;
  /** `--cache`: reuse findings whose inputs did not change (src/cache/). */
  cache?: boolean | undefined;
  /** `--cache-location`: cache file, or directory to hold it. */
  cacheLocation?: string | undefined;
  /** `--watch`: keep running and re-report on every change (src/watch.ts). */
  watch?: boolean | undefined;
  /** `--changed-since <ref>`: report files changed since the git ref and files whose closure changed. */
  changedSince?: string | undefined;
}

/** The command line, understood. */
export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanOptions };

/** The program name, as installed by the package's `bin`. */
export const BIN_NAME = 'scan-execution-violations';

const HELP_HINT = `run \`${BIN_NAME} --help\` for usage`;

/** `--help` text; the format list comes from the reporter map so it cannot drift. */
export function usage(): string {
  const formats = Object.entries(reporters).map(([name, { description }]) => `      ${name.padEnd(6)} ${description}`);
  return [
    `Usage: ${BIN_NAME} [--project <tsconfig>]... [--config <file>] [--format <name>] [--baseline <file> [--update-baseline]] [paths...]`,
    '',
    'Checks TypeScript projects against the execution-governance rules, with the type checker.',
    '',
    'Options:',
    '  -p, --project <tsconfig>  tsconfig to load (repeatable; a directory means its tsconfig.json).',
    '                            Project references are followed. Default: ./tsconfig.json',
    '  -c, --config <file>       execution-governance.config.json to use.',
    '                            Default: the nearest one at or above the working directory, else built-in defaults',
    '  -f, --format <name>       output format:',
    ...formats,
    '  -b, --baseline <file>     report only findings this baseline does not record (adopting on a large codebase)',
    '      --update-baseline     write every current finding to the --baseline file and exit 0',
    '      --cache               re-analyse only files whose inputs changed (their dependency closure, config, options)',
    '      --cache-location <p>  cache file or directory (default: node_modules/.cache/execution-governance/)',
    '      --changed-since <ref> report only files changed since the git ref and files depending on them;',
    '                            with --cache, only those are analysed',
    '  -w, --watch               keep running; re-report what changed on every file or config edit',
    '  -h, --help                show this help',
    '  -v, --version             show the version',
    '',
    'paths...                    report only files at or under these paths (the whole project is still type-checked)',
    '',
    'Exit codes: 0 no error findings, 1 error findings, 2 the scan could not run (bad usage, config, tsconfig or file).',
    '',
  ].join('\n');
}

/** The options of src/cache/, src/watch.ts and src/changed-files.ts, checked. */
function incrementalOptions(values: { cache?: boolean | undefined; 'cache-location'?: string | undefined; watch?: boolean | undefined; 'changed-since'?: string | undefined; 'update-baseline'?: boolean | undefined }) {
  const changedSince = values['changed-since'];
  if (changedSince === '') throw new UsageError('--changed-since needs a git ref', 'e.g. --changed-since origin/main');
  if (values['cache-location'] === '') throw new UsageError('--cache-location needs a non-empty path', HELP_HINT);
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache', 'add --cache to use a cache at that location');
  if (values.watch && (changedSince !== undefined || values['update-baseline'])) {
    throw new UsageError('--watch cannot be combined with --changed-since or --update-baseline', 'run the scan without --watch for those');
  }
  // Only the options given, so a plain scan's options stay what they were.
  return {
    ...(values.cache ? { cache: true } : {}),
    ...(values['cache-location'] !== undefined ? { cacheLocation: values['cache-location'] } : {}),
    ...(values.watch ? { watch: true } : {}),
    ...(changedSince !== undefined ? { changedSince } : {}),
  };
}

/** Parses argv (without `node` and the script). Throws UsageError on anything it cannot use. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        project: { type: 'string', short: 'p', multiple: true },
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        baseline: { type: 'string', short: 'b' },
        'update-baseline': { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        watch: { type: 'boolean', short: 'w' },
        'changed-since': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs errors are already user-facing ("Unknown option '--x'..."); keep their first line.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new UsageError(message, HELP_HINT);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const format = values.format ?? 'text';
  if (!isFormatName(format)) {
    throw new UsageError(`unknown format "${format}"`, `use one of: ${Object.keys(reporters).join(', ')}`);
  }
  if (values['update-baseline'] && values.baseline === undefined) {
    throw new UsageError('--update-baseline needs --baseline <file>', 'name the baseline file to write, e.g. --baseline execution-governance.baseline.json');
  }
  for (const [name, value] of [['--project', values.project?.find((p) => p === '')], ['--config', values.config], ['--baseline', values.baseline]] as const) {
    if (value === '') throw new UsageError(`${name} needs a non-empty path`, HELP_HINT);
  }
  return {
    kind: 'scan',
    options: {
      projects: values.project ?? [],
      configFile: values.config,
      format,
      paths: positionals,
      baseline: values.baseline,
      updateBaseline: values['update-baseline'] ?? false,
      ...incrementalOptions(values),
    },
  };
}
