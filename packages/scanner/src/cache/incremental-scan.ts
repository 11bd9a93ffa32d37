import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from '@execgov/core';
import { core, useCoreCodeCache } from '../core-module.js';
import { givenRoots, planProjects, typescript, unreadableSelectedFile, useTypeScriptCodeCache, type ProjectPlan } from '../load-projects.js';
import type { ReportedFinding, ScanResult } from '../result.js';
import { RESULT_SCHEMA_VERSION, summarize } from '../summary.js';
import { analyzeOrTooDeep, compareFindings, isUnder, report, scanRoots, settleConfigChecks, toConfigCheck, type ConfigCheck, type ScanInput } from '../scan.js';
import {
  cacheFilePath,
  codeCacheFile,
  readCache,
  writeCache,
  CACHE_FORMAT,
  CACHE_KIND,
  type FileResult,
  type FileState,
  type ProjectRecord,
  type ScanCache,
} from './cache-file.js';
import { cacheKey } from './cache-key.js';
import { changedConfigs, configChanged, lookupChanged, recordConfigChain, recordConfigLookup, type ConfigProbes } from './config-probes.js';
import { checkState, recordState, sameState } from './file-states.js';
import { withDependencies, withDependents } from './graph.js';
import { createProbeRecorder, firstChangedProbe, readText, recordTree, type ProbeTable } from './probes.js';
import { buildRecordedProgram, optionsHashOf, recordingParseSystem, type RecordedProgram } from './recorded-program.js';
import type { SourceFileStore } from './source-files.js';
import { buildSurvivingOverflow } from '../too-deep-files.js';
import { changeScope, type ChangedFiles } from './change-scope.js';

/** What an incremental or changed-files scan needs; paths absolute. */
export interface IncrementalScanInput {
  cwd: string;
  /** `--project` values as given. */
  projects: readonly string[];
  configFile?: string | undefined;
  /** Files or directories to report on; empty means every file. */
  paths: readonly string[];
  /** Use and update a cache (`--cache`); `location` is `--cache-location`. */
  cache?: { location: string | undefined } | undefined;
  /** `--changed-since`: report only files changed since the ref and files whose closure changed. */
  changed?: ChangedFiles | undefined;
  version: string;
  /** Where notes go (a cache ignored, not written). */
  note: (message: string) => void;
  /** Receives a config's mismatches with the programs when it says `"configChecks": "warn"` (as in a full scan). */
  onConfigWarning?: ScanInput['onConfigWarning'];
  /** Parsed and bound files kept across scans (the daemon's, src/daemon/); undefined parses every file. */
  sourceFiles?: SourceFileStore | undefined;
}

/** What a scan did, for tests and the bench: how much was re-analysed and whether TypeScript loaded. */
export interface IncrementalStats {
  analysed: number;
  programFiles: number;
  cacheHit: boolean;
  /** Program files a daemon had parsed and bound already (src/cache/source-files.ts); 0 in a process of its own. */
  reusedFiles: number;
  /** Whether the daemon ran the scan (src/daemon/). */
  daemon: boolean;
  /** The daemon's peak resident memory so far, in kB (only when `daemon`): what keeping the files costs. */
  daemonPeakRssKb?: number;
}

