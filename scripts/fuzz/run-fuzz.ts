import * as path from 'node:path';
import type { Category, Corpus, FuzzCase, Outcome } from './case.js';
import { categories as allCategories } from './categories/index.js';
import { contractBreaks } from './contract.js';
import { loadCorpus } from './corpus.js';
import { caseSeed, createRandom } from './random.js';
import { findUnprivilegedUser, runCase, type Unprivileged } from './run-case.js';

/** What to run. Case `i` is always the same case for a given seed, whatever else is chosen. */
export interface FuzzOptions {
  seed: number;
  /** Cases first … cases-1 are scheduled. */
  cases: number;
  /** First case index (default 0): a long run can be split over several processes. */
  first?: number | undefined;
  /** Only these case indices (reproducing a report line). */
  only?: readonly number[] | undefined;
  /** Only cases of these categories. */
  categories?: readonly string[] | undefined;
  /** Of `slow` categories, run every n-th scheduled case only (the smoke keeps them few). */
  slowEvery?: number | undefined;
  /** Scanner processes at once. */
  jobs: number;
  /** Keep case directories (printed with their results). */
  keep?: boolean | undefined;
}

/** One case's verdict. */
export interface CaseResult {
  index: number;
  category: string;
  title: string;
  /** Contract breaks and failed case checks; empty when the case passed. */
  breaks: string[];
  /** Why the case was not run (e.g. no unprivileged user to run EACCES cases as). */
  skipped?: string;
  /** The other change this case waits for, when it has one. */
  pending?: string;
  outcome?: Outcome;
  dir?: string;
}

export interface FuzzReport {
  options: FuzzOptions;
  results: CaseResult[];
  durationMs: number;
}

function schedule(options: FuzzOptions): Array<{ index: number; category: Category }> {
  const planned: Array<{ index: number; category: Category }> = [];
  const seenOfCategory = new Map<string, number>();
  for (let index = 0; index < options.cases; index += 1) {
    const category = allCategories[index % allCategories.length] as Category;
    const nth = seenOfCategory.get(category.name) ?? 0;
    seenOfCategory.set(category.name, nth + 1);
    if (index < (options.first ?? 0)) continue;
    if (options.only && !options.only.includes(index)) continue;
    if (options.categories && !options.categories.includes(category.name)) continue;
    if (category.slow && options.slowEvery && nth % options.slowEvery !== 0) continue;
    planned.push({ index, category });
  }
  return planned;
}

/** Generates case `index` of a run seeded with `seed`. */
export function generateCase(seed: number, index: number, corpus: Corpus): FuzzCase {
  const category = allCategories[index % allCategories.length] as Category;
  return category.generate(createRandom(caseSeed(seed, index)), corpus);
}

async function judge(
  index: number,
  fuzzCase: FuzzCase,
  env: { scannerBin: string; unprivileged: Unprivileged | string | undefined; keep: boolean },
): Promise<CaseResult> {
  const base = { index, category: fuzzCase.category, title: fuzzCase.title, ...(fuzzCase.pending ? { pending: fuzzCase.pending } : {}) };
  const runAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (fuzzCase.unprivileged && runAsRoot && typeof env.unprivileged !== 'object') {
    return { ...base, breaks: [], skipped: env.unprivileged ?? 'needs an unprivileged user (root reads every file) and none exists' };
  }
  const { dir, ...outcome } = await runCase(fuzzCase, { ...env, unprivileged: typeof env.unprivileged === 'object' ? env.unprivileged : undefined });
  const problem = outcome.timedOut ? undefined : fuzzCase.check?.(outcome);
  return { ...base, breaks: [...contractBreaks(outcome), ...(problem ? [problem] : [])], outcome, ...(env.keep ? { dir } : {}) };
}

/** Runs the scheduled cases against the built scanner, `jobs` processes at a time. */
export async function runFuzz(options: FuzzOptions, repoRoot: string, onResult?: (result: CaseResult) => void): Promise<FuzzReport> {
  const started = performance.now();
  const corpus = loadCorpus(repoRoot);
  const scannerBin = path.join(repoRoot, 'packages/scanner/dist/bin.js');
  const env = { scannerBin, unprivileged: findUnprivilegedUser(scannerBin), keep: options.keep ?? false };
  const queue = schedule(options);
  const results: CaseResult[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await judge(next.index, generateCase(options.seed, next.index, corpus), env);
      results.push(result);
      onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  results.sort((a, b) => a.index - b.index);
  return { options, results, durationMs: performance.now() - started };
}
