import { UsageError } from './errors.js';

/** One option the command line accepts; `--help` is rendered from the same table. */
export interface OptionSpec {
  long: string;
  short?: string;
  /** Placeholder of the value (`<file>`); none means a boolean flag. */
  value?: string;
  multiple?: boolean;
  /** Lines of help text. */
  help: readonly string[];
}

/** Values as parsed: a string (or strings) for valued options, true for flags. */
export type ParsedValues = Record<string, string | string[] | boolean>;

/** Options users of ESLint-family tools try that we do not have, each with what to do instead. */
const NOT_SUPPORTED: Readonly<Record<string, string>> = {
  fix: 'findings are not auto-fixable: each rule doc says how to fix them by hand',
};

/** A usage error with our own wording and the help hint. */
export function usageError(message: string, hint = 'run `scan-execution-violations --help` for usage'): UsageError {
  return new UsageError(message, hint);
}

function store(values: ParsedValues, spec: OptionSpec, value: string | true): void {
  if (spec.multiple && typeof value === 'string') {
    const previous = values[spec.long];
    values[spec.long] = [...(Array.isArray(previous) ? previous : []), value];
  } else {
    values[spec.long] = value;
  }
}

/**
 * Splits argv into option values and positionals: `--name value`, `--name=value`, `-n value`,
 * `--no-<flag>` for a flag that has a `no-` twin, and `--` ending the options. Every mistake is a
 * UsageError worded here, never Node's parseArgs text.
 */
export function splitArgv(argv: readonly string[], specs: readonly OptionSpec[]): { values: ParsedValues; positionals: string[] } {
  const byLong = new Map(specs.map((spec) => [spec.long, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short as string, spec]));
  const values: ParsedValues = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const equals = long ? arg.indexOf('=') : -1;
    const name = long ? arg.slice(2, equals === -1 ? undefined : equals) : arg.slice(1);
    const spec = long ? byLong.get(name) : byShort.get(name);
    if (!spec) {
      const shown = long ? `--${name}` : arg;
      const reason = NOT_SUPPORTED[name];
      if (reason) throw usageError(`${shown} is not supported`, reason);
      throw usageError(`unknown option ${shown}`);
    }
    const shown = long ? `--${spec.long}` : `-${spec.short}`;
    if (!spec.value) {
      if (equals !== -1) throw usageError(`${shown} takes no value (got "${arg.slice(equals + 1)}")`);
      store(values, spec, true);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      const next = argv[i + 1];
      // A following option is not a value: `--project --format json` forgot the path.
      if (next !== undefined && !(next.startsWith('-') && next.length > 1)) {
        value = next;
        i += 1;
      }
    }
    if (value === undefined) throw usageError(`${shown} needs a value: ${shown} ${spec.value}`);
    if (value === '') throw usageError(`${shown} needs a non-empty value: ${shown} ${spec.value}`);
    store(values, spec, value);
  }
  return { values, positionals };
}

/** The option lines of `--help`, aligned, from the table. */
export function optionHelp(specs: readonly OptionSpec[]): string[] {
  const heads = specs.map((spec) => `${spec.short ? `-${spec.short}, ` : '    '}--${spec.long}${spec.value ? ` ${spec.value}` : ''}`);
  const width = Math.max(...heads.map((head) => head.length)) + 2;
  return specs.flatMap((spec, i) => spec.help.map((line, j) => `  ${(j === 0 ? (heads[i] ?? '') : '').padEnd(width)}${line}`.trimEnd()));
}