function toPosix(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

interface Session {
  input: IncrementalScanInput;
  startedAt: number;
  explicitConfig: string | undefined;
  planProbes: ProbeTable;
  probes: ProbeTable;
  /**
   * The probes the cache recorded (compacted: none for files with a state of their own): what a
   * project's scope is judged on before this scan rebuilds it. session.probes also gathers what
   * other projects' programs read in this scan, which says nothing about this project.
   */
  priorProbes: ProbeTable;
  configProbes: ConfigProbes;
  /** File states after this scan (only files some project record still needs). */
  files: Map<string, FileState>;
  /** Files whose content differs from the cache (or are gone). */
  changed: Set<string>;
  /** Files a program of this scan read (their state and dependencies are fresh). */
  read: Set<string>;
  changedConfigs: Set<string>;
  stats: IncrementalStats;
  /** Every file the scan's tsconfigs select: a glob in a config may name a file of any of them. */
  planFiles: readonly string[];
}

/** A project's record after this scan, the files it reports on, and whether the record differs from the cached one. */
interface ProjectOutcome {
  record: ProjectRecord;
  reported: Set<string>;
  touched: boolean;
}

function record(map: ProjectRecord['deps']): Map<string, string[]> {
  return new Map(Object.entries(map));
}

/** Plans from the cache when nothing tsconfig parsing read has changed, else parsed again (recorded). */
function plansFor(session: Session, cached: ScanCache | undefined): ProjectPlan[] {
  if (cached && firstChangedProbe(cached.planProbes) === undefined) {
    session.planProbes = cached.planProbes;
    return cached.plans;
  }
  session.planProbes = {};
  const recorder = createProbeRecorder(session.planProbes);
  return planProjects(
    session.input.projects,
    session.input.cwd,
    recordingParseSystem(recorder, (root, includes) => recordTree(session.planProbes, root, includes)),
  );
}

function parseSystem(session: Session) {
  return recordingParseSystem(createProbeRecorder(session.planProbes), (root, includes) => recordTree(session.planProbes, root, includes));
}

/**
 * The parse system for a tsconfig whose file list this scan already has (from the cache, its
 * inputs unchanged, or parsed a moment ago, its inputs recorded), for a parse whose options alone
 * are used: the include walk is not done again (listing and matching 2,000 files costs a warm
 * scan 15-30 ms); it answers with one selected file, so TypeScript has no empty project to report.
 */
function planParseSystem(session: Session, plan: ProjectPlan) {
  return { ...parseSystem(session), readDirectory: () => plan.fileNames.slice(0, 1) };
}

/** Builds a program rooted at `roots` for the plan and folds what it learned into the session. */
function build(session: Session, plan: ProjectPlan, roots: readonly string[], knownTooDeep: readonly string[] = []): RecordedProgram & { probes: ProbeTable } {
  // What this program's parsing and resolution read: the scope of a change to this project is
  // judged on these, not on what other projects' programs read.
  const probes: ProbeTable = {};
  // As in a full scan: a file TypeScript runs out of stack on is left out as empty and reported.
  const { built } = buildSurvivingOverflow(
    typescript(),
    plan.fileNames,
    (emptied) =>
      buildRecordedProgram(plan, roots, session.input.cwd, createProbeRecorder(probes), planParseSystem(session, plan), {
        emptied,
        sourceFiles: session.input.sourceFiles,
      }),
    knownTooDeep,
  );
  Object.assign(session.probes, probes);
  session.stats.programFiles += built.program.getSourceFiles().length;
  const emptied = new Set(built.tooDeep);
  for (const sourceFile of built.program.getSourceFiles()) {
    const fileName = path.resolve(sourceFile.fileName);
    // A file left out was read as empty: its state is what is on disk.
    const text = emptied.has(fileName) ? (readText(fileName) ?? '') : sourceFile.text;
    session.files.set(fileName, recordState(fileName, text, session.startedAt));
    session.read.add(fileName);
  }
  return { ...built, probes };
}

/**
 * Analyses `fileNames` in `built` and returns their results and what the program says about each
 * config that applied (a config that does not validate throws: exit 2). `programFiles`: every file
 * of the whole program, when `built` is rooted at a few of them.
 */
function analyse(
  session: Session,
  built: RecordedProgram,
  fileNames: readonly string[],
  programFiles?: readonly string[],
): { results: Map<string, FileResult>; checks: ConfigCheck[]; anchors: Set<string> } {
  const { cwd, configFile } = session.input;
  const analyzer = core().createAnalyzer({ ts: typescript(), program: built.program, cwd, configFile, deferConfigChecks: true, programFiles });
  const results = new Map<string, FileResult>();
  const anchors = new Set<string>();
  const configs = new Set<ResolvedConfig>();
  for (const fileName of fileNames) {
    const sourceFile = built.program.getSourceFile(fileName);
    if (!sourceFile) continue;
    const analysis = analyzeOrTooDeep(analyzer, sourceFile, built.tooDeep);
    if ('error' in analysis) throw analysis.error;
    configs.add(analysis.config);
    recordConfigChain(session.configProbes, fileName, session.explicitConfig);
    results.set(fileName, {
      analyzed: analysis.analyzed,
      config: analysis.config.configFile,
      findings: analysis.findings.map((finding) => report(finding, cwd)),
    });
    session.stats.analysed += 1;
  }
  for (const config of configs) for (const anchor of core().typeAnchors(config, session.planFiles)) anchors.add(anchor);
  return { results, checks: analyzer.configChecks().map(toConfigCheck), anchors };
}

/**
 * The config checks a record keeps: this scan's, and for each entry its program could not decide
 * (a glob or type about files a rooted program does not hold), the cached outcome, unless that
 * config changed. Only configs some result still applies are kept.
 */
function mergeChecks(session: Session, cached: readonly ConfigCheck[], fresh: readonly ConfigCheck[], results: ReadonlyMap<string, FileResult>): ConfigCheck[] {
  const inUse = new Set<string>(['defaults']);
  for (const result of results.values()) if (result.config !== null) inUse.add(result.config);
  const merged = new Map<string, ConfigCheck>();
  for (const check of cached) {
    if (!session.changedConfigs.has(check.source) && inUse.has(check.source)) merged.set(check.source, check);
  }
  for (const check of fresh) {
    const old = merged.get(check.source);
    const decided = new Set(check.outcomes.map((outcome) => outcome.path));
    merged.set(check.source, { ...check, outcomes: [...check.outcomes, ...(old?.outcomes.filter((outcome) => !decided.has(outcome.path)) ?? [])] });
  }
  return [...merged.values()].filter((check) => inUse.has(check.source));
}

function depsRecord(deps: ReadonlyMap<string, Iterable<string>>): ProjectRecord['deps'] {
  return Object.fromEntries([...deps].map(([from, targets]) => [from, [...targets].sort()]));
}

/** The same file names, in any order. */
function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((f) => set.has(f));
}

