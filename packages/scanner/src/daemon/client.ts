import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanOptions } from '../args.js';
import { packageRoot } from '../cache/cache-file.js';
import type { ExitCode, RunIO } from '../run.js';
import { ask } from './protocol.js';
import { daemonPlace, ensurePrivateDir, type DaemonPlace } from './place.js';

/** What a daemon is started with (in its environment, as JSON): where to listen and what to load first. */
export interface DaemonSpec {
  socket: string;
  lock: string;
  /** The scan that started it, run once in the daemon to parse and bind its projects before it listens. */
  warmup?: { options: ScanOptions; cwd: string } | undefined;
}

/** The environment variable that makes the CLI entry serve as the daemon (src/main.ts). */
export const DAEMON_ENV = 'EXECGOV_SERVE_DAEMON';

/** A daemon that starts takes this long at most to listen; an older lock is a start that failed. */
const START_LOCK_MS = 120_000;

/** The built CLI entry the daemon runs: this package's dist/bin.js, whether this code runs from it or from the compiled modules. */
function cliEntry(): string {
  return path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'dist', 'bin.js');
}

/** Takes the start lock; false when another scan is starting a daemon right now. */
function takeStartLock(place: DaemonPlace): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.closeSync(fs.openSync(place.lock, 'wx', 0o600));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      let age: number;
      try {
        age = Date.now() - fs.statSync(place.lock).mtimeMs;
      } catch {
        continue; // released meanwhile: try again
      }
      if (age < START_LOCK_MS) return false;
      fs.rmSync(place.lock, { force: true });
    }
  }
  return false;
}

/** Starts a daemon in the background, detached from this process (it outlives it). */
function startDaemon(place: DaemonPlace, options: ScanOptions, io: RunIO): void {
  const entry = cliEntry();
  if (!fs.existsSync(entry) || !takeStartLock(place)) return;
  const spec: DaemonSpec = { socket: place.socket, lock: place.lock, warmup: { options, cwd: io.cwd } };
  // Loaded only here: a scan the daemon answers never needs it.
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
  let log: number | 'ignore' = 'ignore';
  try {
    log = fs.openSync(place.log, 'w', 0o600);
  } catch {
    // Without a log the daemon still runs; only its last words are lost.
  }
  try {
    // --expose-gc: the daemon collects its garbage when idle (src/daemon/server.ts).
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', entry], {
      cwd: io.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...io.env, [DAEMON_ENV]: JSON.stringify(spec) },
      windowsHide: true,
    });
    child.on('error', () => fs.rmSync(place.lock, { force: true }));
    child.unref();
  } finally {
    if (typeof log === 'number') fs.closeSync(log);
  }
}

/**
 * A `--daemon` scan: answered by the daemon of this install when one listens (TypeScript, the core
 * and the files parsed and bound by earlier scans are in its memory); otherwise scanned in this
 * process, as `--cache` alone would, while a daemon starts in the background for the next scan.
 * The daemon runs the same incremental scan on the same cache file: its answer is this process's.
 */
export async function scanThroughDaemon(options: ScanOptions, io: RunIO, inProcess: () => ExitCode): Promise<ExitCode> {
  const note = (line: string) => io.stderr.write(`note: ${line}\n`);
  const place = daemonPlace(io.env ?? process.env);
  const unsafe = ensurePrivateDir(place.dir);
  if (unsafe !== undefined) {
    note(`not using a daemon: ${unsafe}; scanned in this process`);
    return inProcess();
  }
  const env = { ...(io.env ?? {}) };
  const asked = await ask(place.socket, { type: 'scan', options, cwd: io.cwd, env, stdoutIsTTY: io.stdout.isTTY === true });
  if (asked.kind === 'answer' && asked.reply.type === 'scanned') {
    io.stdout.write(asked.reply.stdout);
    io.stderr.write(asked.reply.stderr);
    return asked.reply.exitCode;
  }
  if (asked.kind !== 'absent') {
    note(`the scan daemon did not answer (${asked.kind === 'lost' ? asked.reason : 'an unexpected reply'}); scanned in this process`);
    return inProcess();
  }
  // A socket file nobody listens on is left by a daemon that died: clear it for the next one.
  if (asked.stale && process.platform !== 'win32') fs.rmSync(place.socket, { force: true });
  const exitCode = inProcess();
  // Started after this scan, not beside it: its warm-up (a whole scan) would slow this one down.
  startDaemon(place, options, io);
  return exitCode;
}

/** `--stop-daemon`: stops the daemon of this install, if one runs. */
export async function stopDaemon(io: RunIO): Promise<ExitCode> {
  const place = daemonPlace(io.env ?? process.env);
  const asked = await ask(place.socket, { type: 'stop' }, 10_000);
  if (asked.kind === 'answer' && asked.reply.type === 'stopping') {
    io.stdout.write(`Stopped the scan daemon (pid ${asked.reply.pid}).\n`);
    return 0;
  }
  if (asked.kind === 'absent') {
    if (asked.stale && process.platform !== 'win32') fs.rmSync(place.socket, { force: true });
    io.stdout.write('No scan daemon is running for this install of scan-execution-violations.\n');
    return 0;
  }
  io.stderr.write(
    `error: the scan daemon at ${place.socket} did not stop (${asked.kind === 'lost' ? asked.reason : 'an unexpected reply'})\n  hint: its log is ${place.log}; end the process yourself if it hangs\n`,
  );
  return 2;
}
