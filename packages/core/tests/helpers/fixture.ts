import * as path from 'node:path';
import ts from 'typescript';
import { createAnalyzer, type Finding } from '../../src/index.js';
import { lineKey } from '../../../../scripts/parity/compare.js';
import { fixturesDir, listFixtureProjects, readExpectations as readMarkers, repoRoot } from '../../../../scripts/expectations/markers.js';

// The marker format is shared with parity and the bench (scripts/expectations/markers.ts).
export { fixturesDir, listFixtureProjects, repoRoot };

/**
 * Builds the fixture's program with plain TypeScript and runs every enabled rule on its files
 * through the core's analyzer, without the findings a baseline beside the config records (as both
 * front ends do).
 */
export function analyzeFixture(projectDir: string): Finding[] {
  const configPath = path.join(projectDir, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, projectDir, undefined, configPath);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences ?? [] });
  // The analyzer picks each file's config (the nearest above it), as both front ends do.
  const analyzer = createAnalyzer({ ts, program, cwd: projectDir });
  return parsed.fileNames.flatMap((fileName) => {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) return [];
    const analysis = analyzer.analyzeFile(sourceFile);
    if ('error' in analysis) throw analysis.error;
    const baseline = analyzer.baselineFor(analysis.config);
    if (baseline && 'error' in baseline) throw baseline.error;
    return analysis.findings.filter((finding) => !baseline?.fingerprints.has(finding.fingerprint));
  });
}

/** One expected or actual finding, as compared: `relative/file.ts:line rule-id`. */
export type FindingKey = string;

/** The `// expect: <rule-id>[, <rule-id>]` markers of every TypeScript and JavaScript file under the project. */
export function readExpectations(projectDir: string): FindingKey[] {
  return readMarkers(projectDir).map(lineKey).sort();
}

/** Findings as comparable keys. */
export function findingKeys(projectDir: string, findings: readonly Finding[]): FindingKey[] {
  return findings.map((f) => lineKey({ file: path.relative(projectDir, f.file).replace(/\\/g, '/'), line: f.line, rule: f.ruleId })).sort();
}
