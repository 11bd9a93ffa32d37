import { describe, expect, it } from 'vitest';
import { parseCommandLine, usage } from '../src/args.js';
import { UsageError } from '../src/errors.js';
import { reporters } from '../src/reporters/index.js';

describe('parseCommandLine', () => {
  it('defaults: no projects, text format, no paths', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'scan', options: { projects: [], configFile: undefined, format: 'text', paths: [], baseline: undefined, updateBaseline: false } });
  });

  it('repeated --project, --config, --format and positional paths', () => {
    expect(parseCommandLine(['--project', 'a/tsconfig.json', '-p', 'b', '--config', 'x.json', '--format', 'json', 'src', 'lib/x.ts'])).toEqual({
      kind: 'scan',
      options: { projects: ['a/tsconfig.json', 'b'], configFile: 'x.json', format: 'json', paths: ['src', 'lib/x.ts'], baseline: undefined, updateBaseline: false },
    });
  });

  it('--opt=value and short flags', () => {
    expect(parseCommandLine(['--format=json', '-c', 'c.json'])).toMatchObject({ options: { format: 'json', configFile: 'c.json' } });
  });

  it('--help and --version win over everything else', () => {
    expect(parseCommandLine(['-p', 'x', '--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    { name: 'unknown option', argv: ['--nope'], message: /Unknown option '--nope'/, hint: /--help/ },
    { name: 'option missing its value', argv: ['--project'], message: /--project/, hint: /--help/ },
    { name: 'unknown format', argv: ['--format', 'xml'], message: /unknown format "xml"/, hint: /text, json/ },
    { name: 'empty --config', argv: ['--config='], message: /--config needs a non-empty path/, hint: /--help/ },
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
    for (const [name, { description }] of Object.entries(reporters)) expect(text).toContain(`${name.padEnd(6)} ${description}`);
    expect(text).toMatch(/Exit codes: 0 .*, 1 .*, 2 /);
  });
});
