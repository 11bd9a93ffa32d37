import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../src/daemon/protocol.js';
import { parseScanResult, type ScanResult } from '../src/result.js';
import { runScanner, tempProjects, SCANNER_BIN as BIN } from './helpers/temp-project.js';

// --daemon on real processes: the first scan starts a real daemon on a real Unix socket; later
// scans are answered by it, and after every edit they print exactly what a cold scan prints.
const project = tempProjects();

const PLUGIN = `export interface Plugin {\n  readonly name: string;\n  run(input: unknown): Promise<unknown>;\n}\n`;
const WORKER_PLAIN = `export interface Worker {\n  run(input: unknown): Promise<unknown>;\n}\n`;
const WORKER_PLUGIN = `import type { Plugin } from '../plugins/plugin.js';\nexport type Worker = Plugin;\n`;

function files(): Record<string, string | object> {
  return {
    'package.json': { name: 'daemon-sample', private: true, type: 'module' },
    'tsconfig.json': {
      compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], types: [], module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true },
      include: ['src'],
    },
    'execution-governance.config.json': {},
    'src/plugins/plugin.ts': PLUGIN,
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

function daemonScanAsync(dir: string, env: NodeJS.ProcessEnv): Promise<Scan> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--format', 'json', '--daemon', '--cache-location', cacheLocation(dir)], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve(parse(code, stdout, stderr)));
  });
}

/** The socket of the daemon in `env`'s directory (one build, one Node: one socket). */
function socketIn(env: NodeJS.ProcessEnv): string | undefined {
  const name = fs.readdirSync(env.EXECGOV_DAEMON_DIR!).find((file) => file.endsWith('.sock'));
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

/** A daemon scan, checked against a cold in-process scan of the same tree. */
function daemonEqualsCold(dir: string, env: NodeJS.ProcessEnv, extra: readonly string[] = []): Scan {
  const served = daemonScan(dir, env, extra);
  const cold = runScanner(['--format', 'json', ...extra], dir);
  expect(served.stderr.replace(/^cache: .*\n/m, '')).toBe('');
  expect(served.result.findings).toEqual(parseScanResult(JSON.parse(cold.stdout)).findings);
  expect(served.code).toBe(cold.code);
  return served;
}

const keys = (result: ScanResult) => result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

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
      'tsconfig.json': {
        compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], types: [], module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
        include: ['src'],
      },
      'tsconfig.force.json': { extends: './tsconfig.json', compilerOptions: { moduleDetection: 'force' } },
      'execution-governance.config.json': {},
      'src/plugins/plugin.ts': PLUGIN,
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

  it('a daemon killed with SIGKILL leaves a socket nobody answers: the next scan runs in its own process and starts another', async () => {
    const dir = project(files());
    const env = daemonEnv();
    daemonScan(dir, env);
    const pid = await daemonReady(env);
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
    const dir = project(files());
    const env = daemonEnv();
    daemonScan(dir, env);
    const pid = await daemonReady(env);
    const stop = spawnSync(process.execPath, [BIN, '--stop-daemon'], { env, encoding: 'utf8' });
    expect(stop.status).toBe(0);
    expect(stop.stdout).toBe(`Stopped the scan daemon (pid ${pid}).\n`);
    const deadline = Date.now() + 10_000;
    while (socketIn(env) !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socketIn(env)).toBeUndefined();
    const none = spawnSync(process.execPath, [BIN, '--stop-daemon'], { env, encoding: 'utf8' });
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('No scan daemon is running for this install of scan-execution-violations.\n');
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
