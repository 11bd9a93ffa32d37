import type { GeneratedProject } from './generate.js';
import type { Machine } from './machine.js';
import type { SplitRow } from './profile-summary.js';
import type { Timer } from './measure.js';
import type { ReferenceRevision } from './reference.js';
import { median, pairedRatio } from './stats.js';
import { REFERENCE_TOOL, type Tool, type ToolCheck, type ToolId } from './tools.js';

export interface ToolResult {
  tool: Tool;
  /** Per repetition; undefined where the run did not happen or failed. */
  walls: Array<number | undefined>;
  rss: Array<number | undefined>;
  failure: string | undefined;
  check: ToolCheck | undefined;
}

/** A tool run once more under the profiler: always the two governance front ends, plus any that missed a target. */
export interface ProfileSection {
  label: string;
  missedTarget: boolean;
  wallSeconds: number;
  summary: string;
  split: SplitRow[];
}

export interface BenchRun {
  project: GeneratedProject;
  runs: number;
  timer: Timer;
  machine: Machine;
  loadBefore: string;
  loadAfter: string;
  totalSeconds: number;
  results: ToolResult[];
  profiles: ProfileSection[];
  /** The commit whose scanner ran as (b′), when `--reference` was given. */
  reference?: ReferenceRevision;
}

interface Target {
  /** The tool whose cost the target bounds (the numerator). */
  subject: ToolId;
  name: string;
  goal: string;
  measured: string;
  verdict: 'PASS' | 'MISS' | 'not measured';
}

const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function byId(run: BenchRun, id: ToolId): ToolResult | undefined {
  return run.results.find((r) => r.tool.id === id);
}

function measured(result: ToolResult | undefined): boolean {
  return result !== undefined && result.walls.some((w) => w !== undefined);
}

/** Why a tool has no figures, in the words the table uses. */
function absence(result: ToolResult): string {
  if (result.tool.unavailable) return `not available: ${result.tool.unavailable}`;
  return `failed: ${result.failure ?? 'no successful run'}`;
}

function ratio(run: BenchRun, a: ToolId, b: ToolId, field: 'walls' | 'rss'): number {
  const x = byId(run, a);
  const y = byId(run, b);
  return x && y ? pairedRatio(x[field], y[field]) : Number.NaN;
}

function perRunRatios(a: ReadonlyArray<number | undefined>, b: ReadonlyArray<number | undefined>): string {
  return a.map((x, r) => (x === undefined || b[r] === undefined ? '–' : fmt(x / (b[r] as number)))).join(', ');
}

function target(run: BenchRun, name: string, goal: string, a: ToolId, b: ToolId, field: 'walls' | 'rss', limit: number): Target {
  const x = byId(run, a);
  const y = byId(run, b);
  // A tool not in the run at all (find would return that very `undefined`) is as unmeasured as one that failed.
  if (!x || !y) return { subject: a, name, goal, measured: `not in this run: ${!x ? a : b}`, verdict: 'not measured' };
  const missingTool = [x, y].find((r) => !measured(r));
  if (missingTool) return { subject: a, name, goal, measured: absence(missingTool), verdict: 'not measured' };
  const value = ratio(run, a, b, field);
  const perRun = perRunRatios(x[field], y[field]);
  return { subject: a, name, goal, measured: `${fmt(value)}× (runs: ${perRun})`, verdict: value <= limit ? 'PASS' : 'MISS' };
}

export function targets(run: BenchRun): Target[] {
  const reference = run.reference
    ? [target(run, `Scanner wall time vs the scanner at ${run.reference.short} (issue 10: no regression)`, '≤ 1.10×', 'scanner', REFERENCE_TOOL, 'walls', 1.1)]
    : [];
  return [
    target(run, 'Scanner wall time vs `tsc --noEmit`', '≤ 0.35×', 'scanner', 'tsc', 'walls', 0.35),
    target(run, 'Scanner peak RSS vs `tsc --noEmit`', '≤ 0.80×', 'scanner', 'tsc', 'rss', 0.8),
    ...reference,
    target(run, 'ESLint + recommended vs typed baseline (wall)', '≤ 1.15×', 'eslint-governance', 'eslint-typed', 'walls', 1.15),
  ];
}

/** The results table, markdown (also what stdout shows). */
export function resultsTable(run: BenchRun): string {
  const rows = run.results.map((r) => {
    if (!measured(r)) return `| ${r.tool.label} | ${absence(r)} | | | |`;
    const walls = r.walls.map((w) => (w === undefined ? '–' : fmt(w, 1))).join(', ');
    const check = r.check ? `${r.check.ok ? '' : '**check failed:** '}${r.check.summary}` : '';
    const failed = r.failure ? ` (some runs failed: ${r.failure})` : '';
    return `| ${r.tool.label} | ${fmt(median(r.walls.filter((w): w is number => w !== undefined)))} | ${fmt(median(r.rss.filter((m): m is number => m !== undefined)), 0)} | ${walls}${failed} | ${check} |`;
  });
  return ['| Tool | Median wall (s) | Median peak RSS (MB) | Wall per run (s) | Output check |', '| --- | ---: | ---: | --- | --- |', ...rows].join('\n');
}

