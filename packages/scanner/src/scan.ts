import * as path from 'node:path';
import {
  analyzeSourceFile,
  createRuleContext,
  isAnalyzedFile,
  isStackOverflow,
  tooDeeplyNestedFinding,
  type Finding,
  type ResolvedConfig,
  type RuleContext,
} from '@execgov/core';
import type { SourceFile } from 'typescript';
import { compilerModule, loadProgram, type ProjectPlan } from './load-projects.js';
import { buildSurvivingOverflow } from './too-deep-files.js';
import { RESULT_SCHEMA_VERSION, summarize, type ReportedFinding, type ScanResult } from './result.js';

/** Everything one scan needs, already resolved to absolute paths. */
export interface ScanInput {
  cwd: string;
  config: ResolvedConfig;
  plans: readonly ProjectPlan[];
  /** Absolute files or directories to report on; empty means every file. */
  paths: readonly string[];
  version: string;
}

function toPosix(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

function isUnder(fileName: string, paths: readonly string[]): boolean {
  return paths.length === 0 || paths.some((p) => fileName === p || fileName.startsWith(p.endsWith(path.sep) ? p : p + path.sep));
}

function report(finding: Finding, cwd: string): ReportedFinding {
  // Spelled out so the JSON keys come in the documented order.
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    data: { ...finding.data },
    message: finding.message,
    severity: finding.severity,
    file: toPosix(path.relative(cwd, finding.file)),
    absolutePath: toPosix(finding.file),
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    fingerprint: finding.fingerprint,
  };
}

function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** The core's findings for one file, or the one finding saying TypeScript ran out of stack on it. */
function analyzeOrTooDeep(ctx: RuleContext, sourceFile: SourceFile, tooDeep: readonly string[]): Finding[] {
  const tooDeepFinding = () => [tooDeeplyNestedFinding(sourceFile.fileName, ctx.relativePath(sourceFile.fileName))];
  if (tooDeep.includes(sourceFile.fileName)) return tooDeepFinding();
  try {
    return analyzeSourceFile(ctx, sourceFile);
  } catch (error) {
    if (isStackOverflow(error)) return tooDeepFinding();
    throw error;
  }
}

/**
 * Loads each planned program in turn (one in memory at a time), runs the core on the files it
 * selects, and returns the result. A file in two programs is analysed once, by the first.
 */
export function scan({ cwd, config, plans, paths, version }: ScanInput): ScanResult {
  const seen = new Set<string>();
  const findings: ReportedFinding[] = [];
  const projects: ScanResult['projects'] = [];
  for (const plan of plans) {
    const { built: ctx, tooDeep } = buildSurvivingOverflow(compilerModule, plan.fileNames, (emptied) =>
      createRuleContext(compilerModule, loadProgram(plan, cwd, emptied), config),
    );
    const { program } = ctx;
    let filesScanned = 0;
    for (const fileName of plan.fileNames) {
      if (seen.has(fileName) || !isUnder(fileName, paths)) continue;
      const sourceFile = program.getSourceFile(fileName);
      if (!sourceFile || !isAnalyzedFile(ctx, sourceFile)) continue;
      seen.add(fileName);
      filesScanned += 1;
      for (const finding of analyzeOrTooDeep(ctx, sourceFile, tooDeep)) findings.push(report(finding, cwd));
    }
    projects.push({ path: toPosix(path.relative(cwd, plan.tsconfig)), absolutePath: toPosix(plan.tsconfig), filesScanned });
  }
  // Stable sort: within one position the core's own order (rule id, message id) is kept.
  findings.sort(compareFindings);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    version,
    cwd: toPosix(cwd),
    configFile: config.configFile
      ? { path: toPosix(path.relative(cwd, config.configFile)), absolutePath: toPosix(config.configFile) }
      : null,
    projects,
    filesScanned: seen.size,
    findings,
    summary: summarize(findings),
  };
}
