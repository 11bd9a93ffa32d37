import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { categories } from './categories/index.js';
import { mergeLogs, toLogLine } from './log.js';
import { caseLine, isBreak, summary } from './report.js';
import { runFuzz } from './run-fuzz.js';

// `pnpm fuzz [--seed N] [--cases N]`: seeded, reproducible robustness run of the built scanner.
// Exit 0 when no case broke the contract, 1 otherwise.
const USAGE = `Usage: pnpm fuzz [--seed N] [--cases N] [--case I]... [--category NAME]... [--jobs N] [--keep] [--verbose]

  --seed N        seed of the run (default 1); the same seed gives the same cases
  --cases N       cases 0..N-1 (default 1000); case i belongs to category i mod ${categories.length}
  --first I       start at case I (split a long run over processes, ranges may overlap; see --log and --merge)
  --case I        run only case I (repeatable): replays one line of a report
  --category C    run only cases of category C (repeatable): ${categories.map((c) => c.name).join(', ')}
  --jobs N        scanner processes at once (default: 2, at most the CPU count)
  --keep          keep each case's directory and print it
  --verbose       print every case, not only the broken ones
  --log FILE      also append each case's result to FILE, one JSON object a line
  --merge FILE... print the summary of logs written with --log (runs nothing)
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string' },
    cases: { type: 'string' },
    case: { type: 'string', multiple: true },
    first: { type: 'string' },
    log: { type: 'string' },
    merge: { type: 'boolean' },
    category: { type: 'string', multiple: true },
    jobs: { type: 'string' },
    keep: { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`error: --${name} needs a non-negative integer, got ${JSON.stringify(text)}\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

if (values.help) {
  process.stdout.write(USAGE);
} else if (values.merge) {
  process.stdout.write(summary(mergeLogs(positionals)));
} else {
  const unknown = (values.category ?? []).filter((name) => !categories.some((c) => c.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`error: unknown category ${unknown.join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  const only = values.case?.map((text) => integer('case', text, 0));
  const seed = integer('seed', values.seed, 1);
  const options = {
    seed,
    cases: integer('cases', values.cases, only ? Math.max(...only) + 1 : 1000),
    first: integer('first', values.first, 0),
    only,
    categories: values.category,
    jobs: integer('jobs', values.jobs, Math.min(2, os.availableParallelism())),
    keep: values.keep,
  };
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  let done = 0;
  const report = await runFuzz(options, repoRoot, (result) => {
    done += 1;
    if (values.log) fs.appendFileSync(values.log, `${JSON.stringify(toLogLine(result, seed))}\n`);
    if (values.verbose || result.breaks.length > 0 || result.skipped || result.dir) process.stdout.write(`${caseLine(result, seed)}\n`);
    else if (done % 50 === 0) process.stdout.write(`… ${done} cases\n`);
  });
  process.stdout.write(`\n${summary(report)}`);
  if (report.results.some(isBreak)) process.exitCode = 1;
}
