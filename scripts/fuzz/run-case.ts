import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASE_WALL_LIMIT_MS } from './contract.js';
import type { Entry, FuzzCase, Outcome } from './case.js';

/** The user a case marked `unprivileged` runs as, when the harness runs as root. */
export interface Unprivileged {
  uid: number;
  gid: number;
  name: string;
}

/**
 * `nobody` (or another unprivileged account) when we are root, it exists, and it can run the
 * scanner at `scannerBin` (a checkout inside a private directory, such as one `mktemp -d` made, is
 * out of its reach); else why not, as a sentence. Undefined when we are not root: cases run as us.
 */
export function findUnprivilegedUser(scannerBin: string): Unprivileged | string | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['nobody', 'daemon']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status !== 0 || gid.status !== 0) continue;
    const user = { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), name };
    const probe = spawnSync(process.execPath, [scannerBin, '--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
    if (probe.status === 0) return user;
    return `the unprivileged user ${name} cannot run the scanner at ${scannerBin} (is the checkout in a private directory?)`;
  }
  return 'needs an unprivileged user (root reads every file) and none exists';
}

function writeEntry(root: string, relative: string, entry: Entry): void {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (typeof entry === 'string' || entry instanceof Uint8Array) fs.writeFileSync(target, entry);
  else if ('symlink' in entry) fs.symlinkSync(entry.symlink, target);
  else fs.mkdirSync(target, { recursive: true });
}

/** Gives everything back to the owner so the directory can be removed after chmod 000 cases. */
function removeTree(root: string): void {
  const restore = (dir: string) => {
    try {
      fs.chmodSync(dir, 0o755);
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) restore(path.join(dir, entry.name));
      }
    } catch {
      // A vanished or special entry: rm below reports nothing for it either.
    }
  };
  restore(root);
  fs.rmSync(root, { recursive: true, force: true });
}

/** Writes the case's files into a fresh directory, runs the scanner there and removes it (unless `keep`). */
export async function runCase(
  fuzzCase: FuzzCase,
  { scannerBin, unprivileged, keep = false }: { scannerBin: string; unprivileged: Unprivileged | undefined; keep?: boolean },
): Promise<Outcome & { dir: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fuzz-${fuzzCase.category}-`));
  // mkdtemp makes it private; an unprivileged run must still reach the readable parts.
  fs.chmodSync(root, 0o755);
  try {
    for (const [relative, entry] of Object.entries(fuzzCase.files)) writeEntry(root, relative, entry);
    fuzzCase.prepare?.(root);
    const outcome = await spawnScanner(scannerBin, fuzzCase.args, root, fuzzCase.unprivileged ? unprivileged : undefined);
    return { ...outcome, dir: root };
  } finally {
    if (!keep) removeTree(root);
  }
}

function spawnScanner(scannerBin: string, args: readonly string[], cwd: string, user: Unprivileged | undefined): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuReporter = fileURLToPath(new URL('./cpu-usage.cjs', import.meta.url));
    const child = spawn(process.execPath, ['--require', cpuReporter, scannerBin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const cpu: Buffer[] = [];
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => cpu.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CASE_WALL_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: performance.now() - started,
        cpuMs: Number.parseFloat(Buffer.concat(cpu).toString()) || undefined,
        timedOut,
      });
    });
  });
}
