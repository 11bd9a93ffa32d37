import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../src/daemon/protocol.js';
import { parseScanResult, type ScanResult } from '../src/result.js';
import {
  COMPILER_OPTIONS,
  deeplyNestedFiles,
  PLUGIN_FILE,
  runScanner,
  spawnScanner,
  tempProjects,
  tsconfig,
  SCANNER_BIN as BIN,
  WORKER_PLAIN,
  WORKER_PLUGIN,
} from './helpers/temp-project.js';

// --daemon on real processes: the first scan starts a real daemon on a real Unix socket; later
// scans are answered by it, and after every edit they print exactly what a cold scan prints.
const project = tempProjects();

function files(): Record<string, string | object> {
  return {
    'package.json': { name: 'daemon-sample', private: true },
    'tsconfig.json': tsconfig(),
    'execution-governance.config.json': {},
    'src/plugins/plugin.ts': PLUGIN_FILE,
    'src/services/worker-type.ts': WORKER_PLAIN,
    'src/services/work.ts': `import type { Worker } from './worker-type.js';\nexport function go(w: Worker): Promise<unknown> {\n  return w.run(1);\n}\n`,
    'src/services/direct.ts': `import type { Plugin } from '../plugins/plugin.js';\nexport function call(p: Plugin): Promise<unknown> {\n  return p.run(1);\n}\n`,
    'src/services/leaf.ts': `export const leaf = 1;\n`,
  };
}

interface Scan {
  code: number | null;
  result: ScanResult;
  stdout: string;
  stderr: string;
  stats: { analysed: number; reusedFiles: number; daemon: boolean } | undefined;
}

/** Daemon directories made by the tests, and the environment that points a scan at each. */
const daemonDirs: string[] = [];

function daemonEnv(): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-daemon-test-'));
  daemonDirs.push(dir);
  // A daemon the test forgets still stops on its own, a minute after its last scan.
  return { ...process.env, EXECGOV_DAEMON_DIR: dir, EXECGOV_DAEMON_IDLE_SECONDS: '60', EXECGOV_CACHE_STATS: '1' };
}