/** A project with no usable record: the whole program, as a cold scan builds it. */
function coldProject(session: Session, plan: ProjectPlan, wanted: readonly string[]): ProjectOutcome {
  const built = build(session, plan, plan.fileNames);
  const deps = new Map<string, Set<string>>();
  for (const sourceFile of built.program.getSourceFiles()) deps.set(path.resolve(sourceFile.fileName), new Set());
  for (const [from, targets] of built.deps) deps.set(from, targets);
  const scope = changeScope(session.input.changed, {
    deps,
    globals: built.globals,
    planProbes: session.planProbes,
    probes: built.probes,
    explicitConfig: session.explicitConfig,
  });
  const toAnalyse = wanted.filter((f) => scope === 'all' || scope.has(f));
  const { results, checks, anchors } = analyse(session, built, toAnalyse, session.planFiles);
  return {
    record: {
      tsconfig: plan.tsconfig,
      optionsHash: built.optionsHash,
      globals: [...built.globals].sort(),
      anchors: [...anchors].sort(),
      deps: depsRecord(deps),
      results: Object.fromEntries(results),
      checks: mergeChecks(session, [], checks, results),
    },
    reported: new Set(toAnalyse),
    touched: true,
  };
}

/**
 * A project with a record: re-analyse only the wanted files whose inputs changed (content of a
 * file in their closure, their config), in a program rooted at them plus every global file.
 * Returns undefined when the change reaches every file (a global file, or a file that became one).
 */
