import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A child process to time: always a Node script, so the fallback probe can be preloaded. */
export interface Command {
  /** Arguments after `node`: script path and its arguments. */
  args: string[];
  cwd: string;
}

export interface Sample {
  wallSeconds: number;
  peakRssMb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** How peak RSS is read: GNU time's %M, or a preloaded probe reading the child's own resourceUsage. */
export type Timer = 'gnu-time' | 'node-probe';

const GNU_TIME = '/usr/bin/time';

/** GNU time if it is installed and understands `-f %M` (BusyBox and BSD time differ). */
export function detectTimer(): Timer {
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/.test(probe.stderr) ? 'gnu-time' : 'node-probe';
}

/**
 * Written next to the bench's temp files: on exit the child records its own peak RSS. Used only
 * when GNU time is missing; every measured tool is a single Node process, so it sees everything.
 */
function probeFile(dir: string): string {
  const file = path.join(dir, 'rss-probe.mjs');
  fs.writeFileSync(
    file,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
  );
  return file;
}

function lastNumberLine(text: string): number[] {
  const line = text.trim().split('\n').at(-1) ?? '';
  return line.trim().split(/\s+/).map(Number);
}

/**
 * Runs one command to completion. Wall time is taken here with hrtime in both modes (the spawn
 * of /usr/bin/time costs about a millisecond); peak RSS comes from the kernel's ru_maxrss.
 */
export async function measure(command: Command, timer: Timer): Promise<Sample> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-bench-'));
  const rssFile = path.join(tmp, 'rss');
  const node = process.execPath;
  const [file, args, env] =
    timer === 'gnu-time'
      ? [GNU_TIME, ['-f', '%M', '-o', rssFile, node, ...command.args], process.env]
      : [node, ['--import', probeFile(tmp), ...command.args], { ...process.env, BENCH_RSS_FILE: rssFile }];
  try {
    const started = process.hrtime.bigint();
    const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(file, args, { cwd: command.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({
          exitCode: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    // GNU time prefixes "Command exited with non-zero status N" on failure: the figure is last.
    const [kilobytes] = fs.existsSync(rssFile) ? lastNumberLine(fs.readFileSync(rssFile, 'utf8')) : [];
    const peakRssMb = kilobytes !== undefined && Number.isFinite(kilobytes) ? kilobytes / 1024 : Number.NaN;
    return { wallSeconds, peakRssMb, exitCode, stdout, stderr };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
