import { describe, expect, it } from 'vitest';
import { parseCommandLine, usage } from '../src/args.js';
import { UsageError } from '../src/errors.js';
import { reporters } from '../src/reporters/index.js';

const DEFAULTS = {
  projects: [],
  configFile: undefined,
  format: 'text',
  paths: [],
  baseline: undefined,
  updateBaseline: false,
  maxWarnings: undefined,
  quiet: false,
  outputFile: undefined,
  color: undefined,
  changedSince: undefined,
};

describe('parseCommandLine', () => {
  it('defaults: no projects, text format, no paths', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'scan', options: { ...DEFAULTS } });
  });

  it('repeated --project, --config, --format and positional paths', () => {
    expect(parseCommandLine(['--project', 'a/tsconfig.json', '-p', 'b', '--config', 'x.json', '--format', 'json', 'src', 'lib/x.ts'])).toEqual({
      kind: 'scan',
      options: { ...DEFAULTS, projects: ['a/tsconfig.json', 'b'], configFile: 'x.json', format: 'json', paths: ['src', 'lib/x.ts'] },
    });
  });

  it('--opt=value and short flags', () => {
    expect(parseCommandLine(['--format=json', '-c', 'c.json'])).toMatchObject({ options: { format: 'json', configFile: 'c.json' } });
  });

  it('the ESLint-family flags', () => {
    expect(parseCommandLine(['--max-warnings', '0', '--quiet', '-o', 'out/report.txt', '--no-color', '--changed-since', 'origin/main', '-f', 'junit'])).toEqual(
      {
        kind: 'scan',
        options: { ...DEFAULTS, maxWarnings: 0, quiet: true, outputFile: 'out/report.txt', color: false, changedSince: 'origin/main', format: 'junit' },
      },
    );
    expect(parseCommandLine(['--color'])).toMatchObject({ options: { color: true } });
  });

  it('`--` ends the options: a path may start with a dash', () => {
    expect(parseCommandLine(['--', '-weird.ts'])).toMatchObject({ options: { paths: ['-weird.ts'] } });
  });

  it('init, --init and --print-config', () => {
    expect(parseCommandLine(['init'])).toEqual({ kind: 'init', options: { projects: [], output: undefined, force: false } });
    expect(parseCommandLine(['--init', '-p', 'app', '--force', '-o', 'x.json'])).toEqual({
      kind: 'init',
      options: { projects: ['app'], output: 'x.json', force: true },
    });
    expect(parseCommandLine(['--print-config', 'src/a.ts', '-c', 'c.json'])).toEqual({ kind: 'print-config', file: 'src/a.ts', configFile: 'c.json' });
  });

  it('--help and --version win over everything else', () => {
    expect(parseCommandLine(['-p', 'x', '--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    { name: 'unknown option', argv: ['--nope'], message: /^unknown option --nope$/, hint: /--help/ },
    { name: 'unknown short option', argv: ['-x'], message: /^unknown option -x$/, hint: /--help/ },
    { name: 'option missing its value', argv: ['--project'], message: /^--project needs a value: --project <tsconfig>$/, hint: /--help/ },
    { name: 'option followed by another option', argv: ['-o', '--quiet'], message: /^-o needs a value: -o <file>$/, hint: /--help/ },
    { name: 'flag given a value', argv: ['--quiet=yes'], message: /^--quiet takes no value/, hint: /--help/ },
    { name: 'ESLint --fix', argv: ['--fix'], message: /^--fix is not supported$/, hint: /not auto-fixable/ },
    { name: 'max-warnings not a number', argv: ['--max-warnings', 'ten'], message: /whole number/, hint: /--max-warnings 0/ },
    { name: '--color with --no-color', argv: ['--color', '--no-color'], message: /contradict/, hint: /--help/ },
    { name: '--update-baseline alone', argv: ['--update-baseline'], message: /needs --baseline/, hint: /--baseline execution-governance/ },
    { name: 'init with a scan option', argv: ['init', '--format', 'json'], message: /--format cannot be used with init/, hint: /--help/ },
    { name: '--force without init', argv: ['--force'], message: /only for init/, hint: /init --force/ },
    { name: 'unknown format', argv: ['--format', 'xml'], message: /unknown format "xml"/, hint: /text, json/ },
    { name: 'empty --config', argv: ['--config='], message: /--config needs a non-empty value/, hint: /--help/ },
  ])('usage error: $name', ({ argv, message, hint }) => {
    let caught: unknown;
    try {
      parseCommandLine(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toMatch(message);
    expect((caught as UsageError).hint).toMatch(hint);
  });

  it('--help lists every reporter from the reporter map, and the exit codes', () => {
    const text = usage();
    for (const [name, { description }] of Object.entries(reporters))
      expect(text).toMatch(new RegExp(`^  ${name} +${description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(text).toMatch(/Exit codes: 0 .*, 1 .*\n2 /);
  });
});
