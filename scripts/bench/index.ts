import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FILES, REPO_ROOT, generateProject } from './generate.js';
import { describeMachine, loadAverage } from './machine.js';
import { detectTimer, measure, type Timer } from './measure.js';
import { profileTool } from './profile-run.js';
import { measureIncremental, readIncrementalSection, renderIncrementalSection, writeIncrementalSection } from './incremental.js';
import { prepareReference, resolveRevision } from './reference.js';
import { missedTargets, renderMarkdown, resultsTable, targetsTable, toolsToProfile, type BenchRun, type ToolResult } from './report.js';
import { repetitionOrder } from './schedule.js';
import { REFERENCE_TOOL, defineTools, failureOf } from './tools.js';

const DEFAULT_RUNS = 5;
const USAGE =
  'usage: pnpm bench [--files N (default 2000)] [--runs N (default 5)] [--timer gnu-time|node-probe] [--no-profile] [--no-incremental] [--reference GIT-REV] [--doc FILE | --no-doc]';

function integerOption(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${value})\n${USAGE}`);
  return n;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string' },
      runs: { type: 'string' },
      timer: { type: 'string' },
      'no-profile': { type: 'boolean' },
      doc: { type: 'string' },
      'no-doc': { type: 'boolean' },
      'no-incremental': { type: 'boolean' },
      reference: { type: 'string' },
    },
  });
  const files = integerOption(values.files, DEFAULT_FILES, 'files', 1);
  const runs = integerOption(values.runs, DEFAULT_RUNS, 'runs', 1);
  const timer: Timer = values.timer === 'gnu-time' || values.timer === 'node-probe' ? values.timer : detectTimer();
  const benchDir = path.join(REPO_ROOT, '.bench');
  // Resolved before anything is written, so a mistyped revision costs nothing; built once, then timed like (b).
  const revision = values.reference === undefined ? undefined : resolveRevision(values.reference, REPO_ROOT);
  const reference = revision && prepareReference(revision, { repoRoot: REPO_ROOT, benchDir, log });

  const project = generateProject({ files });
  log(
    `wrote ${files} files (${project.composition.clones} clones of the template slice) in ${path.relative(REPO_ROOT, project.dir)}; ${project.planted.length} planted violations; timer: ${timer}`,
  );

  const tools = await defineTools(project, benchDir, reference);
  const results: ToolResult[] = tools.map((tool) => ({ tool, walls: [], rss: [], failure: undefined, check: undefined }));
  for (const r of results) if (r.tool.unavailable) log(`${r.tool.label}: not available: ${r.tool.unavailable}`);

  const machine = describeMachine();
  const loadBefore = loadAverage();
  const started = process.hrtime.bigint();
  for (let rep = 0; rep < runs; rep += 1) {
    const order = repetitionOrder(results, rep, (r) => (r.tool.id === REFERENCE_TOOL ? results.find((s) => s.tool.id === 'scanner') : undefined));
    for (const r of order) {
      if (!r.tool.command) continue;
      const sample = await measure(r.tool.command, timer);
      const failure = failureOf(r.tool, sample);
      if (failure) {
        r.failure ??= failure;
        log(`[run ${rep + 1}/${runs}] ${r.tool.label}: ${failure}`);
        continue;
      }
      r.walls[rep] = sample.wallSeconds;
      r.rss[rep] = sample.peakRssMb;
      // Every run sees the same input; checking the first good output is enough.
      if (!r.check) {
        try {
          r.check = r.tool.check(sample);
        } catch (error) {
          r.check = { ok: false, summary: `output not understood: ${error instanceof Error ? error.message : String(error)}` };
        }
      }
      log(`[run ${rep + 1}/${runs}] ${r.tool.label}: ${sample.wallSeconds.toFixed(2)} s, ${sample.peakRssMb.toFixed(0)} MB`);
    }
  }

  const run: BenchRun = {
    project,
    runs,
    timer,
    machine,
    loadBefore,
    loadAfter: loadAverage(),
    totalSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    results,
    profiles: [],
    ...(revision && { reference: revision }),
  };
  if (!values['no-profile']) {
    for (const id of toolsToProfile(run)) {
      const r = results.find((candidate) => candidate.tool.id === id);
      if (!r?.tool.command) continue;
      log(`profiling ${r.tool.label} ...`);
      const profiled = profileTool(r.tool, path.join(benchDir, 'cpuprofiles', id));
      run.profiles.push({
        label: r.tool.label,
        missedTarget: missedTargets(run).includes(id),
        wallSeconds: profiled.wallSeconds,
        summary: profiled.summary,
        split: profiled.split,
      });
    }
  }
  process.stdout.write(`\n${resultsTable(run)}\n\n${targetsTable(run)}\n`);
  if (!values['no-doc']) {
    // Trial runs (small N) can write elsewhere and leave the committed figures alone.
    const doc = path.resolve(values.doc ?? path.join(REPO_ROOT, 'docs/benchmarks.md'));
    fs.mkdirSync(path.dirname(doc), { recursive: true });
    // The incremental (--cache) section is measured by its own step; without it, the figures the
    // last such run wrote are kept rather than lost.
    const previous = fs.existsSync(doc) ? readIncrementalSection(fs.readFileSync(doc, 'utf8')) : undefined;
    fs.writeFileSync(doc, renderMarkdown(run));
    const section = values['no-incremental'] ? previous : renderIncrementalSection(measureIncremental({ files, runs, log }));
    if (section) writeIncrementalSection(doc, section);
    log(`\nwrote ${path.relative(REPO_ROOT, doc)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
