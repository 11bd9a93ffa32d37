import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { KnownError } from './errors.js';

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : (error as Error).message;
  return text.split('\n')[0] ?? text;
}

/**
 * Absolute paths of the files changed since `ref`, the way a pull request sees them: everything
 * that differs between the merge base of `ref` and HEAD and the working tree (committed, staged
 * or not), plus untracked files that are not ignored. Deleted files are listed too; they simply
 * hold no findings.
 */
export function changedFilesSince(ref: string, cwd: string): string[] {
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (error) {
    throw new KnownError(`--changed-since needs a git work tree: ${gitFailure(error)}`, 'run the scanner inside the repository, or drop --changed-since');
  }
  let base: string;
  try {
    base = git(['merge-base', ref, 'HEAD'], cwd).trim();
  } catch (error) {
    throw new KnownError(
      `--changed-since ${ref}: git cannot find that ref or a common ancestor with HEAD (${gitFailure(error)})`,
      'give a branch, tag or commit that exists locally (in CI, fetch it first, e.g. `git fetch origin main` and use origin/main)',
    );
  }
  const listed = [
    ...git(['diff', '--name-only', '-z', '--no-renames', base], root).split('\0'),
    ...git(['ls-files', '--others', '--exclude-standard', '-z'], root).split('\0'),
  ];
  return [...new Set(listed.filter((name) => name !== '').map((name) => path.resolve(root, name)))];
}
