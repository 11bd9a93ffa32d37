import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASELINE_FILE_NAME, createBaselineLocator, createNodeHost } from '@execgov/core/files';
import type * as TS from 'typescript';
import { filterByBaselines, type BaselineFiltering } from './baseline.js';
import { core } from './core-module.js';
import type { ScanOptions } from './args.js';
import { recordConfigChain, type ConfigProbes } from './cache/config-probes.js';
import { isGlobalFile } from './cache/recorded-program.js';
import { formatKnownError, isKnownError } from './errors.js';
import { planProjects, typescript } from './load-projects.js';
import { readerOptions } from './program-host.js';
import type { ReportedFinding } from './result.js';
import { analyzeOrTooDeep, isUnder, report } from './scan.js';
import { renderWatchReport } from './watch-report.js';

/** What `--watch` needs besides its options. */
export interface WatchContext {
  cwd: string;
  version: string;
  paths: readonly string[];
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Poll interval for config files (they may not exist yet, which fs.watch cannot follow). */
const CONFIG_POLL_MS = 150;

interface PlanState {
  program: TS.Program | undefined;
  builder: TS.SemanticDiagnosticsBuilderProgram | undefined;
  sources: Map<string, TS.SourceFile>;
  globals: Set<string>;
  roots: Set<string>;
}

/**
 * `--watch`: one TypeScript watch program (builder program) per planned tsconfig, so file adds,
 * edits, deletes and tsconfig edits arrive through TypeScript's own watchers; config files are
 * polled. After each change, the files whose dependency closure holds a changed file (all files
 * when a global file or a config changed) are analysed again, and only the difference to the
 * last report is printed, with a summary line. Syntax errors are findings; a bad config or
 * tsconfig is printed and the watch goes on. Runs until the process is stopped.
 */
export function watch(options: ScanOptions, context: WatchContext): 0 {
  const ts = typescript();
  const { cwd, stdout, stderr } = context;
  const explicitConfig = options.configFile === undefined ? undefined : path.resolve(cwd, options.configFile);
  const plans = planProjects(options.projects, cwd);
  const states: PlanState[] = plans.map(() => ({ program: undefined, builder: undefined, sources: new Map(), globals: new Set(), roots: new Set() }));
  const current = new Map<string, readonly ReportedFinding[]>();
  let reported = new Map<string, readonly ReportedFinding[]>();
  const configProbes: ConfigProbes = {};
  const polled = new Set<string>();
  let configErrors = new Map<string, string>();
  let baselineError: string | undefined;
  const relative = (file: string) => path.relative(cwd, file).replace(/\\/g, '/');
  const explicitBaseline = options.baseline === undefined ? undefined : path.resolve(cwd, options.baseline);
  const host = createNodeHost();

  /**
   * What the report shows: `current` without the findings a baseline knows, chosen as a plain scan
   * chooses it (--baseline for every file, else the one on each file's config chain). Baselines are
   * read again for every report, so an edited one counts at once. A missing or malformed baseline is
   * said once on stderr; until it is fixed, the findings it governs are shown.
   */
  const visible = (): { shown: Map<string, readonly ReportedFinding[]>; known: number } => {
    const all = [...current.values()].flat();
    let filtered: BaselineFiltering | undefined;
    try {
      filtered = filterByBaselines(all, explicitBaseline === undefined ? createBaselineLocator({ host, configFile: explicitConfig }) : () => explicitBaseline, {
        shown: (file) => (file === explicitBaseline ? options.baseline! : relative(file)),
      });
      if (baselineError !== undefined) stderr.write('[watch] the baseline reads again\n');
      baselineError = undefined;
    } catch (error) {
      if (!isKnownError(error)) throw error;
      const message = formatKnownError(error, relative);
      if (message !== baselineError) stderr.write(message);
      baselineError = message;
    }
    if (!filtered) return { shown: new Map(current), known: 0 };
    const kept = new Set(filtered.kept);
    const shown = new Map([...current].map(([file, findings]) => [file, findings.filter((finding) => kept.has(finding))] as const));
    return { shown, known: filtered.known };
  };

  /** Prints what the visible findings changed since the last report, and remembers them. */
  const printReport = (analysed: number, started: number) => {
    const { shown, known } = visible();
    const { output } = renderWatchReport(reported, shown, { analysed, milliseconds: Math.round(performance.now() - started), baselined: known });
    reported = shown;
    stdout.write(output);
  };

  const owner = (fileName: string): number => states.findIndex((state) => state.roots.has(fileName));
  /** Polls `file` from now on; false when it already was. */
  const poll = (file: string, onChange: () => void): boolean => {
    if (polled.has(file)) return false;
    polled.add(file);
    fs.watchFile(file, { interval: CONFIG_POLL_MS }, (now, before) => {
      if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) onChange();
    });
    return true;
  };
  /** Config candidates (an edit re-analyses every file) and the baselines that may apply (an edit only reports again). */
  const pollConfigs = () => {
    for (const candidate of Object.keys(configProbes)) {
      // Polled already: so is every baseline above it.
      if (!poll(candidate, scheduleAll)) continue;
      // A config's baseline sits beside it or beside a config further up (core: conventionalBaseline).
      if (explicitBaseline === undefined) {
        for (let dir = path.dirname(candidate); ; dir = path.dirname(dir)) {
          poll(path.join(dir, BASELINE_FILE_NAME), scheduleReport);
          if (path.dirname(dir) === dir) break;
        }
      }
    }
    if (explicitBaseline !== undefined) poll(explicitBaseline, scheduleReport);
  };

