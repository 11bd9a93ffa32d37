import * as path from 'node:path';
import type { ConfigError, Analyzer, ConfigCheckOutcome, ConfigCheckReport, FileAnalysis, Finding, ResolvedConfig } from '@execgov/core';
import { isAtOrBelow } from '@execgov/core/files';
import { core } from './core-module.js';
import type { SourceFile } from 'typescript';
import { compilerModule, loadProgram, type ProjectPlan } from './load-projects.js';
import { buildSurvivingOverflow } from './too-deep-files.js';
import type { ReportedFinding, ScanResult } from './result.js';
import { RESULT_SCHEMA_VERSION, summarize } from './summary.js';

/** Everything one scan needs, already resolved to absolute paths. */
export interface ScanInput {
  cwd: string;
  /** The config that applies at `cwd` (reported in the result). */
  config: ResolvedConfig;
  /** `--config`: one config file for every file; without it each file gets the nearest one above it. */
  configFile?: string | undefined;
  plans: readonly ProjectPlan[];
  /** Absolute files or directories to report on; undefined means every file, empty means none. */
  paths?: readonly string[] | undefined;
  version: string;
  /** Receives a config's mismatches with the programs when it says `"configChecks": "warn"`. */
  onConfigWarning?: (warning: ConfigError) => void;
  /** Directories of the tsconfigs the scan was given (`--project`; default: the working directory). */
  given?: readonly string[];
  /** Receives a line for stderr that does not change the result (a scan under the defaults that checked nothing). */
  onNote?: (line: string) => void;
}

/** Said when no config file applied anywhere and the defaults name nothing the programs have. */
export const NOTHING_CHECKED_NOTE =
  'note: no execution-governance.config.json applies here, and the defaults name nothing this project has (no `Plugin` type in a src/plugins/plugin.ts, no file of the default layers, runner or lifecycle type): this scan checked nothing. Run `scan-execution-violations init` to write a config for this project, or pass --config.';

