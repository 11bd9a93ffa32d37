import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { readText } from '../cache/probes.js';
import { SourceFileStore } from '../cache/source-files.js';
import { core } from '../core-module.js';
import { typescript } from '../load-projects.js';
import { run, type RunIO } from '../run.js';
import { listeningSocket, livePid, processIdentity } from './place.js';
import { isDaemonRequest, type DaemonReply, type DaemonRequest, type DaemonSpec, type Output } from './protocol.js';

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

/**
 * Runs one scan as a process of its own would: in the client's directory, with the client's
 * environment, terminal and umask, its output kept in the order it was written. Afterwards the
 * daemon leaves the client's directory (so it can be deleted or unmounted).
 */
function scanFor(request: Extract<DaemonRequest, { type: 'scan' }>, store: SourceFileStore, home: string): DaemonReply {
  process.chdir(request.cwd);
  for (const name of Object.keys(process.env)) delete process.env[name];
  for (const [name, value] of Object.entries(request.env)) if (typeof value === 'string') process.env[name] = value;
  process.umask(request.umask);
  const output: Output = [];
  const io: RunIO = {
    stdout: { write: (chunk: string) => output.push(['stdout', chunk]), isTTY: request.stdoutIsTTY },
    stderr: { write: (chunk: string) => output.push(['stderr', chunk]) },
    cwd: request.cwd,
    env: request.env,
    sourceFiles: store,
  };
  try {
    return { type: 'scanned', exitCode: run(request.options, io), output };
  } finally {
    process.chdir(home);
  }
}

/**
 * The scan that started the daemon, once more, into a cache file of its own that is then
 * deleted: it parses and binds every file of the projects, so the daemon's first answer after an
 * edit re-parses only what changed. Its report goes nowhere; nothing else it would write
 * (`--output-file`, `--update-baseline`) is written.
 */
