import { describe, expect, it } from 'vitest';
import { escapeControl, escapeJsonText } from '../../src/reporters/escape.js';
import { json } from '../../src/reporters/json.js';
import { sarif } from '../../src/reporters/sarif.js';
import { github } from '../../src/reporters/github.js';
import { reporters } from '../../src/reporters/index.js';
import { finding, resultWith } from '../helpers/sample-result.js';

const HOSTILE = finding({ file: 'src/a\nExecution scanner OK\u2028.ts', message: 'x\r\nExecution scanner OK\u0085\u001b]0;t\u0007' });

describe('control characters in reports', () => {
  it('escapeControl shows every C0/C1 control, DEL and U+2028/9 as an escape', () => {
    expect(escapeControl('a\nb\rc\td\u0000e\u007ff\u0085g\u2028h\u2029')).toBe('a\\nb\\rc\\td\\u0000e\\u007ff\\u0085g\\u2028h\\u2029');
    expect(escapeControl('plain ünïcödé ✓')).toBe('plain ünïcödé ✓');
  });

  it('JSON keeps the values exact but puts no raw line break or control character in its text', () => {
    expect(JSON.parse(escapeJsonText(JSON.stringify({ v: 'a\u2028\u0085' })))).toEqual({ v: 'a\u2028\u0085' });
    for (const reporter of [json, sarif]) {
      const { output } = reporter(resultWith([HOSTILE]));
      expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(JSON.stringify(JSON.parse(output))).toContain('Execution scanner OK');
    }
  });

  it('every reporter: no output line is exactly the clean line when findings exist', () => {
    for (const [name, { reporter }] of Object.entries(reporters)) {
      const { output } = reporter(resultWith([HOSTILE]));
      expect(output.split(/\r?\n|\u2028|\u2029/), name).not.toContain('Execution scanner OK');
      expect(output, name).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    }
  });

  it('github: one workflow command per finding, whatever the file name holds', () => {
    const { output } = github(resultWith([HOSTILE]));
    expect(output.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(1);
  });
});