function warmProject(
  session: Session,
  plan: ProjectPlan,
  wanted: readonly string[],
  cached: ProjectRecord,
  previousFiles: readonly string[] | undefined,
): ProjectOutcome | undefined {
  // Nothing the record depends on changed (no file, config or file list) and it holds every wanted
  // file: it stands as read, without its dependency lists ever being decoded.
  const sameFileList = previousFiles !== undefined && sameFiles(previousFiles, plan.fileNames);
  if (
    session.changed.size === 0 &&
    session.changedConfigs.size === 0 &&
    session.input.changed === undefined &&
    cached.depsStated === true &&
    sameFileList &&
    wanted.every((f) => cached.results[f] !== undefined)
  ) {
    return { record: cached, reported: new Set(wanted), touched: false };
  }
  const deps = record(cached.deps);
  const known = new Set(deps.keys());
  const changed = new Set([...session.changed].filter((f) => known.has(f)));
  // A file the record depends on without a state of its own cannot be checked: treat it as changed.
  for (const targets of deps.values()) for (const t of targets) if (!session.files.has(t)) changed.add(t);
  // A global file, or a file declaring a guarded type (or what either imports), changed: every
  // file's findings may differ.
  if (changed.size > 0) {
    const reachedByAll = withDependencies(deps, [...cached.globals, ...cached.anchors]);
    for (const file of changed) if (reachedByAll.has(file)) return undefined;
  }
  const stale = withDependents(deps, changed);
  const { explicitConfig } = session;
  for (const [file, result] of Object.entries(cached.results)) {
    if (configChanged(file, result.config, session.changedConfigs, explicitConfig)) stale.add(file);
  }
  const needsAnalysis = (f: string) => stale.has(f) || cached.results[f] === undefined;
  const globals = new Set(cached.globals);
  let scope = changeScope(session.input.changed, { deps, globals, planProbes: session.planProbes, probes: session.priorProbes, explicitConfig, stale });
  // A file with no recorded edges is new: its closure is known once it is built.
  const toAnalyse = wanted.filter((f) => needsAnalysis(f) && (scope === 'all' || scope.has(f) || !deps.has(f)));
  const selected = new Set(plan.fileNames);
  // Files came or went: a glob of any config may match something else now, so every config in use
  // gets one file in the program (the one with the fewest direct dependencies) and is checked again.
  if (!sameFileList) {
    const covered = new Set(toAnalyse.map((f) => cached.results[f]?.config));
    const pick = new Map<string | null, string>();
    for (const f of wanted) {
      const result = cached.results[f];
      if (!result || covered.has(result.config)) continue;
      const best = pick.get(result.config);
      if (best === undefined || (deps.get(f)?.length ?? 0) < (deps.get(best)?.length ?? 0)) pick.set(result.config, f);
    }
    toAnalyse.push(...pick.values());
  }
  if (toAnalyse.length === 0 && stale.size === 0 && changed.size === 0 && Object.keys(cached.results).every((f) => selected.has(f))) {
    // Nothing to re-analyse and nothing to forget: the record stands as it was read.
    const reported = new Set(wanted.filter((f) => cached.results[f] !== undefined && (scope === 'all' || scope.has(f))));
    return { record: cached, reported, touched: false };
  }
  const results = new Map(Object.entries(cached.results));
  for (const file of stale) results.delete(file);
  for (const file of [...results.keys()]) if (!selected.has(file)) results.delete(file);
  let checks: ConfigCheck[] = [];
  const anchors = new Set(cached.anchors.filter((f) => selected.has(f)));
  if (toAnalyse.length > 0) {
    const libDir = path.dirname(typescript().getDefaultLibFilePath({}));
    const roots = [...toAnalyse, ...cached.globals.filter((g) => path.dirname(g) !== libDir && !changed.has(g))];
    // Files found too deep before and unchanged are read as empty at once (their finding stands).
    const tooDeep = Object.entries(cached.results)
      .filter(([file, result]) => !changed.has(file) && result.findings.some((finding) => finding.messageId === 'tooDeeplyNested'))
      .map(([file]) => file);
    const built = build(session, plan, roots, tooDeep);
    for (const file of built.globals) if (!globals.has(file)) return undefined;
    for (const sourceFile of built.program.getSourceFiles()) {
      const fileName = path.resolve(sourceFile.fileName);
      deps.set(fileName, [...(built.deps.get(fileName) ?? [])]);
    }
    // What the whole program holds now: what the selected files and the global ones reach (a file
    // no longer imported from anywhere has dropped out, though its record is still there).
    const programFiles = withDependencies(deps, [...session.planFiles, ...globals]);
    const analysed = analyse(session, built, toAnalyse, [...programFiles]);
    for (const [file, result] of analysed.results) results.set(file, result);
    checks = analysed.checks;
    for (const anchor of analysed.anchors) anchors.add(anchor);
    // The closure of a changed file is known only now: the report scope is computed again.
    scope = changeScope(session.input.changed, {
      deps,
      globals,
      planProbes: session.planProbes,
      probes: { ...session.priorProbes, ...built.probes },
      explicitConfig,
    });
  }
  // A changed file no program of this scan read has unknown dependencies: forget it (its dependents were dropped above).
  for (const file of changed) {
    if (!session.read.has(file)) {
      deps.delete(file);
      results.delete(file);
    }
  }
  const reported = new Set(wanted.filter((f) => results.has(f) && (scope === 'all' || scope.has(f))));
  return {
    record: {
      tsconfig: plan.tsconfig,
      optionsHash: cached.optionsHash,
      globals: cached.globals,
      anchors: [...anchors].sort(),
      deps: depsRecord(deps),
      results: Object.fromEntries(results),
      checks: mergeChecks(session, cached.checks, checks, results),
    },
    reported,
    touched: true,
  };
}

