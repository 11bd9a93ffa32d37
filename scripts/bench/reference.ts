import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A git revision resolved to one commit: what `--reference` names, for the report. */
export interface ReferenceRevision {
  /** As the user gave it, e.g. `694ffaf` or `main~3`. */
  rev: string;
  sha: string;
  short: string;
  /** `git log -1 --format=%s`. */
  subject: string;
}

/** The reference revision checked out, installed and built: its scanner is ready to run. */
export interface ReferenceTree extends ReferenceRevision {
  dir: string;
  scanner: string;
}

const PNPM = ['--yes', 'pnpm@10.34.9'];
const TAIL_LINES = 15;

interface StepResult {
  ok: boolean;
  stdout: string;
  output: string;
  summary: string;
}

/** Runs one command to completion; never throws (a missing executable is a failed step like any other). */
function runStep(file: string, args: readonly string[], cwd: string): StepResult {
  const child = spawnSync(file, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CI: 'true' } });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  const summary = child.error ? `could not start: ${child.error.message}` : child.signal ? `killed by ${child.signal}` : `exited ${child.status}`;
  return { ok: !child.error && child.status === 0, stdout: child.stdout ?? '', output, summary };
}

function lastLines(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines
    .slice(-TAIL_LINES)
    .map((line) => `  | ${line}`)
    .join('\n');
}

/** The message a failed step stops the bench with: which step, the command, where, and the end of its output. */
export function stepFailure(step: string, file: string, args: readonly string[], cwd: string, result: Pick<StepResult, 'output' | 'summary'>): string {
  const command = [file, ...args].join(' ');
  const tail = result.output.trim() ? `\nlast lines of its output:\n${lastLines(result.output)}` : '\n(it printed nothing)';
  return `--reference: ${step} failed: \`${command}\` (in ${cwd}) ${result.summary}${tail}`;
}

function mustRun(step: string, file: string, args: readonly string[], cwd: string): string {
  const result = runStep(file, args, cwd);
  if (!result.ok) throw new Error(stepFailure(step, file, args, cwd, result));
  return result.stdout.trim();
}

/**
 * Resolves `rev` to one commit of the repository at `repoRoot`. Throws an error naming the revision
 * when git does not know it (or it names a tree or blob, not a commit).
 */
export function resolveRevision(rev: string, repoRoot: string): ReferenceRevision {
  if (rev.trim() === '' || rev.startsWith('-')) throw new Error(`--reference needs a git revision (a commit, branch or tag), got '${rev}'`);
  const verify = runStep('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], repoRoot);
  if (!verify.ok) {
    throw new Error(
      `--reference ${rev}: not a commit in this repository (\`git rev-parse --verify ${rev}^{commit}\` ${verify.summary}); fetch it or pass a sha, branch or tag`,
    );
  }
  const sha = verify.stdout.trim();
  return {
    rev,
    sha,
    short: mustRun('resolving the short sha', 'git', ['rev-parse', '--short', sha], repoRoot),
    subject: mustRun('reading the commit subject', 'git', ['log', '-1', '--format=%s', sha], repoRoot),
  };
}

/** Whether `dir` is itself the top of a git worktree whose HEAD is `sha` (not merely a folder inside this repo). */
function isWorktreeAt(dir: string, sha: string): boolean {
  if (!fs.existsSync(path.join(dir, '.git'))) return false;
  const top = runStep('git', ['rev-parse', '--show-toplevel'], dir);
  const head = runStep('git', ['rev-parse', 'HEAD'], dir);
  return top.ok && head.ok && fs.realpathSync(top.stdout.trim()) === fs.realpathSync(dir) && head.stdout.trim() === sha;
}

/** The build the revision declares: its own `tsc -b` when its root `build` script says so (or has none), else that script. */
function buildCommand(dir: string): { file: string; args: string[]; display: string } {
  const manifest = path.join(dir, 'package.json');
  const scripts = fs.existsSync(manifest) ? ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {}) : {};
  const build = scripts.build?.trim();
  if (build === undefined || build === 'tsc -b') return { file: path.join(dir, 'node_modules/.bin/tsc'), args: ['-b'], display: 'node_modules/.bin/tsc -b' };
  return { file: 'npx', args: [...PNPM, 'run', 'build'], display: `pnpm run build: ${build}` };
}

interface PrepareOptions {
  repoRoot: string;
  benchDir: string;
  log: (message: string) => void;
}

/**
 * A detached git worktree of the revision in `<benchDir>/reference-<short>/`: reused when it is
 * already there at that commit, recreated when it was deleted by hand or holds anything else.
 */
export function checkoutReference(revision: ReferenceRevision, options: PrepareOptions): string {
  const { repoRoot, benchDir, log } = options;
  const dir = path.join(benchDir, `reference-${revision.short}`);
  const where = path.relative(repoRoot, dir);
  if (isWorktreeAt(dir, revision.sha)) {
    log(`reference ${revision.rev} (${revision.short}): reusing ${where}`);
  } else {
    // Whatever is there is not this commit's checkout (a half-made copy, or another commit): start over.
    if (fs.existsSync(dir)) {
      runStep('git', ['worktree', 'remove', '--force', dir], repoRoot);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(benchDir, { recursive: true });
    log(`reference ${revision.rev} (${revision.short}): checking out into ${where}`);
    // --force: the path may still be registered from a checkout deleted by hand.
    mustRun('checking out the reference', 'git', ['worktree', 'add', '--force', '--detach', dir, revision.sha], repoRoot);
  }
  return dir;
}

/**
 * Prepares the reference revision once: checked out (see checkoutReference), its dependencies
 * installed from the lockfile (offline first), built with its own compiler.
 */
export function prepareReference(revision: ReferenceRevision, options: PrepareOptions): ReferenceTree {
  const { repoRoot, log } = options;
  const dir = checkoutReference(revision, options);
  log(`reference ${revision.short}: installing dependencies (pnpm, offline first)`);
  const install = ['install', '--frozen-lockfile'];
  const offline = runStep('npx', [...PNPM, ...install, '--offline'], dir);
  if (!offline.ok) {
    log(`reference ${revision.short}: offline install failed (${offline.summary}); retrying online`);
    mustRun('installing dependencies', 'npx', [...PNPM, ...install], dir);
  }

  const build = buildCommand(dir);
  log(`reference ${revision.short}: building (${build.display})`);
  mustRun('building', build.file, build.args, dir);

  const scanner = path.join(dir, 'packages/scanner/dist/bin.js');
  if (!fs.existsSync(scanner)) {
    throw new Error(
      `--reference ${revision.rev}: the build succeeded but ${path.relative(repoRoot, scanner)} does not exist: that commit has no scanner CLI to compare with`,
    );
  }
  return { ...revision, dir, scanner };
}
