import type { CaseResult, FuzzReport } from './run-fuzz.js';

/** A broken case that waits for another change is listed apart from the contract breaks. */
export const isBreak = (result: CaseResult): boolean => result.breaks.length > 0 && result.pending === undefined;
const isPendingBreak = (result: CaseResult): boolean => result.breaks.length > 0 && result.pending !== undefined;

/** The command that replays one case on its own. */
export function reproduce(seed: number, index: number): string {
  return `pnpm fuzz --seed ${seed} --case ${index}`;
}

/** One report line per case worth a look: what broke, the output's start, how to replay it. */
export function caseLine(result: CaseResult, seed: number): string {
  const head = `#${result.index} ${result.category}: ${result.title}`;
  if (result.skipped) return `${head}\n    skipped: ${result.skipped}`;
  const lines = [head, ...result.breaks.map((problem) => `    ${result.pending ? `pending (${result.pending})` : 'BREAK'}: ${problem}`)];
  if (result.outcome) {
    const output = `${result.outcome.stderr}${result.outcome.stdout}`.trim().split('\n').slice(0, 4);
    lines.push(
      `    exit ${result.outcome.exitCode} in ${(result.outcome.durationMs / 1000).toFixed(1)} s (${((result.outcome.cpuMs ?? 0) / 1000).toFixed(1)} s CPU); output: ${JSON.stringify(output.join(' | ').slice(0, 300))}`,
    );
  }
  if (result.dir) lines.push(`    kept: ${JSON.stringify(result.dir)}`);
  lines.push(`    replay: ${reproduce(seed, result.index)}`);
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
}

/** The per-category table and the verdict, as Markdown-friendly text. */
export function summary(report: FuzzReport): string {
  const { results, options } = report;
  const byCategory = new Map<string, CaseResult[]>();
  for (const result of results) byCategory.set(result.category, [...(byCategory.get(result.category) ?? []), result]);
  const row = (name: string, group: CaseResult[]) => {
    const run = group.filter((r) => r.outcome);
    const exits = (code: number) => run.filter((r) => r.outcome?.exitCode === code).length;
    const seconds = run.map((r) => (r.outcome?.cpuMs ?? r.outcome?.durationMs ?? 0) / 1000);
    return `| ${name} | ${group.length} | ${exits(0)} | ${exits(1)} | ${exits(2)} | ${group.filter(isBreak).length} | ${group.filter(isPendingBreak).length} | ${group.filter((r) => r.skipped).length} | ${median(seconds).toFixed(1)} | ${Math.max(0, ...seconds).toFixed(1)} |`;
  };
  const breaks = results.filter(isBreak).length;
  const lines = [
    options.jobs > 0
      ? `fuzz: seed ${options.seed}, ${results.length} cases, ${options.jobs} at a time, ${(report.durationMs / 1000).toFixed(0)} s`
      : `fuzz: seed ${options.seed}, ${results.length} cases (merged logs)`,
    '',
    '| category | cases | exit 0 | exit 1 | exit 2 | breaks | pending | skipped | median CPU s | max CPU s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...[...byCategory].map(([name, group]) => row(name, group)),
    row('**all**', results),
    '',
    `contract breaks: ${breaks}`,
  ];
  const pending = results.filter(isPendingBreak);
  if (pending.length > 0) lines.push(`pending on other changes: ${pending.length} (${[...new Set(pending.map((r) => r.pending))].join('; ')})`);
  const skipped = results.filter((r) => r.skipped);
  if (skipped.length > 0) lines.push(`skipped: ${skipped.length} (${[...new Set(skipped.map((r) => r.skipped))].join('; ')})`);
  const fixed = results.filter((r) => r.pending !== undefined && r.outcome && r.breaks.length === 0);
  if (fixed.length > 0) lines.push(`pending cases that now pass (drop their \`pending\` marker): ${fixed.map((r) => `#${r.index}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