/**
 * The config that applies at the working directory (reported in the result; one that does not
 * validate stops the scan, as in a cold scan). Loaded and validated again only when a candidate
 * on its lookup chain changed since `cached` recorded it; otherwise the cached answer stands.
 */
function rootConfigOf(session: Session, cached: ScanCache | undefined): string | null {
  const { cwd, configFile } = session.input;
  if (cached && !lookupChanged(cwd, cached.rootConfig, session.changedConfigs, session.explicitConfig)) return cached.rootConfig;
  const found = core().loadConfig({ startDir: cwd, configFile }).configFile;
  recordConfigLookup(session.configProbes, cwd, session.explicitConfig);
  return found;
}

/** Drops probes of files whose content the file states track, and states no record needs. */
function compact(cache: ScanCache): ScanCache {
  const needed = new Set<string>();
  for (const project of cache.projects) {
    for (const [from, targets] of Object.entries(project.deps)) {
      needed.add(from);
      for (const t of targets) needed.add(t);
    }
  }
  const files = Object.fromEntries(Object.entries(cache.files).filter(([f]) => needed.has(f)));
  const probes = Object.fromEntries(
    Object.entries(cache.probes).filter(([key]) => !((key.startsWith('file:') || key.startsWith('text:')) && key.slice(5) in files)),
  );
  return { ...cache, files, probes };
}

/**
 * A scan that reuses every cached finding whose inputs are unchanged (`--cache`) and/or reports
 * only files changed since a git ref and files whose closure changed (`--changed-since`).
 * Returns the same result a full scan returns for those files.
 */
