import { pathToFileURL } from 'node:url';
import { core } from '../core-module.js';
import { escapeJsonText } from './escape.js';
import type { ScanResult } from '../result.js';
import { exitCodeOf, type Reporter } from './types.js';

/** Descriptions of the findings that are not rules: problems of the analysis itself. */
function diagnostics(): Readonly<Record<string, string>> {
  const { INVALID_SUPPRESSION } = core();
  return {
    'syntax-error': 'The file has syntax errors and was not analysed.',
    [INVALID_SUPPRESSION.id]: INVALID_SUPPRESSION.description,
  };
}

function ruleDescriptor(ruleId: string) {
  const { isRuleId, ruleDocsUrl, rules } = core();
  const description = isRuleId(ruleId) ? rules[ruleId].meta.description : (diagnostics()[ruleId] ?? ruleId);
  return {
    id: ruleId,
    name: ruleId,
    shortDescription: { text: description },
    ...(isRuleId(ruleId) ? { helpUri: ruleDocsUrl(ruleId) } : {}),
    defaultConfiguration: { level: 'error' },
  };
}

/**
 * SARIF 2.1.0, the format code-scanning services (GitHub's among them) read: one run, every core
 * rule described (plus any diagnostic that occurred), results with regions relative to the working
 * directory and the core's fingerprint as the partial fingerprint, so alerts survive edits above.
 */
export const sarif: Reporter = (result: ScanResult) => {
  const { RULE_IDS, isRuleId } = core();
  const ruleIds = [...RULE_IDS, ...new Set(result.findings.map((f) => f.ruleId).filter((id) => !isRuleId(id)))];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'scan-execution-violations', version: result.version, rules: ruleIds.map(ruleDescriptor) } },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(result.cwd).href.replace(/\/?$/, '/')}` } },
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: index.get(finding.ruleId),
          level: finding.severity === 'warn' ? 'warning' : 'error',
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file, uriBaseId: 'SRCROOT' },
                region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
              },
            },
          ],
          partialFingerprints: { 'executionGovernance/v1': finding.fingerprint },
        })),
      },
    ],
  };
  return { output: `${escapeJsonText(JSON.stringify(log, null, 2))}\n`, exitCode: exitCodeOf(result) };
};
