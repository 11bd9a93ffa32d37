import { describe, expect, it } from 'vitest';
import { text } from '../../src/reporters/text.js';
import { finding, resultWith } from '../helpers/sample-result.js';

describe('text reporter', () => {
  it('clean: the literal OK line, the scanned count, exit 0', () => {
    expect(text(resultWith([]))).toEqual({ output: 'Execution scanner OK\n12 files scanned in 1 project\n', exitCode: 0 });
  });

  it('one line per finding `file:line:col  rule-id  message`, then the summary; exit 1', () => {
    const { output, exitCode } = text(
      resultWith([
        finding(),
        finding({ line: 9, column: 3, ruleId: 'syntax-error', messageId: 'syntaxError', message: 'Syntax error: x.' }),
        finding({ file: 'src/api/b.ts', line: 1, column: 1 }),
      ]),
    );
    expect(exitCode).toBe(1);
    expect(output.split('\n')).toEqual([
      'src/services/a.ts:3:10  no-direct-plugin-run  "run" of Plugin is used outside its sanctioned files.',
      'src/services/a.ts:9:3  syntax-error  Syntax error: x.',
      'src/api/b.ts:1:1  no-direct-plugin-run  "run" of Plugin is used outside its sanctioned files.',
      '',
      '3 problems (3 errors, 0 warnings) in 2 files; 12 files scanned in 1 project',
      '',
    ]);
  });

  it('warnings alone: printed and marked, exit 0', () => {
    const { output, exitCode } = text(resultWith([finding({ severity: 'warn' })], 1));
    expect(exitCode).toBe(0);
    expect(output).toContain('src/services/a.ts:3:10  no-direct-plugin-run  "run" of Plugin is used outside its sanctioned files. (warning)');
    expect(output).toContain('1 problem (0 errors, 1 warning) in 1 file; 1 file scanned in 1 project');
    expect(output).not.toContain('Execution scanner OK');
  });
});