export function incrementalScan(input: IncrementalScanInput): { result: ScanResult; stats: IncrementalStats } {
  const { cwd, configFile } = input;
  const startedAt = Date.now();
  const reusedBefore = input.sourceFiles?.reused ?? 0;
  const { key, invocation } = cacheKey({ cwd, projects: input.projects, configFile, version: input.version });
  const file = input.cache ? cacheFilePath(cwd, input.cache.location, invocation) : undefined;
  const cached = file ? readCache(file, key, input.note) : undefined;
  // TypeScript and the core load through V8 code caches beside the scan cache's default place.
  const saveCodeCaches = file ? [useTypeScriptCodeCache(codeCacheFile(cwd, 'typescript')), useCoreCodeCache(codeCacheFile(cwd, 'core'))] : [];
  const session: Session = {
    input,
    startedAt,
    explicitConfig: configFile === undefined ? undefined : path.resolve(cwd, configFile),
    planProbes: {},
    probes: {},
    priorProbes: {},
    configProbes: {},
    files: new Map(),
    changed: new Set(),
    read: new Set(),
    changedConfigs: new Set(),
    stats: { analysed: 0, programFiles: 0, cacheHit: cached !== undefined, reusedFiles: 0, daemon: input.sourceFiles !== undefined },
    planFiles: [],
  };
  const plans = plansFor(session, cached);
  session.planFiles = [...new Set(plans.flatMap((plan) => plan.fileNames))];
  // Anything module resolution saw that changed (a package.json, a new file where an import
  // looked): every resolution may differ, so every record starts over.
  const resolutionChanged = cached ? firstChangedProbe(cached.probes) !== undefined : true;
  let projects = cached && !resolutionChanged ? cached.projects : [];
  // Whether the cache to write differs from the one read: a scan that changed nothing leaves the file alone.
  let dirty = cached === undefined || resolutionChanged || session.planProbes !== cached.planProbes;
  if (cached && !resolutionChanged) {
    session.probes = { ...cached.probes };
    session.priorProbes = cached.probes;
    session.configProbes = { ...cached.configProbes };
    session.changedConfigs = changedConfigs(cached.configProbes);
    for (const changedConfig of session.changedConfigs) delete session.configProbes[changedConfig];
    for (const [fileName, state] of Object.entries(cached.files)) {
      const checked = checkState(fileName, state, startedAt);
      if (checked.changed) session.changed.add(fileName);
      else session.files.set(fileName, checked.state);
      // A touched file with the same content, or one settled since: its new stat saves a hash next time.
      if (!sameState(checked.state, state)) dirty = true;
    }
    if (session.changedConfigs.size > 0) dirty = true;
    // Compiler options are known without TypeScript only while no tsconfig input changed.
    if (session.planProbes !== cached.planProbes) {
      projects = projects.filter((p) => {
        const plan = plans.find((candidate) => candidate.tsconfig === p.tsconfig);
        return plan !== undefined && optionsHashOf(plan, cwd, planParseSystem(session, plan)) === p.optionsHash;
      });
    }
  }

  // Every file a tsconfig selects must read, as in a full scan: one recorded as readable and
  // unchanged does; any other is asked now.
  for (const plan of plans) {
    for (const fileName of plan.fileNames) {
      if (session.files.get(fileName)?.hash != null) continue;
      try {
        fs.accessSync(fileName, fs.constants.R_OK);
        if (fs.statSync(fileName).isFile()) continue;
      } catch {
        // reported below
      }
      throw unreadableSelectedFile(plan, fileName, cwd);
    }
  }

  const seen = new Set<string>();
  const records: ProjectRecord[] = [];
  const reportedFindings: ReportedFinding[] = [];
  const projectSummaries: ScanResult['projects'] = [];
  // With --changed-since, a project's checks are settled only for the configs of the files it
  // reports on, as a scan without a cache settles the checks of the configs each program analysed with.
  const checksInScope: ConfigCheck[] = [];
  for (const plan of plans) {
    const wanted = plan.fileNames.filter((f) => !seen.has(f) && isUnder(f, input.paths));
    const previous = projects.find((p) => p.tsconfig === plan.tsconfig);
    const previousFiles = cached?.plans.find((p) => p.tsconfig === plan.tsconfig)?.fileNames;
    const outcome = (previous && warmProject(session, plan, wanted, previous, previousFiles)) ?? coldProject(session, plan, wanted);
    records.push(outcome.record);
    if (outcome.touched) dirty = true;
    let filesScanned = 0;
    const reportedConfigs = new Set<string>();
    for (const fileName of wanted) {
      const result = outcome.record.results[fileName];
      if (result && outcome.reported.has(fileName)) reportedConfigs.add(result.config ?? 'defaults');
      if (!result?.analyzed || !outcome.reported.has(fileName)) continue;
      seen.add(fileName);
      filesScanned += 1;
      reportedFindings.push(...result.findings);
    }
    checksInScope.push(...outcome.record.checks.filter((check) => input.changed === undefined || reportedConfigs.has(check.source)));
    projectSummaries.push({ path: toPosix(path.relative(cwd, plan.tsconfig)), absolutePath: toPosix(plan.tsconfig), filesScanned });
  }

  const rootConfig = rootConfigOf(session, cached !== undefined && !resolutionChanged ? cached : undefined);
  if (cached && (records.length !== cached.projects.length || rootConfig !== cached.rootConfig)) dirty = true;
  if (file && dirty) {
    const next: ScanCache = {
      kind: CACHE_KIND,
      format: CACHE_FORMAT,
      key,
      planProbes: session.planProbes,
      plans: plans.map((p) => ({ tsconfig: p.tsconfig, fileNames: [...p.fileNames] })),
      probes: session.probes,
      configProbes: session.configProbes,
      files: Object.fromEntries(session.files),
      projects: records,
      rootConfig,
    };
    writeCache(file, compact(next), input.note);
  }

  for (const save of saveCodeCaches) save();
  // As in a full scan, after the cache is written: a config the programs contradict stops the scan ("error") or warns.
  settleConfigChecks(checksInScope, scanRoots(givenRoots(input.projects, cwd), plans), input.onConfigWarning);
  reportedFindings.sort(compareFindings);
  session.stats.reusedFiles = (input.sourceFiles?.reused ?? 0) - reusedBefore;
  if (session.stats.daemon) session.stats.daemonPeakRssKb = process.resourceUsage().maxRSS;
  return {
    result: {
      schemaVersion: RESULT_SCHEMA_VERSION,
      version: input.version,
      cwd: toPosix(cwd),
      configFile: rootConfig ? { path: toPosix(path.relative(cwd, rootConfig)), absolutePath: toPosix(rootConfig) } : null,
      projects: projectSummaries,
      filesScanned: seen.size,
      findings: reportedFindings,
      summary: summarize(reportedFindings),
    },
    stats: session.stats,
  };
}