afterEach(() => {
  for (const dir of daemonDirs.splice(0)) {
    spawnSync(process.execPath, [BIN, '--stop-daemon'], { env: { ...process.env, EXECGOV_DAEMON_DIR: dir }, encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function parse(code: number | null, stdout: string, stderr: string): Scan {
  const stats = /^cache: (.*)$/m.exec(stderr);
  return {
    code,
    result: parseScanResult(JSON.parse(stdout)),
    stdout,
    stderr,
    stats: stats ? (JSON.parse(stats[1]!) as Scan['stats']) : undefined,
  };
}

function cacheLocation(dir: string): string {
  return path.join(dir, '.scan-cache/');
}

function daemonScan(dir: string, env: NodeJS.ProcessEnv, extra: readonly string[] = []): Scan {
  const child = spawnSync(process.execPath, [BIN, '--format', 'json', '--daemon', '--cache-location', cacheLocation(dir), ...extra], {
    cwd: dir,
    encoding: 'utf8',
    env,
  });
  return parse(child.status, child.stdout, child.stderr);
}

async function daemonScanAsync(dir: string, env: NodeJS.ProcessEnv): Promise<Scan> {
  const { code, stdout, stderr } = await spawnScanner(['--format', 'json', '--daemon', '--cache-location', cacheLocation(dir)], { cwd: dir, env });
  return parse(code, stdout, stderr);
}

/** The socket of the daemon in `env`'s directory (one build, one Node: one socket). */
function socketIn(env: NodeJS.ProcessEnv): string | undefined {
  const name = fs.readdirSync(env.EXECGOV_DAEMON_DIR!).find((file) => /^\w+\.sock$/.test(file));
  return name === undefined ? undefined : path.join(env.EXECGOV_DAEMON_DIR!, name);
}

/** Waits until a daemon answers in `env`'s directory; returns its pid. */
async function daemonReady(env: NodeJS.ProcessEnv): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const socket = socketIn(env);
    if (socket !== undefined) {
      const asked = await ask(socket, { type: 'ping' }, 5000);
      if (asked.kind === 'answer' && asked.reply.type === 'pong') return asked.reply.pid;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no daemon answered in ${env.EXECGOV_DAEMON_DIR}`);
}

/** A project, a daemon directory, and a daemon its first scan started, answering (its pid). */
async function startedDaemon(): Promise<{ dir: string; env: NodeJS.ProcessEnv; pid: number }> {
  const dir = project(files());
  const env = daemonEnv();
  daemonScan(dir, env);
  return { dir, env, pid: await daemonReady(env) };
}

/** A daemon scan, checked against a cold in-process scan of the same tree. */
function daemonEqualsCold(dir: string, env: NodeJS.ProcessEnv, extra: readonly string[] = []): Scan {
  const served = daemonScan(dir, env, extra);
  const cold = runScanner(['--format', 'json', ...extra], dir);
  expect(served.stderr.replace(/^cache: .*\n/m, '')).toBe('');
  expect(served.result.findings).toEqual(parseScanResult(JSON.parse(cold.stdout)).findings);
  expect(served.code).toBe(cold.code);
  return served;
}

/** Whether a process runs (signal 0 reaches it). */
function livePid(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const keys = (result: ScanResult) => result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

/** The CLI in a process of its own, stdout and stderr in one stream as `2>&1` gives them (no cache stats). */
function merged(dir: string, args: readonly string[], env: NodeJS.ProcessEnv): { code: number | null; output: string } {
  const out = path.join(dir, `.merged-${process.hrtime.bigint()}`);
  const fd = fs.openSync(out, 'w');
  try {
    const child = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, EXECGOV_CACHE_STATS: '' }, stdio: ['ignore', fd, fd] });
    return { code: child.status, output: fs.readFileSync(out, 'utf8') };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(out);
  }
}

function write(dir: string, file: string, text: string): void {
  fs.writeFileSync(path.join(dir, file), text);
}

describe('--daemon (a real daemon on a real socket)', () => {
  it('the first scan runs in its own process and starts the daemon; the next ones are answered by it, equal to cold scans after each edit', async () => {
    const dir = project(files());
    const env = daemonEnv();
    const first = daemonEqualsCold(dir, env);
    expect(first.stats?.daemon).toBe(false);
    expect(keys(first.result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run']);
    await daemonReady(env);

    // Nothing changed: nothing re-analysed, the daemon answered.
    const again = daemonEqualsCold(dir, env);
    expect(again.stats).toMatchObject({ daemon: true, analysed: 0 });

    // A type change in one file creates a finding in another: re-analysed from files the daemon parsed already.
    write(dir, 'src/services/worker-type.ts', WORKER_PLUGIN);
    const changed = daemonEqualsCold(dir, env);
    expect(keys(changed.result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run', 'src/services/work.ts:3 no-direct-plugin-run']);
    expect(changed.stats?.daemon).toBe(true);
    expect(changed.stats?.reusedFiles).toBeGreaterThan(0);

    // Reverted: cleared, though the daemon still holds the edited file's parse.
    write(dir, 'src/services/worker-type.ts', WORKER_PLAIN);
    expect(keys(daemonEqualsCold(dir, env).result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run']);

    // A config edit turns the rule off; a deleted file takes its finding with it.
    write(dir, 'execution-governance.config.json', JSON.stringify({ rules: { 'no-direct-plugin-run': 'off' } }));
    expect(keys(daemonEqualsCold(dir, env).result)).toEqual([]);
    write(dir, 'execution-governance.config.json', '{}\n');
    fs.rmSync(path.join(dir, 'src/services/direct.ts'));
    expect(keys(daemonEqualsCold(dir, env).result)).toEqual([]);

    // A syntax error is reported as a cold scan reports it, and the daemon answers on.
    write(dir, 'src/services/leaf.ts', 'export const leaf = ;\n');
    daemonEqualsCold(dir, env);
    write(dir, 'src/services/leaf.ts', 'export const leaf = 2;\n');
    expect(daemonEqualsCold(dir, env).stats?.daemon).toBe(true);
  });

  it('scans from two projects and two processes at once are answered one after the other, each right', async () => {
    const one = project(files());
    const two = project({ ...files(), 'src/services/worker-type.ts': WORKER_PLUGIN });
    const env = daemonEnv();
    daemonScan(one, env);
    await daemonReady(env);
    const [a, b] = await Promise.all([daemonScanAsync(one, env), daemonScanAsync(two, env)]);
    expect(a.stats?.daemon).toBe(true);
    expect(b.stats?.daemon).toBe(true);
    expect(keys(a.result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run']);
    expect(keys(b.result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run', 'src/services/work.ts:3 no-direct-plugin-run']);
  });

  it('a file parsed under one tsconfig is never handed to a program under another whose options parse it differently', async () => {
    // Under `moduleDetection: "force"` a file without imports is a module; otherwise a script,
    // whose type is global. Same text, same path: the daemon must parse it once per set of options.
    const dir = project({
      'package.json': { name: 'daemon-options', private: true },
      'tsconfig.json': tsconfig(),
      'tsconfig.force.json': { extends: './tsconfig.json', compilerOptions: { moduleDetection: 'force' } },
      'execution-governance.config.json': {},
      'src/plugins/plugin.ts': PLUGIN_FILE,
      'src/global-worker.ts': `type PluginWorker = import('./plugins/plugin.js').Plugin;\n`,
      'src/use.ts': `export function go(w: PluginWorker): Promise<unknown> {\n  return w.run(1);\n}\n`,
    });
    const env = daemonEnv();
    expect(keys(daemonEqualsCold(dir, env, ['--project', 'tsconfig.json']).result)).toEqual(['src/use.ts:2 no-direct-plugin-run']);
    await daemonReady(env);
    const forced = daemonEqualsCold(dir, env, ['--project', 'tsconfig.force.json']);
    expect(forced.stats?.daemon).toBe(true);
    expect(keys(forced.result)).toEqual([]);
    const again = daemonEqualsCold(dir, env, ['--project', 'tsconfig.json']);
    expect(again.stats?.daemon).toBe(true);
    expect(keys(again.result)).toEqual(['src/use.ts:2 no-direct-plugin-run']);
  });

  it('a solution tsconfig: an edit in a referenced package reaches a call in the package that uses it, equal to cold scans', async () => {
    // Two programs read lib's sources (app's through its reference, as sources): each under its own
    // compiler options, so the daemon keeps a parse of them per program.
    const pkg = (extra: Record<string, unknown> = {}) => ({
      ...tsconfig(['src']),
      compilerOptions: { ...COMPILER_OPTIONS, noEmit: false, composite: true, outDir: 'dist', ...extra },
    });
    const dir = project({
      'package.json': { name: 'daemon-solution', private: true },
      'tsconfig.json': { files: [], references: [{ path: 'packages/lib' }, { path: 'packages/app' }] },
      'execution-governance.config.json': { guards: [{ name: 'plugin-run', type: { name: 'Plugin', from: 'packages/lib/src/plugin.ts' }, members: ['run'] }] },
      'packages/lib/tsconfig.json': pkg(),
      'packages/lib/src/plugin.ts': PLUGIN_FILE,
      'packages/lib/src/worker.ts': WORKER_PLAIN,
      'packages/app/tsconfig.json': { ...pkg({ noUnusedLocals: true }), references: [{ path: '../lib' }] },
      'packages/app/src/run.ts': `import type { Worker } from '../../lib/src/worker.js';\nexport function go(w: Worker): Promise<unknown> {\n  return w.run(1);\n}\n`,
    });
    const env = daemonEnv();
    expect(keys(daemonEqualsCold(dir, env).result)).toEqual([]);
    await daemonReady(env);
    write(dir, 'packages/lib/src/worker.ts', `import type { Plugin } from './plugin.js';\nexport type Worker = Plugin;\n`);
    const changed = daemonEqualsCold(dir, env);
    expect(changed.stats?.daemon).toBe(true);
    expect(keys(changed.result)).toEqual(['packages/app/src/run.ts:3 no-direct-plugin-run']);
    write(dir, 'packages/lib/src/worker.ts', WORKER_PLAIN);
    expect(keys(daemonEqualsCold(dir, env).result)).toEqual([]);
  });

  it('a daemon killed with SIGKILL leaves a socket nobody answers: the next scan runs in its own process and starts another', async () => {
    const { dir, env, pid } = await startedDaemon();
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socketIn(env)).toBeDefined(); // left behind

    write(dir, 'src/services/worker-type.ts', WORKER_PLUGIN);
    const fallback = daemonEqualsCold(dir, env);
    expect(fallback.stats?.daemon).toBe(false);
    const next = await daemonReady(env);
    expect(next).not.toBe(pid);
    expect(daemonEqualsCold(dir, env).stats?.daemon).toBe(true);
  });

  it('--stop-daemon stops it and says so; with none running it says that', async () => {
    const { dir, env, pid } = await startedDaemon();
    const stop = spawnSync(process.execPath, [BIN, '--stop-daemon'], { env, encoding: 'utf8' });
    expect(stop.status).toBe(0);
    expect(stop.stdout).toBe(`Stopped the scan daemon (pid ${pid}).\n`);
    const deadline = Date.now() + 10_000;
    while (socketIn(env) !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socketIn(env)).toBeUndefined();
    const none = spawnSync(process.execPath, [BIN, '--stop-daemon'], { env, encoding: 'utf8' });
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('No scan daemon is running.\n');
  });

  it('a daemon directory other users can enter is not used: the scan runs in its own process and says why', () => {
    if (process.platform === 'win32') return;
    const dir = project(files());
    const env = daemonEnv();
    fs.chmodSync(env.EXECGOV_DAEMON_DIR!, 0o777);
    const scan = daemonScan(dir, env);
    expect(scan.stderr).toContain(`note: not using a daemon: ${env.EXECGOV_DAEMON_DIR} is open to other users (mode 777); scanned in this process`);
    expect(scan.stats?.daemon).toBe(false);
    expect(keys(scan.result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run']);
    expect(fs.readdirSync(env.EXECGOV_DAEMON_DIR!)).toEqual([]);
  });
});

describe('--daemon: what a process of its own would print, byte for byte', () => {
  it('a file TypeScript runs out of stack on is reported as a full scan in a process of its own reports it, before and after an edit elsewhere', async () => {
    const dir = project({ ...files(), ...deeplyNestedFiles() });
    const env = daemonEnv();
    // The reference: a full scan by the CLI in a process of its own (the stack the daemon has too).
    const full = () => merged(dir, ['--format', 'json'], env);
    const viaDaemon = () => merged(dir, ['--format', 'json', '--daemon', '--cache-location', cacheLocation(dir)], env);
    const first = full();
    expect(first.output).toContain('"tooDeeplyNested"');
    expect(viaDaemon()).toEqual(first);
    await daemonReady(env);
    expect(viaDaemon()).toEqual(first);
    // Re-analysed from files the daemon kept, where a half-bound file would lose a finding.
    write(dir, 'execution-governance.config.json', JSON.stringify({ rules: { 'no-layer-bypass': 'off' } }));
    expect(viaDaemon()).toEqual(full());
    fs.rmSync(path.join(dir, 'src/services/direct.ts'));
    expect(viaDaemon()).toEqual(full());
    expect(daemonScan(dir, env).stats?.daemon).toBe(true);
  });

  it('the text report and the notes, in the order a process of its own writes them; each scan with its own environment and terminal', async () => {
    const { dir, env } = await startedDaemon();
    // A path that does not exist: a note on stderr before the report on stdout.
    const args = ['--format', 'text', 'gone.ts', 'src'];
    const own = (extra: NodeJS.ProcessEnv) => merged(dir, [...args, '--cache', '--cache-location', path.join(dir, '.own-cache/')], { ...env, ...extra });
    const daemon = (extra: NodeJS.ProcessEnv) => merged(dir, [...args, '--daemon', '--cache-location', cacheLocation(dir)], { ...env, ...extra });
    const plain = daemon({ NO_COLOR: '1', FORCE_COLOR: '' });
    expect(plain.output.indexOf('note: skipped gone.ts')).toBe(0);
    expect(plain).toEqual(own({ NO_COLOR: '1', FORCE_COLOR: '' }));
    const coloured = daemon({ FORCE_COLOR: '1' });
    expect(coloured.output).toContain('\u001b[');
    expect(coloured).toEqual(own({ FORCE_COLOR: '1' }));
    // The next client's environment is its own, not the last one's.
    expect(daemon({ NO_COLOR: '1', FORCE_COLOR: '' })).toEqual(plain);
  });

  it('--output-file is written by the scan that asks for it, never by the warm-up', async () => {
    const dir = project(files());
    const env = daemonEnv();
    const report = path.join(dir, 'report.json');
    const scan = () => spawnSync(process.execPath, [BIN, '--format', 'json', '--daemon', '-o', 'report.json'], { cwd: dir, env, encoding: 'utf8' });
    expect(scan().status).toBe(1);
    const written = fs.readFileSync(report, 'utf8');
    fs.rmSync(report);
    await daemonReady(env);
    expect(fs.existsSync(report)).toBe(false);
    const served = scan();
    expect(served.stderr).toMatch(/"daemon":true/);
    expect(served.stdout).toBe('');
    expect(fs.readFileSync(report, 'utf8')).toBe(written);
  });
});

describe('--daemon: when the daemon cannot answer', () => {
  it('a daemon that does not take the scan within 5 s (stopped here with SIGSTOP) is not waited for: the scan runs in its own process and says so', async () => {
    const { dir, env, pid } = await startedDaemon();
    process.kill(pid, 'SIGSTOP');
    const report = path.join(dir, 'report.json');
    try {
      const scan = spawnSync(process.execPath, [BIN, '--format', 'json', '--daemon', '--cache-location', cacheLocation(dir), '-o', 'report.json'], {
        cwd: dir,
        encoding: 'utf8',
        env,
      });
      expect(scan.stderr).toContain('note: the scan daemon did not answer (no answer within 5 s); scanned in this process');
      expect(scan.stderr).toContain('"daemon":false');
      expect(keys(parseScanResult(JSON.parse(fs.readFileSync(report, 'utf8'))))).toEqual(['src/services/direct.ts:3 no-direct-plugin-run']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // The request the client gave up on is still queued at the daemon: it must not run it too.
    fs.rmSync(report);
    expect(await daemonReady(env)).toBe(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fs.existsSync(report)).toBe(false);
  });

  it("a daemon whose directory was wiped while it ran stops without touching its successor's files", async () => {
    const { dir, env, pid: first } = await startedDaemon();
    for (const file of fs.readdirSync(env.EXECGOV_DAEMON_DIR!)) fs.rmSync(path.join(env.EXECGOV_DAEMON_DIR!, file));
    daemonScan(dir, env);
    const second = await daemonReady(env);
    expect(second).not.toBe(first);
    const before = fs.readdirSync(env.EXECGOV_DAEMON_DIR!).sort();
    process.kill(first, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && livePid(first)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.readdirSync(env.EXECGOV_DAEMON_DIR!).sort()).toEqual(before);
    expect(await daemonReady(env)).toBe(second);
  });

  it('a start lock naming a pid now used by another process (another start time) is stale: nothing is killed, and a daemon starts', async () => {
    if (process.platform !== 'linux') return;
    const dir = project(files());
    const env = daemonEnv();
    // A process of ours that is no daemon, named in an old lock as if it were one starting.
    const bystander = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      // The CLI's daemon name (its build's), from a daemon it started and that is stopped again.
      daemonScan(dir, env);
      await daemonReady(env);
      const lock = socketIn(env)!.replace(/\.sock$/, '.starting');
      spawnSync(process.execPath, [BIN, '--stop-daemon'], { env });
      fs.writeFileSync(lock, `${bystander.pid} 1\n`);
      const old = new Date(Date.now() - 3_600_000);
      fs.utimesSync(lock, old, old);
      const stop = spawnSync(process.execPath, [BIN, '--stop-daemon'], { env, encoding: 'utf8' });
      expect(stop.stdout).toBe('No scan daemon is running.\n');
      expect(bystander.exitCode).toBeNull();
      expect(livePid(bystander.pid!)).toBe(true);
      // The lock does not hold back a new daemon.
      expect(daemonScan(dir, env).stats?.daemon).toBe(false);
      await daemonReady(env);
    } finally {
      bystander.kill();
    }
  });

  it('a socket path longer than a Unix socket can have is refused with a note, before any daemon starts', () => {
    const dir = project(files());
    const env = daemonEnv();
    const deep = path.join(env.EXECGOV_DAEMON_DIR!, 'x'.repeat(100));
    const scan = daemonScan(dir, { ...env, EXECGOV_DAEMON_DIR: deep });
    expect(scan.stderr).toMatch(
      /note: not using a daemon: its socket path .* is longer than the \d+ bytes a Unix socket can have; set EXECGOV_DAEMON_DIR to a shorter directory; scanned in this process/,
    );
    expect(scan.stats?.daemon).toBe(false);
    expect(keys(scan.result)).toEqual(['src/services/direct.ts:3 no-direct-plugin-run']);
  });

  it("--stop-daemon stops every daemon in the directory, another build's too", async () => {
    const { dir, env, pid: ours } = await startedDaemon();
    // Another build's daemon: same directory, its own name (started as the client starts one, without a warm-up).
    const other = (suffix: string) => path.join(env.EXECGOV_DAEMON_DIR!, `0000000000000000${suffix}`);
    const spec = { socket: other('.sock'), lock: other('.starting'), pidFile: other('.pid'), log: other('.log') };
    spawn(process.execPath, [BIN], { env: { ...env, EXECGOV_SERVE_DAEMON: JSON.stringify(spec) }, detached: true, stdio: 'ignore' }).unref();
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(spec.pidFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const theirs = Number(fs.readFileSync(spec.pidFile, 'utf8').split(' ')[0]);
    const stop = spawnSync(process.execPath, [BIN, '--stop-daemon'], { env, encoding: 'utf8' });
    expect(stop.status).toBe(0);
    expect(stop.stdout.split('\n').filter(Boolean).sort()).toEqual(
      [`Stopped the scan daemon (pid ${ours}).`, `Stopped the scan daemon (pid ${theirs}).`].sort(),
    );
    const gone = Date.now() + 10_000;
    while (fs.readdirSync(env.EXECGOV_DAEMON_DIR!).length > 0 && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 50));
    // A clean stop leaves nothing: no socket, pid file or log.
    expect(fs.readdirSync(env.EXECGOV_DAEMON_DIR!)).toEqual([]);
  });
});

describe('--daemon and --stop-daemon on the command line', () => {
  it('--daemon implies --cache; it cannot go with --watch; --stop-daemon takes nothing else; run() leaves it to the CLI', () => {
    const dir = project(files());
    const withWatch = runScanner(['--daemon', '--watch'], dir);
    expect(withWatch.code).toBe(2);
    expect(withWatch.stderr).toContain('--watch cannot be combined with --daemon');
    const withPaths = runScanner(['--stop-daemon', 'src'], dir);
    expect(withPaths.code).toBe(2);
    expect(withPaths.stderr).toContain('--stop-daemon takes no paths');
    const inRun = runScanner(['--stop-daemon'], dir);
    expect(inRun.code).toBe(2);
    expect(inRun.stderr).toContain('--stop-daemon is a command of the CLI, not of run()');
    // run() scans a --daemon scan in its caller's process, with the cache the option implies.
    const inProcess = runScanner(['--daemon', '--format', 'json', '--cache-location', cacheLocation(dir)], dir);
    expect(inProcess.code).toBe(1);
    expect(fs.readdirSync(cacheLocation(dir)).some((file) => file.startsWith('scan-'))).toBe(true);
  });
});