export function targetsTable(run: BenchRun): string {
  return [
    '| Target | Goal | Measured (median of per-run ratios) | Verdict |',
    '| --- | --- | --- | --- |',
    ...targets(run).map((t) => `| ${t.name} | ${t.goal} | ${t.measured} | ${t.verdict} |`),
  ].join('\n');
}

function comparisons(run: BenchRun): string[] {
  const line = (label: string, a: ToolId, b: ToolId, field: 'walls' | 'rss' = 'walls'): string | undefined => {
    const value = ratio(run, a, b, field);
    return Number.isFinite(value) ? `- ${label}: ${fmt(value)}×` : undefined;
  };
  return [
    run.reference && line(`Scanner (b) vs the scanner at ${run.reference.short} (b′) (peak RSS)`, 'scanner', REFERENCE_TOOL, 'rss'),
    line('TypeScript alone (a′) vs `tsc --noEmit` (wall): the floor of any scanner on the checker (load, parse, bind)', 'typescript-floor', 'tsc'),
    line('Scanner (b) vs TypeScript alone (a′) (wall): the floor plus what the rules and the checker questions add', 'scanner', 'typescript-floor'),
    line('TypeScript alone (a′) vs `tsc --noEmit` (peak RSS)', 'typescript-floor', 'tsc', 'rss'),
    line('Regex ESLint (c) vs `tsc --noEmit` (wall)', 'eslint-regex', 'tsc'),
    line('Scanner (b) vs regex ESLint (c) (wall)', 'scanner', 'eslint-regex'),
    line('Typed baseline (d) vs regex ESLint (c) (wall): the cost of building the program', 'eslint-typed', 'eslint-regex'),
    line('Typed baseline (d) vs `tsc --noEmit` (wall)', 'eslint-typed', 'tsc'),
    line('One built-in rule (d′) vs typed baseline (d) (wall): what ESLint costs once any rule is on', 'eslint-one-rule', 'eslint-typed'),
    line('One built-in rule (d′) vs typed baseline (d) (peak RSS)', 'eslint-one-rule', 'eslint-typed', 'rss'),
    line('ESLint + recommended (e) vs one built-in rule (d′) (wall): what our rules add', 'eslint-governance', 'eslint-one-rule'),
    line('ESLint + recommended (e) vs one built-in rule (d′) (peak RSS)', 'eslint-governance', 'eslint-one-rule', 'rss'),
  ].filter((l): l is string => l !== undefined);
}

const REPRODUCE = '`node --import tsx scripts/bench/profile.ts --tool scanner` (or `--tool eslint-governance`)';

function splitTable(profiles: readonly ProfileSection[]): string {
  const parts = [...new Set(profiles.flatMap((p) => p.split.map((row) => row.part)))];
  const cell = (p: ProfileSection, part: string) => {
    const row = p.split.find((r) => r.part === part);
    return row ? `${fmt(row.seconds)} s (${fmt(100 * row.share, 1)}%)` : '–';
  };
  return [
    `| Part | ${profiles.map((p) => p.label).join(' | ')} |`,
    `| --- | ${profiles.map(() => '---:').join(' | ')} |`,
    ...parts.map((part) => `| ${part} | ${profiles.map((p) => cell(p, part)).join(' | ')} |`),
  ].join('\n');
}

function profileSections(run: BenchRun): string {
  if (run.profiles.length === 0) return `Nothing was profiled (\`--no-profile\`). To profile a tool: ${REPRODUCE}.\n`;
  const sections = run.profiles.map(
    (p) => `### ${p.label}${p.missedTarget ? ' (missed a target)' : ''}: ${fmt(p.wallSeconds)} s wall under the profiler\n\n\`\`\`\n${p.summary}\n\`\`\`\n`,
  );
  return [
    '## Where the time goes',
    '',
    'Each tool below ran once more under `node --cpu-prof`, not counted above (the profiler slows it down). The split',
    'is sampled CPU time: module load; parse (program creation, plus any parse before it); bind (checker creation);',
    "each rule's own code and AST walk; the checker, as the rules asked it (a sample inside a rule that is in the",
    'TypeScript checker counts here, not for the rule); then the rest. Reproduce with ' + REPRODUCE + '.',
    '',
    splitTable(run.profiles),
    '',
    'In detail: time by phase, the checker API each rule called (inclusive), and the hottest functions.',
    '',
    ...sections,
  ].join('\n');
}

/** The tools whose own target was missed (the numerator of a MISS). */
export function missedTargets(run: BenchRun): ToolId[] {
  return [
    ...new Set(
      targets(run)
        .filter((t) => t.verdict === 'MISS')
        .map((t) => t.subject),
    ),
  ];
}

/**
 * Tools to profile after the timing runs: the scanner and ESLint with our rules, then any other that
 * missed a target. Only this tree's tools: the reference scanner is a yardstick, not work to do.
 */
