import { describe, expect, it } from 'vitest';
import { junit } from '../../src/reporters/junit.js';
import { finding, resultWith } from '../helpers/sample-result.js';

/** `name="…"` attributes of every element `tag` in the XML. */
function attributes(xml: string, tag: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'g'))].map((m) => m[1] as string);
}

describe('junit reporter', () => {
  it('clean: one passing testcase, exit 0', () => {
    const { output, exitCode } = junit(resultWith([]));
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites>\n/);
    expect(attributes(output, 'testcase', 'name')).toEqual(['Execution scanner OK']);
    expect(output).not.toContain('<failure');
  });

  it('one testsuite per file and one failing testcase per finding; exit 1 with errors', () => {
    const { output, exitCode } = junit(resultWith([finding(), finding({ line: 7 }), finding({ file: 'src/b.ts', severity: 'warn' })]));
    expect(exitCode).toBe(1);
    expect(attributes(output, 'testsuite', 'name')).toEqual(['src/services/a.ts', 'src/b.ts']);
    expect(attributes(output, 'testsuite', 'failures')).toEqual(['2', '1']);
    expect(attributes(output, 'testcase', 'classname')).toEqual(['src/services/a.ts', 'src/services/a.ts', 'src/b.ts']);
    expect(output).toContain('line 7, col 10, Error - &quot;run&quot; of Plugin is used outside its sanctioned files. (no-direct-plugin-run)</failure>');
    expect(output).toContain('Warning - ');
  });

  it('XML metacharacters and control characters are escaped (the document stays well-formed XML 1.0)', () => {
    const { output } = junit(resultWith([finding({ file: 'src/<a&b>\n".ts', message: "it's <bad>\u0000" })]));
    expect(output).toContain('name="src/&lt;a&amp;b&gt;\\n&quot;.ts"');
    expect(output).toContain('message="it&apos;s &lt;bad&gt;\\u0000"');
    expect(output).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
