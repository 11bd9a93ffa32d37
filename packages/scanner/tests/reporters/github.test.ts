import { describe, expect, it } from 'vitest';
import { github } from '../../src/reporters/github.js';
import { text } from '../../src/reporters/text.js';
import { finding, resultWith } from '../helpers/sample-result.js';

describe('github reporter', () => {
  it('clean: only the text report, exit 0', () => {
    expect(github(resultWith([]))).toEqual(text(resultWith([])));
  });

  it('one workflow command per finding, escaped, then the text report', () => {
    const result = resultWith([
      finding({ message: 'line one\nline 100%' }),
      finding({ file: 'src/a,b:c.ts', severity: 'warn', line: 2, column: 1, endLine: 2, endColumn: 4 }),
    ]);
    const { output, exitCode } = github(result);
    expect(exitCode).toBe(1);
    const [first, second, ...rest] = output.split('\n');
    expect(first).toBe('::error file=src/services/a.ts,line=3,col=10,endLine=3,endColumn=20,title=no-direct-plugin-run::line one%0Aline 100%25');
    expect(second).toBe(
      '::warning file=src/a%2Cb%3Ac.ts,line=2,col=1,endLine=2,endColumn=4,title=no-direct-plugin-run::"run" of Plugin is used outside its sanctioned files.',
    );
    expect(rest.join('\n')).toBe(text(result).output);
  });
});
