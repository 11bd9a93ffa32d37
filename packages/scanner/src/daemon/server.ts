import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { retainSourceFiles } from '../cache/recorded-program.js';
import { SourceFileStore } from '../cache/source-files.js';
import { core } from '../core-module.js';
import { typescript } from '../load-projects.js';
import { run, type RunIO } from '../run.js';
import type { DaemonSpec } from './client.js';
import type { DaemonReply, DaemonRequest } from './protocol.js';

/** Stops after this long without a request, unless EXECGOV_DAEMON_IDLE_SECONDS says otherwise. */
const DEFAULT_IDLE_SECONDS = 15 * 60;

/** A parsed file no scan has asked for in this many scans is dropped (deleted, renamed, another project's). */
const KEEP_UNUSED_SCANS = 20;

/**
 * After a scan, once this long has passed without another, the daemon collects its garbage. V8
 * otherwise lets the heap grow by each scan's program and checker (about 20 MB a scan that
 * re-analyses the 2,000-file bench project) before it collects; what a scan leaves is garbage.
 */
const COLLECT_AFTER_MS = 1000;

function idleMs(): number {
  const given = Number(process.env.EXECGOV_DAEMON_IDLE_SECONDS);
  return (Number.isFinite(given) && given > 0 ? given : DEFAULT_IDLE_SECONDS) * 1000;
}

/** Runs one scan as a process of its own would: in the client's directory, with the client's environment. */
function scanFor(request: Extract<DaemonRequest, { type: 'scan' }>): DaemonReply {
  process.chdir(request.cwd);
  for (const name of Object.keys(process.env)) delete process.env[name];
  for (const [name, value] of Object.entries(request.env)) if (value !== undefined) process.env[name] = value;
  let stdout = '';
  let stderr = '';
  const io: RunIO = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: request.stdoutIsTTY },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: request.cwd,
    env: request.env,
  };
  const exitCode = run(request.options, io);
  return { type: 'scanned', exitCode, stdout, stderr };
}

/**
 * The scan that started the daemon, once more, into a cache file of its own that is then
 * deleted: it parses and binds every file of the projects, so the daemon's first answer after an
 * edit re-parses only what changed. Its report goes nowhere; nothing else it would write
 * (`--output-file`, `--update-baseline`) is written.
 */
function warmUp(warmup: NonNullable<DaemonSpec['warmup']>): void {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-warmup-'));
  try {
    process.chdir(warmup.cwd);
    const sink = { write: () => true };
    run(
      {
        ...warmup.options,
        cache: true,
        cacheLocation: path.join(scratch, 'cache.json'),
        changedSince: undefined,
        paths: [],
        outputFile: undefined,
        updateBaseline: false,
        format: 'json',
      },
      { stdout: sink, stderr: sink, cwd: warmup.cwd, env: process.env },
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The daemon (`--daemon`): keeps TypeScript, the core and every parsed and bound file in memory
 * and answers scans one at a time, each with the same incremental scan a process of its own runs
 * on the same cache file. It listens only once warm, stops after an idle spell, on `--stop-daemon`
 * or SIGTERM, and when another daemon already listens on its socket.
 */
export function serveDaemon(spec: DaemonSpec): void {
  const store = new SourceFileStore();
  retainSourceFiles(store);
  const releaseLock = () => fs.rmSync(spec.lock, { force: true });
  try {
    typescript();
    core();
    if (spec.warmup) warmUp(spec.warmup);
  } catch (error) {
    releaseLock();
    throw error;
  }

  // Read now: each scan replaces the environment with its client's.
  const idleFor = idleMs();
  let idle: NodeJS.Timeout | undefined;
  const server = net.createServer((connection) => {
    let buffered = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end === -1) return;
      connection.removeAllListeners('data');
      let request: DaemonRequest;
      try {
        request = JSON.parse(buffered.slice(0, end)) as DaemonRequest;
      } catch {
        connection.destroy();
        return;
      }
      resetIdle();
      let reply: DaemonReply;
      if (request.type === 'scan') {
        store.begin();
        try {
          reply = scanFor(request);
        } catch (error) {
          // run() answers every failure of a scan itself; this is the daemon's own (a working
          // directory gone, say). The client scans in its own process and says the daemon did not answer.
          process.stderr.write(`scan request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
          connection.destroy();
          return;
        } finally {
          store.sweep(KEEP_UNUSED_SCANS);
          // The idle spell, and the wait before collecting, start when the scan ends.
          resetIdle();
        }
      } else if (request.type === 'stop') {
        reply = { type: 'stopping', pid: process.pid };
        connection.end(`${JSON.stringify(reply)}\n`, () => shutdown());
        return;
      } else {
        reply = { type: 'pong', pid: process.pid };
      }
      connection.end(`${JSON.stringify(reply)}\n`);
    });
    connection.on('error', () => connection.destroy());
  });
  const shutdown = () => {
    if (idle) clearTimeout(idle);
    server.close(() => process.exit(0));
    // Connections still open (a client that never sent its line) do not hold the daemon up.
    setTimeout(() => process.exit(0), 2000).unref();
  };
  // Present when the daemon was started with --expose-gc, as the client starts it.
  const collect = (globalThis as { gc?: () => void }).gc;
  let collection: NodeJS.Timeout | undefined;
  const resetIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(shutdown, idleFor);
    if (collection) clearTimeout(collection);
    if (collect) collection = setTimeout(collect, COLLECT_AFTER_MS);
  };
  let retried = false;
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' && !retried && process.platform !== 'win32') {
      // A socket file is there: another daemon listens on it (two started at once), and serves;
      // or it is left by one that died, and is cleared.
      retried = true;
      const probe = net.connect(spec.socket);
      probe.on('connect', () => {
        probe.destroy();
        releaseLock();
        process.exit(0);
      });
      probe.on('error', () => {
        fs.rmSync(spec.socket, { force: true });
        server.listen(spec.socket);
      });
      return;
    }
    releaseLock();
    if (error.code === 'EADDRINUSE') process.exit(0);
    throw error;
  });
  server.on('listening', () => {
    if (process.platform !== 'win32') fs.chmodSync(spec.socket, 0o600);
    releaseLock();
    resetIdle();
  });
  server.listen(spec.socket);
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
