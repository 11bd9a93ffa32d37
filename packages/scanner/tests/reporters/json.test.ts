import { describe, expect, it } from 'vitest';
import { json } from '../../src/reporters/json.js';
import { reporters } from '../../src/reporters/index.js';
import { parseScanResult } from '../../src/result.js';
import { finding, resultWith } from '../helpers/sample-result.js';

describe('json reporter', () => {
  it('prints the result itself, parseable by the result schema', () => {
    const result = resultWith([finding(), finding({ severity: 'warn', line: 7 })]);
    const { output, exitCode } = json(result);
    expect(exitCode).toBe(1);
    expect(output.endsWith('\n')).toBe(true);
    expect(parseScanResult(JSON.parse(output))).toEqual(result);
  });

  it('exit code follows error findings only', () => {
    expect(json(resultWith([finding({ severity: 'warn' })])).exitCode).toBe(0);
    expect(json(resultWith([])).exitCode).toBe(0);
  });

  it('reporters are pure: rendering twice gives the same output and leaves the result untouched', () => {
    const result = resultWith([finding()]);
    const before = structuredClone(result);
    for (const { reporter } of Object.values(reporters)) expect(reporter(result)).toEqual(reporter(result));
    expect(result).toEqual(before);
  });
});
