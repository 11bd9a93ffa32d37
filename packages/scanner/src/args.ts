import { optionHelp, splitArgv, usageError, type OptionSpec, type ParsedValues } from './argv.js';
import { isFormatName, reporters, type FormatName } from './reporters/index.js';

/** What a scan needs; every path is as given (resolved against the cwd later). */
export interface ScanOptions {
  /** tsconfig files (or directories holding one); empty means `tsconfig.json` in the cwd. */
  projects: string[];
  configFile?: string | undefined;
  format: FormatName;
  /** Files or directories whose findings are reported; empty means all. Missing ones are skipped with a note. */
  paths: string[];
  /** Baseline file: findings it records are not reported. */
  baseline?: string | undefined;
  /** Write every current finding to the baseline file instead of reporting. */
  updateBaseline?: boolean | undefined;
  /** Exit 1 when more warnings than this are found. */
  maxWarnings?: number | undefined;
  /** Report errors only (warnings still count for --max-warnings). */
  quiet?: boolean | undefined;
  /** Write the report to this file instead of stdout. */
  outputFile?: string | undefined;
  /** Colour the text report; undefined means "when stdout is a terminal". */
  color?: boolean | undefined;
  /** `--changed-since <ref>`: report files changed since the git ref and files whose closure changed. */
  changedSince?: string | undefined;
  /** `--cache`: reuse findings whose inputs did not change (src/cache/). */
  cache?: boolean | undefined;
  /** `--cache-location`: cache file, or directory to hold it. */
  cacheLocation?: string | undefined;
  /** `--watch`: keep running and re-report on every change (src/watch.ts). */
  watch?: boolean | undefined;
  /** `--daemon`: a `--cache` scan answered by a background process that keeps TypeScript and the parsed files in memory (src/daemon/). */
  daemon?: boolean | undefined;
}

/** What `init` needs. */
export interface InitOptions {
  projects: string[];
  /** Where to write the config (default: execution-governance.config.json in the cwd). */
  output?: string | undefined;
  /** Overwrite an existing config. */
  force: boolean;
}

/** The command line, understood. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; options: ScanOptions }
  | { kind: 'init'; options: InitOptions }
  | { kind: 'stop-daemon' }
  | { kind: 'print-config'; file: string; configFile?: string | undefined };

/** The program name, as installed by the package's `bin`. */
export const BIN_NAME = 'scan-execution-violations';

const OPTIONS: readonly OptionSpec[] = [
  {
    long: 'project',
    short: 'p',
    value: '<tsconfig>',
    multiple: true,
    help: ['tsconfig to load (repeatable; a directory means its tsconfig.json).', 'Project references are followed. Default: ./tsconfig.json'],
  },
  {
    long: 'config',
    short: 'c',
    value: '<file>',
    help: ['execution-governance.config.json to use.', 'Default: the nearest one at or above the working directory, else built-in defaults'],
  },
  { long: 'format', short: 'f', value: '<name>', help: ['output format (see Formats below). Default: text'] },
  { long: 'output-file', short: 'o', value: '<file>', help: ['write the report to this file instead of stdout'] },
  { long: 'quiet', help: ['report errors only (warnings still count for --max-warnings)'] },
  { long: 'max-warnings', value: '<n>', help: ['exit 1 when more than n warnings are found'] },
  { long: 'color', help: ['colour the text report (default: only when stdout is a terminal and NO_COLOR is unset)'] },
  { long: 'no-color', help: ['never colour the report'] },
  {
    long: 'changed-since',
    value: '<git-ref>',
    help: [
      'report only files changed since <git-ref> (committed, staged, unstaged or untracked)',
      'and files depending on them; with --cache, only those are analysed',
    ],
  },
  { long: 'cache', help: ['re-analyse only files whose inputs changed (their dependency closure, config, options)'] },
  { long: 'cache-location', value: '<path>', help: ['cache file or directory (default: node_modules/.cache/execution-governance/)'] },
  { long: 'watch', short: 'w', help: ['keep running; re-report what changed on every file or config edit'] },
  {
    long: 'daemon',
    help: [
      'with --cache (implied): scans are answered by a background process that keeps TypeScript',
      'and the parsed files in memory; the first scan starts it; it stops after 15 idle minutes',
    ],
  },
  { long: 'stop-daemon', help: ['stop every background process of --daemon (yours, any build) and exit'] },
  { long: 'baseline', short: 'b', value: '<file>', help: ['report only findings this baseline does not record (adopting on a large codebase)'] },
  { long: 'update-baseline', help: ['write every current finding to the --baseline file and exit 0'] },
  { long: 'print-config', value: '<file>', help: ['print the resolved config that applies to <file> as JSON and exit'] },
  { long: 'init', help: ['same as the `init` command'] },
  { long: 'force', help: ['init: overwrite an existing config file'] },
  { long: 'help', short: 'h', help: ['show this help'] },
  { long: 'version', short: 'v', help: ['show the version'] },
];

