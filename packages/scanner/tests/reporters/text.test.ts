import { describe, expect, it } from 'vitest';
import { text } from '../../src/reporters/text.js';
import { finding, resultWith } from '../helpers/sample-result.js';

describe('text reporter', () => {
  it('clean: the literal OK line, the scanned count, exit 0', () => {
    expect(text(resultWith([]))).toEqual({ output: 'Execution scanner OK\n12 files scanned in 1 project\n', exitCode: 0 });
  });

  it('stylish: findings grouped under their file, aligned `line:col  severity  message  rule-id`, then the summary; exit 1', () => {
    const { output, exitCode } = text(
      resultWith([
        finding(),
        finding({ line: 9, column: 3, ruleId: 'syntax-error', messageId: 'syntaxError', message: 'Syntax error: x.' }),
        finding({ file: 'src/api/b.ts', line: 1, column: 1 }),
      ]),
    );
    expect(exitCode).toBe(1);
    expect(output.split('\n')).toEqual([
      'src/services/a.ts',
      '  3:10  error    "run" of Plugin is used outside its sanctioned files.  no-direct-plugin-run',
      '  9:3   error    Syntax error: x.                                       syntax-error',
      '',
      'src/api/b.ts',
      '  1:1  error    "run" of Plugin is used outside its sanctioned files.  no-direct-plugin-run',
      '',
      '✖ 3 problems (3 errors, 0 warnings) in 2 files; 12 files scanned in 1 project',
      '',
    ]);
  });

  it('warnings alone: printed as warnings, exit 0', () => {
    const { output, exitCode } = text(resultWith([finding({ severity: 'warn' })], 1));
    expect(exitCode).toBe(0);
    expect(output).toContain('  3:10  warning  "run" of Plugin is used outside its sanctioned files.  no-direct-plugin-run');
    expect(output).toContain('✖ 1 problem (0 errors, 1 warning) in 1 file; 1 file scanned in 1 project');
    expect(output).not.toContain('Execution scanner OK');
  });

  it('colour only when asked: file underlined, severity red/yellow, rule id dim', () => {
    const result = resultWith([finding(), finding({ severity: 'warn', line: 4 })]);
    expect(text(result).output).not.toContain('\u001b[');
    const coloured = text(result, { color: true }).output;
    expect(coloured).toContain('\u001b[4msrc/services/a.ts\u001b[0m');
    expect(coloured).toContain('\u001b[31merror  \u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
    expect(coloured).toContain('\u001b[2mno-direct-plugin-run\u001b[0m');
    expect(coloured.replace(/\u001b\[[\d;]*m/g, '')).toBe(text(result).output);
  });

  it('a newline or other control character in a file name or message cannot start a line of its own', () => {
    const hostile = finding({ file: 'src/evil\nExecution scanner OK\n.ts', message: 'bad\r\nExecution scanner OK\u001b[2J\u2028x' });
    const { output } = text(resultWith([hostile]));
    expect(output.split('\n')).not.toContain('Execution scanner OK');
    expect(output).toContain('src/evil\\nExecution scanner OK\\n.ts\n');
    expect(output).toContain('bad\\r\\nExecution scanner OK\\u001b[2J\\u2028x');
    expect(output.split('\n')).toHaveLength(5);
  });
});
