import { RULE_IDS, ruleDocsUrl } from '@execgov/core';
import { describe, expect, it } from 'vitest';
import { sarif } from '../../src/reporters/sarif.js';
import { finding, resultWith } from '../helpers/sample-result.js';

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri?: string; shortDescription: { text: string } }> } };
    originalUriBaseIds: { SRCROOT: { uri: string } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

function render(...findings: Parameters<typeof resultWith>[0]): { log: SarifLog; exitCode: number } {
  const { output, exitCode } = sarif(resultWith(findings));
  return { log: JSON.parse(output) as SarifLog, exitCode };
}

describe('sarif reporter', () => {
  it('describes every core rule with its docs link, even on a clean run', () => {
    const { log, exitCode } = render();
    expect(exitCode).toBe(0);
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'scan-execution-violations', version: '0.1.0' });
    expect(driver.rules.map((rule) => rule.id)).toEqual([...RULE_IDS]);
    expect(driver.rules[0]!.helpUri).toBe(ruleDocsUrl(RULE_IDS[0]));
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('gives each finding its rule index, level, region relative to the source root and fingerprint', () => {
    const { log, exitCode } = render(
      finding(),
      finding({ ruleId: 'no-layer-bypass', severity: 'warn', line: 7, column: 2, endLine: 8, endColumn: 5, fingerprint: 'f2' }),
      finding({ ruleId: 'syntax-error', messageId: 'syntaxError', message: 'Syntax error: x.', fingerprint: 'f3' }),
    );
    expect(exitCode).toBe(1);
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe('file:///repo/');
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual([...RULE_IDS, 'syntax-error']);
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['no-direct-plugin-run', 0, 'error'],
      ['no-layer-bypass', 1, 'warning'],
      ['syntax-error', RULE_IDS.length, 'error'],
    ]);
    expect(run.results[1]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/services/a.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 7, startColumn: 2, endLine: 8, endColumn: 5 },
    });
    expect(run.results[1]!.partialFingerprints).toEqual({ 'executionGovernance/v1': 'f2' });
    expect(run.results[0]!.message.text).toBe('"run" of Plugin is used outside its sanctioned files.');
  });
});
