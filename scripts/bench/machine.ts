import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { REPO_ROOT } from './generate.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  /** `free -g` as printed, or total memory when `free` is missing. */
  memory: string;
  node: string;
  commit: string;
  /** Measured builds may include work not yet committed by others in this checkout. */
  dirtyPackages: boolean;
  date: string;
}

function run(file: string, args: string[]): string | undefined {
  try {
    // trimEnd only: `free` right-aligns its header, and a trimmed first line misaligns the table.
    return execFileSync(file, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
  } catch {
    return undefined;
  }
}

/** What the figures were measured on; load is sampled separately, before and after. */
export function describeMachine(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memory: run('free', ['-g']) ?? `${Math.round(os.totalmem() / 2 ** 30)} GiB total`,
    node: process.version,
    commit: run('git', ['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    dirtyPackages: (run('git', ['status', '--porcelain', '--', 'packages']) ?? '') !== '',
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** 1-minute load average, formatted: a figure above the core count means the runs competed for CPU. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}
