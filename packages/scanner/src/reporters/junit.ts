import type { ReportedFinding } from '../result.js';
import { CLEAN_LINE } from './text.js';
import { escapeControl } from './escape.js';
import { exitCodeOf, type Reporter } from './types.js';

/** XML attribute/text escaping; control characters (not allowed in XML 1.0) are shown escaped first. */
function xml(value: string): string {
  return escapeControl(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function testcase(finding: ReportedFinding): string {
  const severity = finding.severity === 'warn' ? 'Warning' : 'Error';
  const detail = `line ${finding.line}, col ${finding.column}, ${severity} - ${finding.message} (${finding.ruleId})`;
  return [
    `    <testcase time="0" name="${xml(`execution-governance.${finding.ruleId}`)}" classname="${xml(finding.file)}">`,
    `      <failure message="${xml(finding.message)}">${xml(detail)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * JUnit XML (the shape ESLint's junit formatter writes) for CI systems that read test reports:
 * one testsuite per file with problems, one failing testcase per finding. A clean scan is one
 * passing testcase, so the report is never empty.
 */
export const junit: Reporter = (result) => {
  const suites = new Map<string, ReportedFinding[]>();
  for (const finding of result.findings) suites.set(finding.file, [...(suites.get(finding.file) ?? []), finding]);
  const body =
    suites.size === 0
      ? [
          '  <testsuite package="execution-governance" time="0" tests="1" errors="0" failures="0" name="scan-execution-violations">',
          `    <testcase time="0" name="${CLEAN_LINE}" classname="scan-execution-violations" />`,
          '  </testsuite>',
        ]
      : [...suites].flatMap(([file, findings]) => [
          `  <testsuite package="execution-governance" time="0" tests="${findings.length}" errors="0" failures="${findings.length}" name="${xml(file)}">`,
          ...findings.map(testcase),
          '  </testsuite>',
        ]);
  return { output: ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>', ...body, '</testsuites>', ''].join('\n'), exitCode: exitCodeOf(result) };
};
