import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanOptions } from '../args.js';
import { packageRoot } from '../cache/cache-file.js';
import type { ExitCode, RunIO } from '../run.js';
import { ask, type Asked, type DaemonSpec } from './protocol.js';
import { daemonDir, daemonPlace, listeningSocket, livePid, placeOf, processIdentity, readPidFile, unusable, type DaemonPlace } from './place.js';

/** The environment variable that makes the CLI entry serve as the daemon (src/main.ts). */
export const DAEMON_ENV = 'EXECGOV_SERVE_DAEMON';

/**
 * How long a scan waits for the daemon to take its request. The daemon answers one scan at a
 * time: one that is busy with another's longer than this (or hangs) is not waited for; the scan
 * runs in its own process instead, with the same result.
 */
const ACCEPT_MS = 5000;

/** How long `--stop-daemon` waits for a daemon to finish the scan it is on and stop. */
const STOP_MS = 60_000;

/** A start lock without a live pid yet is younger than this while its daemon is being spawned. */
const SPAWNING_MS = 10_000;

/** The built CLI entry the daemon runs: this package's dist/bin.js, whether this code runs from it or from the compiled modules. */
function cliEntry(): string {
  return path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'dist', 'bin.js');
}

/** Why an answer was not one, in the note or error that says so. */
function failure(asked: Asked): string {
  return asked.kind === 'lost' ? asked.reason : 'an unexpected answer';
}

/** Takes the start lock; false when another scan is starting a daemon right now (its lock holds a live pid, or is a moment old). */
function takeStartLock(place: DaemonPlace): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.closeSync(fs.openSync(place.lock, 'wx', 0o600));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (livePid(place.lock) !== undefined) return false;
      try {
        if (Date.now() - fs.statSync(place.lock).mtimeMs < SPAWNING_MS) return false;
      } catch {
        continue; // released meanwhile: try again
      }
      fs.rmSync(place.lock, { force: true });
    }
  }
  return false;
}

/** Starts a daemon in the background, detached from this process (it outlives it). */
function startDaemon(place: DaemonPlace, options: ScanOptions, io: RunIO): void {
  const entry = cliEntry();
  if (!fs.existsSync(entry) || !takeStartLock(place)) return;
  const spec: DaemonSpec = { socket: place.socket, lock: place.lock, pidFile: place.pidFile, log: place.log, warmup: { options, cwd: io.cwd } };
  // Loaded only here: a scan the daemon answers never needs it.
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
  let log: number | 'ignore' = 'ignore';
  try {
    // Appended to, never truncated: a daemon of the same name that stopped answering may still write to it.
    log = fs.openSync(place.log, 'a', 0o600);
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
    });
    if (child.pid === undefined) fs.rmSync(place.lock, { force: true });
    else {
      try {
        // Into the lock only while it is there ('r+'): a daemon that is already up removed it.
        fs.writeFileSync(place.lock, processIdentity(child.pid), { flag: 'r+' });
      } catch {
        // released already
      }
    }
    child.unref();
  } catch {
    fs.rmSync(place.lock, { force: true });
  } finally {
    if (typeof log === 'number') fs.closeSync(log);
  }
}

/** Removes what a daemon that is gone left behind; true when it is gone (no live pid). */
function clearIfDead(place: DaemonPlace): boolean {
  if (livePid(place.pidFile) !== undefined) return false;
  const dead = readPidFile(place.pidFile);
  const files = [place.socket, place.pidFile, ...(dead ? [listeningSocket(place.socket, dead.pid)] : [])];
  for (const file of files) fs.rmSync(file, { force: true });
  return true;
}

/**
 * A `--daemon` scan: answered by the daemon of this install when one listens (TypeScript, the core
 * and the files parsed and bound by earlier scans are in its memory); otherwise scanned in this
 * process, as `--cache` alone would, and a daemon is started in the background for the next scan.
 * The daemon runs the same incremental scan on the same cache file, and its output is replayed
 * in the order it was written.
 */
