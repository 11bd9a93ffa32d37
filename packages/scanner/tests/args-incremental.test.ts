import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/args.js';
import { UsageError } from '../src/errors.js';

describe('parseCommandLine: --cache, --cache-location, --watch, --changed-since', () => {
  it('are parsed only when given', () => {
    const command = parseCommandLine(['--cache', '--cache-location', '.cache/', '--changed-since', 'origin/main']);
    expect(command).toMatchObject({ kind: 'scan', options: { cache: true, cacheLocation: '.cache/', changedSince: 'origin/main' } });
    expect(parseCommandLine(['-w'])).toMatchObject({ kind: 'scan', options: { watch: true } });
    const plain = parseCommandLine([]);
    expect(plain.kind === 'scan' && Object.keys(plain.options)).not.toContain('cache');
  });

  for (const [name, argv, message] of [
    ['--cache-location without --cache', ['--cache-location', 'x'], '--cache-location needs --cache'],
    ['empty --changed-since', ['--changed-since='], '--changed-since needs a git ref'],
    ['--watch with --changed-since', ['--watch', '--changed-since', 'main'], '--watch cannot be combined'],
  ] as const) {
    it(`usage error: ${name}`, () => {
      expect(() => parseCommandLine(argv)).toThrow(UsageError);
      expect(() => parseCommandLine(argv)).toThrow(message);
    });
  }
});