function toPosix(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

/** True when `fileName` is one of `paths` or under one (no paths: every file). */
export function isUnder(fileName: string, paths: readonly string[]): boolean {
  return paths.length === 0 || paths.some((p) => fileName === p || fileName.startsWith(p.endsWith(path.sep) ? p : p + path.sep));
}

/** A core finding as reported: cwd-relative and absolute paths. */
export function report(finding: Finding, cwd: string): ReportedFinding {
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

/** Report order: file, line, column. */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** The file's analysis, or one `tooDeeplyNested` finding when TypeScript ran out of stack on it. */
export function analyzeOrTooDeep(analyzer: Analyzer, sourceFile: SourceFile, tooDeep: readonly string[] = []): FileAnalysis {
  const tooDeepFinding = (): FileAnalysis => {
    const config = analyzer.configFor(sourceFile.fileName);
    return {
      findings: [core().tooDeeplyNestedFinding(sourceFile.fileName, toPosix(path.relative(config.configDir, sourceFile.fileName)))],
      config,
      analyzed: true,
    };
  };
  if (tooDeep.includes(sourceFile.fileName)) return tooDeepFinding();
  try {
    return analyzer.analyzeFile(sourceFile);
  } catch (error) {
    if (core().isStackOverflow(error)) return tooDeepFinding();
    throw error;
  }
}

/** One config checked against one program, as the scan keeps it (and the cache stores it). */
export interface ConfigCheck {
  /** What a ConfigError about it names: the config file, or "defaults". */
  source: string;
  /** The config's `configChecks`: a problem stops the scan ("error") or is a warning. */
  mode: ResolvedConfig['configChecks'];
  /** The config's directory: what its paths are relative to. */
  configDir: string;
  outcomes: ConfigCheckOutcome[];
}

/** The scan's record of an analyzer's config check. */
export function toConfigCheck(report: ConfigCheckReport): ConfigCheck {
  return { source: report.source, mode: report.config.configChecks, configDir: report.config.configDir, outcomes: [...report.outcomes] };
}

/** What {@link settleConfigChecks} takes as the scan's roots. */
export function scanRoots(given: readonly string[], plans: readonly ProjectPlan[]): string[] {
  return [...given, ...plans.map((plan) => path.dirname(plan.tsconfig))];
}

/**
 * Settles the config checks over every program: an entry is a problem only when no program
 * satisfies it (a monorepo config naming each package's files). Throws for "error" configs.
 * `roots`: the directories of the tsconfigs the scan was given and of every project it loaded. A
 * config above all of them (the monorepo's root config, when one package is scanned) names files
 * the scan never sees: only problems about files it holds, or globs that can match only files
 * below a root, are reported (ESLint, seeing one program, reports only the former).
 */
export function settleConfigChecks(checks: readonly ConfigCheck[], roots: readonly string[], onWarning: ScanInput['onConfigWarning']): void {
  const bySource = new Map<string, ConfigCheck[]>();
  for (const check of checks) {
    const group = bySource.get(check.source);
    if (group) group.push(check);
    else bySource.set(check.source, [check]);
  }
  // In order of config file, so a full and a --cache scan name the same config first.
  for (const [source, group] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // The usual case, settled without loading the core (a warm --cache scan may not need it).
    if (group.every((check) => check.outcomes.every((outcome) => outcome.ok))) continue;
    // A glob whose base directory lies inside the scan's roots can match nothing the scan does not see.
    const sees = (directory: string) => roots.some((root) => isAtOrBelow(directory, root));
    const issues = core().combineConfigChecks(
      group.map((check) => check.outcomes),
      { onlyContent: !sees(group[0]!.configDir), sees },
    );
    if (issues.length === 0) continue;
    const error = new (core().ConfigError)(source, issues, 'mismatch');
    if (group[group.length - 1]!.mode === 'error') throw error;
    onWarning?.(error);
  }
}

/**
 * Loads each planned program in turn (one in memory at a time), runs the core on the files it
 * selects, and returns the result. A file in two programs is analysed once, by the first.
 */
export function scan({ cwd, config, configFile, plans, paths, version, onConfigWarning, onNote, given = [cwd] }: ScanInput): ScanResult {
  // A glob in a config may name a file of any program of the scan (a monorepo's root config).
  const programFiles = [...new Set(plans.flatMap((plan) => plan.fileNames))];
  // Stays true while every program scanned so far ran under the defaults and they named nothing in it.
  let checkedNothing = plans.length > 0;
  const seen = new Set<string>();
  const findings: ReportedFinding[] = [];
  const projects: ScanResult['projects'] = [];
  const checks: ConfigCheck[] = [];
  for (const plan of plans) {
    // Building the program and binding it (the checker) can overflow TypeScript's stack on a
    // deeply nested file: that file is left out as empty and reported, every other file is scanned.
    const { built: program, tooDeep } = buildSurvivingOverflow(compilerModule(), plan.fileNames, (emptied) => {
      const built = loadProgram(plan, cwd, emptied);
      built.getTypeChecker();
      return built;
    });
    const analyzer = core().createAnalyzer({ ts: compilerModule(), program, cwd, configFile, deferConfigChecks: true, programFiles });
    let filesScanned = 0;
    for (const fileName of plan.fileNames) {
      if (seen.has(fileName) || !(paths === undefined || (paths.length > 0 && isUnder(fileName, paths)))) continue;
      const sourceFile = program.getSourceFile(fileName);
      if (!sourceFile) continue;
      const analysis = analyzeOrTooDeep(analyzer, sourceFile, tooDeep);
      // A config that does not validate stops the scan (exit 2): its files were not checked.
      if ('error' in analysis) throw analysis.error;
      if (!analysis.analyzed) continue;
      seen.add(fileName);
      filesScanned += 1;
      for (const finding of analysis.findings) findings.push(report(finding, cwd));
      if (analysis.config.configFile !== null) checkedNothing = false;
    }
    if (checkedNothing && (filesScanned === 0 || !core().configChecksNothing(compilerModule(), program, config))) checkedNothing = false;
    checks.push(...analyzer.configChecks().map(toConfigCheck));
    projects.push({ path: toPosix(path.relative(cwd, plan.tsconfig)), absolutePath: toPosix(plan.tsconfig), filesScanned });
  }
  settleConfigChecks(checks, scanRoots(given, plans), onConfigWarning);
  if (checkedNothing && config.configFile === null) onNote?.(NOTHING_CHECKED_NOTE);
  // Stable sort: within one position the core's own order (rule id, message id) is kept.
  findings.sort(compareFindings);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    version,
    cwd: toPosix(cwd),
    configFile: config.configFile ? { path: toPosix(path.relative(cwd, config.configFile)), absolutePath: toPosix(config.configFile) } : null,
    projects,
    filesScanned: seen.size,
    findings,
    summary: summarize(findings),
  };
}