/** `--help` text; option lines come from the option table and formats from the reporter map. */
export function usage(): string {
  const formatWidth = Math.max(...Object.keys(reporters).map((name) => name.length)) + 2;
  const formats = Object.entries(reporters).map(([name, { description }]) => `  ${name.padEnd(formatWidth)}${description}`);
  return [
    `Usage: ${BIN_NAME} [options] [paths...]`,
    `       ${BIN_NAME} init [--project <tsconfig>]... [--output-file <file>] [--force]`,
    '',
    'Checks TypeScript projects against the execution-governance rules, with the type checker.',
    '`init` inspects the project and writes a starter execution-governance.config.json.',
    '',
    'Options:',
    ...optionHelp(OPTIONS),
    '',
    'paths...  report only files at or under these paths (the whole project is still type-checked);',
    '          paths that do not exist (deleted in a diff) are skipped with a note',
    '',
    'Formats:',
    ...formats,
    '',
    'Exit codes: 0 no error findings, 1 error findings (or more warnings than --max-warnings),',
    '2 the scan could not run (bad usage, config, tsconfig or file).',
    '',
  ].join('\n');
}

function stringOption(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function maxWarnings(values: ParsedValues): number | undefined {
  const raw = stringOption(values, 'max-warnings');
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw usageError(`--max-warnings needs a whole number of warnings (got "${raw}")`, 'e.g. --max-warnings 0 fails on any warning');
  return Number(raw);
}

function format(values: ParsedValues): FormatName {
  const name = stringOption(values, 'format') ?? 'text';
  if (!isFormatName(name)) throw usageError(`unknown format "${name}"`, `use one of: ${Object.keys(reporters).join(', ')}`);
  return name;
}

function projects(values: ParsedValues): string[] {
  const given = values.project;
  return Array.isArray(given) ? given : [];
}

/** The options of src/cache/, src/watch.ts and src/changed-files.ts, checked. */
function incrementalOptions(values: ParsedValues): Pick<ScanOptions, 'cache' | 'cacheLocation' | 'watch' | 'changedSince' | 'daemon'> {
  const changedSince = stringOption(values, 'changed-since');
  const cacheLocation = stringOption(values, 'cache-location');
  if (cacheLocation !== undefined && !values.cache && !values.daemon)
    throw usageError('--cache-location needs --cache', 'add --cache to use a cache at that location');
  if (values.watch && (changedSince !== undefined || values['update-baseline'])) {
    throw usageError('--watch cannot be combined with --changed-since or --update-baseline', 'run the scan without --watch for those');
  }
  if (values.watch && values.daemon)
    throw usageError('--watch cannot be combined with --daemon', '--watch keeps everything in memory itself; give one of them');
  // Only the options given, so a plain scan's options stay what they were.
  return {
    ...(values.cache || values.daemon ? { cache: true } : {}),
    ...(values.daemon ? { daemon: true } : {}),
    ...(cacheLocation !== undefined ? { cacheLocation } : {}),
    ...(values.watch ? { watch: true } : {}),
    ...(changedSince !== undefined ? { changedSince } : {}),
  };
}

function rejectFor(command: string, values: ParsedValues, allowed: readonly string[]): void {
  const extra = Object.keys(values).filter((name) => !allowed.includes(name));
  if (extra.length > 0) throw usageError(`${extra.map((name) => `--${name}`).join(', ')} cannot be used with ${command}`);
}

/** Parses argv (without `node` and the script). Throws UsageError on anything it cannot use. */
export function parseCommandLine(argv: readonly string[]): Command {
  const { values, positionals } = splitArgv(argv, OPTIONS);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values.init || positionals[0] === 'init') {
    rejectFor('init', values, ['init', 'project', 'output-file', 'force']);
    const rest = positionals[0] === 'init' ? positionals.slice(1) : positionals;
    if (rest.length > 0) throw usageError(`init takes no paths (got ${rest.join(' ')})`, 'run it from the project root, or name the tsconfig with --project');
    return { kind: 'init', options: { projects: projects(values), output: stringOption(values, 'output-file'), force: values.force === true } };
  }
  if (values['stop-daemon']) {
    rejectFor('--stop-daemon', values, ['stop-daemon']);
    if (positionals.length > 0) throw usageError(`--stop-daemon takes no paths (got ${positionals.join(' ')})`);
    return { kind: 'stop-daemon' };
  }
  if (values.force) throw usageError('--force is only for init', `run \`${BIN_NAME} init --force\` to overwrite an existing config`);
  const printConfig = stringOption(values, 'print-config');
  if (printConfig !== undefined) {
    rejectFor('--print-config', values, ['print-config', 'config']);
    if (positionals.length > 0) throw usageError(`--print-config takes one file (got also ${positionals.join(' ')})`);
    return { kind: 'print-config', file: printConfig, configFile: stringOption(values, 'config') };
  }
  if (values.color && values['no-color']) throw usageError('--color and --no-color contradict each other; give one');
  const baseline = stringOption(values, 'baseline');
  if (values['update-baseline'] && baseline === undefined) {
    throw usageError('--update-baseline needs --baseline <file>', 'name the baseline file to write, e.g. --baseline execution-governance.baseline.json');
  }
  return {
    kind: 'scan',
    options: {
      projects: projects(values),
      configFile: stringOption(values, 'config'),
      format: format(values),
      paths: positionals,
      baseline,
      updateBaseline: values['update-baseline'] === true,
      maxWarnings: maxWarnings(values),
      quiet: values.quiet === true,
      outputFile: stringOption(values, 'output-file'),
      color: values.color ? true : values['no-color'] ? false : undefined,
      ...incrementalOptions(values),
    },
  };
}
