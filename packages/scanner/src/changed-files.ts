import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangedFiles } from './cache/change-scope.js';
import { UsageError } from './errors.js';

function git(args: readonly string[], cwd: string): string {
  // Loaded here, not imported: node:child_process costs every scan a few ms, and only --changed-since needs it.
  const { execFileSync } = process.getBuiltinModule('node:child_process');
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Files changed since `ref` (absolute paths): committed since the branch left it (merge base, as
 * a pull request sees it), staged, unstaged, deleted and untracked (not ignored) files.
 * Renames count as a deletion plus an addition, so both paths are in the set.
 */
export function changedSince(ref: string, cwd: string): ChangedFiles {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch {
    throw new UsageError(`--changed-since needs a git work tree, and ${cwd} is not in one`, 'run the scan inside the repository, or drop --changed-since');
  }
  let base: string;
  try {
    base = git(['merge-base', ref, 'HEAD'], cwd).trim();
  } catch {
    try {
      base = git(['rev-parse', '--verify', `${ref}^{commit}`], cwd).trim();
    } catch {
      throw new UsageError(
        `--changed-since: git does not know the ref "${ref}"`,
        'pass a branch, tag or commit that exists here (in CI, fetch it first: git fetch origin main)',
      );
    }
  }
  const listed = [
    ...git(['diff', '--name-only', '--no-renames', '-z', base], cwd).split('\0'),
    ...git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0'),
  ];
  // git prints paths from the top of the work tree, as the real path; programs name files by the path given.
  const realTop = fs.realpathSync(top);
  const files = new Set<string>();
  for (const entry of listed) {
    if (entry === '') continue;
    files.add(path.join(realTop, entry));
    const viaCwd = path.join(path.resolve(cwd), path.relative(fs.realpathSync(cwd), path.join(realTop, entry)));
    files.add(viaCwd);
  }
  return { ref, files };
}
