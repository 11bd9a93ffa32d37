import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { createAnalyzer, type Finding } from '../../src/index.js';

/** Repository root, for locating `fixtures/`. */
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');
export const fixturesDir = path.join(repoRoot, 'fixtures');

/** Every fixture project: a folder of `fixtures/` holding a tsconfig.json. */
export function listFixtureProjects(): string[] {
  return fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(fixturesDir, entry.name, 'tsconfig.json')))
    .map((entry) => path.join(fixturesDir, entry.name))
    .sort();
}

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

const MARKER = /\/\/\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

/** The `// expect: <rule-id>[, <rule-id>]` markers of every .ts/.tsx file under the project. */
export function readExpectations(projectDir: string): FindingKey[] {
  const keys: FindingKey[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (/\.(c|m)?tsx?$/.test(entry.name)) {
        fs.readFileSync(full, 'utf8')
          .split(/\r?\n/)
          .forEach((line, index) => {
            const match = MARKER.exec(line);
            if (!match?.[1]) return;
            for (const ruleId of match[1].split(',').map((s) => s.trim())) {
              keys.push(`${path.relative(projectDir, full).replace(/\\/g, '/')}:${index + 1} ${ruleId}`);
            }
          });
      }
    }
  };
  walk(projectDir);
  return keys.sort();
}

/** Findings as comparable keys. */
export function findingKeys(projectDir: string, findings: readonly Finding[]): FindingKey[] {
  return findings.map((f) => `${path.relative(projectDir, f.file).replace(/\\/g, '/')}:${f.line} ${f.ruleId}`).sort();
}