  /** Analyses `fileNames` of plan `index` with its current program and prints what changed. */
  const analyse = (index: number, fileNames: Iterable<string>, started: number) => {
    const state = states[index]!;
    if (!state.program) return;
    const analyzer = core().createAnalyzer({ ts, program: state.program, cwd, configFile: options.configFile });
    const errors = new Map<string, string>();
    let analysed = 0;
    for (const fileName of fileNames) {
      const sourceFile = state.program.getSourceFile(fileName);
      if (!sourceFile || owner(fileName) !== index || !isUnder(fileName, context.paths)) continue;
      recordConfigChain(configProbes, fileName, explicitConfig);
      const analysis = analyzeOrTooDeep(analyzer, sourceFile);
      analysed += 1;
      if ('error' in analysis) {
        errors.set(analysis.error.source, formatKnownError(analysis.error, relative));
        current.delete(fileName);
        continue;
      }
      current.set(fileName, analysis.analyzed ? analysis.findings.map((finding) => report(finding, cwd)) : []);
    }
    for (const fileName of [...current.keys()]) if (owner(fileName) === -1) current.delete(fileName);
    pollConfigs();
    for (const [source, message] of errors) if (configErrors.get(source) !== message) stderr.write(message);
    for (const source of configErrors.keys()) if (!errors.has(source)) stderr.write(`[watch] config ${relative(source)} is valid again\n`);
    configErrors = errors;
    printReport(analysed, started);
  };

  let pendingReport: NodeJS.Timeout | undefined;
  /** A baseline changed: nothing to analyse, only what the report shows. */
  const scheduleReport = () => {
    if (pendingReport) return;
    pendingReport = setTimeout(() => {
      pendingReport = undefined;
      printReport(0, performance.now());
    }, 20);
  };
  let pendingAll: NodeJS.Timeout | undefined;
  /** A config changed: every file may be governed differently (the resolver re-reads it once the event loop turns). */
  const scheduleAll = () => {
    if (pendingAll) return;
    pendingAll = setTimeout(() => {
      pendingAll = undefined;
      const started = performance.now();
      states.forEach((state, index) => analyse(index, state.roots, started));
    }, 20);
  };

  const afterProgramCreate = (index: number, builder: TS.SemanticDiagnosticsBuilderProgram) => {
    const started = performance.now();
    const state = states[index]!;
    const program = builder.getProgram();
    const sources = new Map(program.getSourceFiles().map((sourceFile) => [path.resolve(sourceFile.fileName), sourceFile]));
    const changed = new Set<string>();
    for (const [fileName, sourceFile] of sources) if (state.sources.get(fileName) !== sourceFile) changed.add(fileName);
    for (const fileName of state.sources.keys()) if (!sources.has(fileName)) changed.add(fileName);
    const globals = new Set([...sources].filter(([, sourceFile]) => isGlobalFile(ts, program, sourceFile)).map(([fileName]) => fileName));
    const everything = state.program === undefined || [...changed].some((f) => globals.has(f) || state.globals.has(f));
    Object.assign(state, { program, builder, sources, globals, roots: new Set(program.getRootFileNames().map((f) => path.resolve(f))) });
    const affected = everything
      ? state.roots
      : [...state.roots].filter((fileName) => {
          const sourceFile = sources.get(fileName);
          return !sourceFile || changed.has(fileName) || builder.getAllDependencies(sourceFile).some((dep) => changed.has(path.resolve(dep)));
        });
    analyse(index, affected, started);
  };

  plans.forEach((plan, index) => {
    const host = ts.createWatchCompilerHost(
      plan.tsconfig,
      { ...readerOptions(ts), noEmit: true },
      ts.sys,
      ts.createSemanticDiagnosticsBuilderProgram,
      // Only tsconfig problems arrive here (no emit, no type-check report): print them and keep watching.
      (diagnostic) => stderr.write(`[watch] ${relative(plan.tsconfig)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}\n`),
      () => undefined,
    );
    host.afterProgramCreate = (builder) => afterProgramCreate(index, builder);
    // As the CLI's programs: a referenced project is read from its sources, not its build output.
    host.useSourceOfProjectReferenceRedirect = () => true;
    ts.createWatchProgram(host);
  });
  return 0;
}
