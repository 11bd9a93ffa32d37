import type { Outcome } from './case.js';

/**
 * A fixture-sized scan must take less than this. It is measured as the scanner's CPU time, what
 * the scan costs on an idle core, so a machine shared by many cannot break the contract alone.
 */
export const CASE_TIME_LIMIT_MS = 60_000;

/** Wall-clock limit that catches a hang (a scan that waits rather than computes); then the run is killed. */
export const CASE_WALL_LIMIT_MS = 600_000;

const EXIT_CODES: ReadonlySet<number> = new Set([0, 1, 2]);

/** Signs of a crash leaking to the user: stack frames, raw error dumps, our own bug banner. */
const CRASH_SIGNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'stack frame', pattern: /^ {2,}at \S/m },
  { name: 'error dump', pattern: /^(?:Uncaught )?[A-Z][A-Za-z]*Error(?: \[[A-Z_]+\])?: /m },
  { name: '"this is a bug"', pattern: /this is a bug/i },
  { name: 'Node.js fatal error', pattern: /FATAL ERROR|JavaScript heap out of memory|Maximum call stack size exceeded/ },
];

/**
 * What the contract says about one run: the exit code is 0, 1 or 2; no output shows a crash;
 * the scan costs under 60 s of CPU and ends. Returns the broken clauses (empty: kept).
 */
export function contractBreaks(outcome: Outcome): string[] {
  const breaks: string[] = [];
  if (outcome.timedOut) {
    breaks.push(`did not finish within ${CASE_WALL_LIMIT_MS / 1000} s of wall-clock time (killed)`);
  } else {
    if (outcome.cpuMs !== undefined && outcome.cpuMs > CASE_TIME_LIMIT_MS) {
      breaks.push(`used ${(outcome.cpuMs / 1000).toFixed(1)} s of CPU (limit ${CASE_TIME_LIMIT_MS / 1000} s)`);
    }
    if (outcome.exitCode === null || !EXIT_CODES.has(outcome.exitCode)) {
      breaks.push(`exit ${outcome.exitCode ?? `by signal ${outcome.signal ?? '?'}`} (expected 0, 1 or 2)`);
    }
  }
  for (const [stream, text] of [
    ['stdout', outcome.stdout],
    ['stderr', outcome.stderr],
  ] as const) {
    for (const { name, pattern } of CRASH_SIGNS) {
      const match = pattern.exec(text);
      if (match) breaks.push(`${name} on ${stream}: ${lineAround(text, match.index)}`);
    }
  }
  return breaks;
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return JSON.stringify(text.slice(start, end === -1 ? undefined : end).slice(0, 160));
}