export function toolsToProfile(run: BenchRun): ToolId[] {
  return [...new Set<ToolId>(['scanner', 'eslint-governance', ...missedTargets(run)])].filter((id) => id !== REFERENCE_TOOL && measured(byId(run, id)));
}

/** The Method bullet naming the reference commit, when there is one. */
function referenceMethod(run: BenchRun): string {
  const ref = run.reference;
  if (!ref) return '';
  return `
- **Reference**: (b′) is the scanner at \`${ref.rev}\` = ${ref.sha} ("${ref.subject}"), given as \`--reference ${ref.rev}\`:
  checked out as a detached git worktree in \`.bench/reference-${ref.short}/\`, installed from its lockfile and built
  with its own \`tsc -b\`. It runs with the same arguments and cwd as (b), in the same repetitions, right next to (b)
  (before it on odd repetitions, after it on even ones), so the per-repetition ratio (b)/(b′) compares the two
  scanners under the same load (issue 10: no speed regression).`;
}

/** docs/benchmarks.md, rewritten on every run. */
export function renderMarkdown(run: BenchRun): string {
  const { project, machine } = run;
  const c = project.composition;
  const planted = Object.entries(project.plantedByRule)
    .map(([rule, n]) => `${n} × \`${rule}\``)
    .join(', ');
  return `# Benchmarks

Written by \`npx --yes pnpm@10.34.9 bench\` (scripts/bench/); the bench rewrites this file on every run,
so edit the script, not the figures. It is a benchmark, not a test: nothing in CI runs it.

## Method

- **Project**: the committed template project \`scripts/bench/template/\` (type-checked by \`pnpm typecheck\`), laid
  out like packages/runtime, written into \`.bench/project-${project.files}/\` by \`scripts/bench/generate.ts\`: its
  files once, and its \`sample\` slice (a domain module, two plugins, a job service and its route) cloned
  ${c.clones} times with the module renamed, the last clone cut short to make exactly ${project.files} files,
  ${c.lines.toLocaleString('en')} lines: the Plugin contract, a registry, the ToolRunner, ${c.plugins} plugins (classes, subclasses of a
  base class, object literals annotated \`: Plugin\` and checked with \`satisfies Plugin\`), ${c.pipelines} job services
  through the layers (api route → analysis service → job service → plugin execution service → ToolRunner), and
  ${c.moduleFiles} module files in ${c.domains} domains under \`src/modules/\` (repositories, mappers, validators, services,
  cross-domain imports) full of decoy \`.run()\` calls: database statements, a TestRunner, child processes,
  scheduled tasks. Planted violations, each marked \`// expect: <rule-id>\` like the fixtures (one per clone, the rest
  in the template's legacy corner): ${planted}. Every tool's findings are compared with the markers by parity's
  comparator (scripts/parity/compare.ts). The project type-checks with zero diagnostics (strict, lib ES2022).
- **Tools**: each run is a child process (\`node <tool>\`, cwd = the project). ${run.runs} repetitions, interleaved
  round-robin (each repetition runs every tool once; the starting tool rotates), so slow drift in machine load
  falls on all tools alike. Figures are medians over the repetitions; ratios are medians of the per-repetition
  ratios. No warm-up run and no caches (no \`--cache\`, no tsbuildinfo).${referenceMethod(run)}
- **Wall time**: \`process.hrtime\` around the child. **Peak RSS**: ${
    run.timer === 'gnu-time'
      ? "GNU `/usr/bin/time -f %M` (the kernel's ru_maxrss of the child)"
      : "the child's own `process.resourceUsage().maxRSS`, recorded on exit by a preloaded probe (`--timer node-probe`, the fallback when GNU time is missing)"
  }.
- **Machine**: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit}${
    machine.dirtyPackages ? ' plus uncommitted changes under packages/ (built by `tsc -b`)' : ''
  }, ${machine.date}.
  Load average (1 / 5 / 15 min) before: ${run.loadBefore}; after: ${run.loadAfter}. The machine is shared: read
  ratios within this run, not absolute seconds across runs. Total bench time ${fmt(run.totalSeconds / 60, 1)} min.

\`\`\`
$ free -g
${machine.memory}
\`\`\`

Commands (tool paths relative to the repo root; each runs with cwd = \`.bench/project-${project.files}\`):

${run.results.map((r) => `- ${r.tool.label}: \`${r.tool.display}\``).join('\n')}

## Results

${resultsTable(run)}

## Targets

${targetsTable(run)}

For comparison:

${comparisons(run).join('\n') || '- (no pair of tools was measured)'}

${profileSections(run)}
## What the typed baseline (d) measures

With \`parserOptions.projectService\`, typescript-eslint's parser asks the TypeScript project service for the
program of each file's tsconfig and, in \`createParserServices\`, calls \`program.getTypeChecker()\` — for every file,
whether or not any rule uses type information. So a config with **no rules** already pays for building the program
and creating its checker (parse, resolve, bind), and no extra "cheap typed rule" is needed to make the baseline
honest: compare (d) with the syntax-only run (c) above. What the baseline does not pay for is type checking itself,
which the checker does lazily, only for what a rule asks; that lazy work is exactly what our rules add in (e).
`;
}