export async function scanThroughDaemon(options: ScanOptions, io: RunIO, inProcess: () => ExitCode): Promise<ExitCode> {
  const note = (line: string) => io.stderr.write(`note: ${line}\n`);
  const env = io.env ?? process.env;
  const place = daemonPlace(env);
  const why = unusable(place);
  if (why !== undefined) {
    note(`not using a daemon: ${why}; scanned in this process`);
    return inProcess();
  }
  const asked = await ask(
    place.socket,
    { type: 'scan', options, cwd: io.cwd, env: { ...env }, stdoutIsTTY: io.stdout.isTTY === true, umask: process.umask() },
    ACCEPT_MS,
  );
  if (asked.kind === 'answer' && asked.reply.type === 'scanned') {
    for (const [stream, chunk] of asked.reply.output) io[stream].write(chunk);
    return asked.reply.exitCode;
  }
  if (asked.kind !== 'absent') {
    note(`the scan daemon did not answer (${failure(asked)}); scanned in this process`);
    return inProcess();
  }
  // Refused: a daemon that died left its socket (cleared for the next one), or a live one is too
  // busy to accept (left alone).
  const start = !asked.refused || clearIfDead(place);
  const exitCode = inProcess();
  // Started after this scan, not beside it: its warm-up (a whole scan) would slow this one down.
  if (start) startDaemon(place, options, io);
  return exitCode;
}

/**
 * The pid of a daemon still starting (its lock names it, alive). A lock a moment old may not name
 * one yet (the scan that took it is spawning the daemon): it is given that moment.
 */
async function startingPid(place: DaemonPlace): Promise<number | undefined> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const pid = livePid(place.lock);
    if (pid !== undefined) return pid;
    let age: number;
    try {
      if (fs.readFileSync(place.lock, 'utf8').trim() !== '') return undefined;
      age = Date.now() - fs.statSync(place.lock).mtimeMs;
    } catch {
      return undefined;
    }
    if (age > SPAWNING_MS || Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `--stop-daemon`: stops every daemon of this user (this build's and any other's still idling),
 * including one still warming up, and clears what dead ones left.
 */
export async function stopDaemon(io: RunIO): Promise<ExitCode> {
  const dir = daemonDir(io.env ?? process.env);
  let names: string[];
  try {
    names = [...new Set(fs.readdirSync(dir).flatMap((file) => /^(\w+)\.(?:sock|starting)$/.exec(file)?.[1] ?? []))].sort();
  } catch {
    names = [];
  }
  let stopped = 0;
  let failed = false;
  for (const name of names) {
    const place = placeOf(dir, name);
    const starting = await startingPid(place);
    if (starting !== undefined) {
      // Warming up, not listening yet: it has no socket to be asked on.
      try {
        process.kill(starting, 'SIGTERM');
        io.stdout.write(`Stopped the scan daemon (pid ${starting}) while it was starting.\n`);
        stopped += 1;
      } catch {
        // ended meanwhile
      }
      fs.rmSync(place.lock, { force: true });
      continue;
    }
    if (!fs.existsSync(place.socket)) continue;
    const asked = await ask(place.socket, { type: 'stop' }, STOP_MS);
    if (asked.kind === 'answer' && asked.reply.type === 'stopping') {
      io.stdout.write(`Stopped the scan daemon (pid ${asked.reply.pid}).\n`);
      stopped += 1;
    } else if (asked.kind !== 'absent' || !clearIfDead(place)) {
      io.stderr.write(
        `error: the scan daemon at ${place.socket} did not stop (${asked.kind === 'absent' ? 'it refuses connections' : failure(asked)})\n  hint: its log is ${place.log}; end its process (pid file ${place.pidFile}) yourself if it hangs\n`,
      );
      failed = true;
    }
  }
  if (stopped === 0 && !failed) io.stdout.write('No scan daemon is running.\n');
  return failed ? 2 : 0;
}