function warmUp(warmup: NonNullable<DaemonSpec['warmup']>, store: SourceFileStore, home: string): void {
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
      { stdout: sink, stderr: sink, cwd: warmup.cwd, env: process.env, sourceFiles: store },
    );
  } finally {
    process.chdir(home);
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
  const home = path.dirname(spec.socket);
  const releaseLock = () => fs.rmSync(spec.lock, { force: true });
  try {
    typescript();
    core();
    if (spec.warmup) warmUp(spec.warmup, store, home);
  } catch (error) {
    releaseLock();
    throw error;
  }

  // Read now: each scan replaces the environment with its client's.
  const idleFor = idleMs();
  let idle: NodeJS.Timeout | undefined;
  // Present when the daemon was started with --expose-gc, as the client starts it.
  const collect = (globalThis as { gc?: () => void }).gc;
  let collection: NodeJS.Timeout | undefined;
  const resetIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(shutdown, idleFor);
    if (collection) clearTimeout(collection);
    if (collect) collection = setTimeout(collect, COLLECT_AFTER_MS);
  };
  let queue = Promise.resolve();
  const server = net.createServer((connection) => {
    connection.setEncoding('utf8');
    // One JSON line at a time, each checked; anything else ends the connection.
    let buffered = '';
    let onLine: (request: DaemonRequest) => void = (request) => first(request);
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end !== -1 && !connection.destroyed; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        let request: unknown;
        try {
          request = JSON.parse(line);
        } catch {
          request = undefined;
        }
        if (isDaemonRequest(request)) onLine(request);
        else connection.destroy();
      }
    });
    const answer = (reply: DaemonReply, then?: () => void) => connection.end(`${JSON.stringify(reply)}\n`, then);
    const first = (request: DaemonRequest) => {
      if (request.type === 'ping') answer({ type: 'pong', pid: process.pid });
      else if (request.type === 'stop') answer({ type: 'stopping', pid: process.pid }, shutdown);
      else if (request.type !== 'scan') connection.destroy();
      else {
        // The client waits for this at most a few seconds, and answers `go` only if it still
        // waits: a scan it gave up on (and ran itself) is never run here too.
        onLine = (next) => (next.type === 'go' ? scan(request) : connection.destroy());
        connection.write(`${JSON.stringify({ type: 'accepted' } satisfies DaemonReply)}\n`);
      }
    };
    const scan = (request: Extract<DaemonRequest, { type: 'scan' }>) => {
      onLine = () => connection.destroy();
      // One scan at a time, each after the previous answer is flushed: a large report is not
      // held in the socket's buffer while the next scan keeps the event loop busy.
      queue = queue.then(() => new Promise<void>((done) => scanNow(request, done)));
    };
    const scanNow = (request: Extract<DaemonRequest, { type: 'scan' }>, done: () => void) => {
      if (connection.destroyed) return done();
      store.begin();
      let reply: DaemonReply;
      try {
        reply = scanFor(request, store, home);
      } catch (error) {
        // run() answers every failure of a scan itself; this is the daemon's own (a working
        // directory gone, say). The client scans in its own process and says the daemon did not answer.
        process.stderr.write(`scan request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        connection.destroy();
        return done();
      } finally {
        store.sweep(KEEP_UNUSED_SCANS);
        // The idle spell, and the wait before collecting, start when the scan ends.
        resetIdle();
      }
      connection.once('close', done);
      answer(reply, done);
    };
    connection.on('error', () => connection.destroy());
  });
  // The daemon listens on a path of its own and links the clients' path to it: on close, libuv
  // removes only its own path, and the clients' path is removed only while it is still this
  // daemon's (a daemon that lost it, say to a directory wiped and a successor started, leaves
  // the successor's files alone).
  const own = listeningSocket(spec.socket, process.pid);
  const identity = processIdentity(process.pid);
  const inode = (file: string | number): number | undefined => {
    try {
      return typeof file === 'number' ? fs.fstatSync(file).ino : fs.statSync(file).ino;
    } catch {
      return undefined;
    }
  };
  let listening: number | undefined;
  const shutdown = () => {
    if (idle) clearTimeout(idle);
    // A clean stop leaves nothing of its own behind; a crash leaves the log to read.
    if (listening !== undefined && inode(spec.socket) === listening) fs.rmSync(spec.socket, { force: true });
    if (readText(spec.pidFile) === identity) fs.rmSync(spec.pidFile, { force: true });
    const log = inode(1);
    if (log !== undefined && inode(spec.log) === log) fs.rmSync(spec.log, { force: true });
    server.close(() => process.exit(0));
    // Connections still open (a client that never sent its line) do not hold the daemon up.
    setTimeout(() => process.exit(0), 2000).unref();
  };
  const leave = () => {
    releaseLock();
    server.close(() => process.exit(0));
  };
  /** Links the clients' path to this daemon's socket, unless a live daemon holds it. */
  const claim = (retry: boolean) => {
    try {
      fs.linkSync(own, spec.socket);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !retry) return leave();
      // Another daemon of this name answers there (two started at once), or is alive: it serves.
      const probe = net.connect(spec.socket);
      probe.on('connect', () => {
        probe.destroy();
        leave();
      });
      probe.on('error', () => {
        if (livePid(spec.pidFile) !== undefined) return leave();
        fs.rmSync(spec.socket, { force: true });
        claim(false);
      });
      return;
    }
    listening = inode(spec.socket);
    fs.writeFileSync(spec.pidFile, identity, { mode: 0o600 });
    releaseLock();
    resetIdle();
  };
  server.on('error', (error: NodeJS.ErrnoException) => {
    // Its own path is there only if a process of the same pid left it (a crash before a reboot).
    if (error.code === 'EADDRINUSE' && fs.existsSync(own)) {
      fs.rmSync(own, { force: true });
      server.listen(own);
      return;
    }
    releaseLock();
    throw error;
  });
  server.on('listening', () => {
    fs.chmodSync(own, 0o600);
    claim(true);
  });
  server.listen(own);
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
