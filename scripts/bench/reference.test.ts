import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type GeneratedProject } from './generate.js';
import { checkoutReference, resolveRevision, stepFailure, type ReferenceTree } from './reference.js';
import { defineTools } from './tools.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-bench-reference-'));
const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

afterAll(() => {
  // Unregister the checkouts these tests made from the repository before deleting them.
  for (const name of fs.existsSync(tmp) ? fs.readdirSync(tmp) : []) {
    if (name.startsWith('reference-')) execFileSync('git', ['worktree', 'remove', '--force', path.join(tmp, name)], { cwd: REPO_ROOT, stdio: 'ignore' });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('--reference: resolving the revision', () => {
  it('resolves a revision to its commit, short sha and subject, keeping the spelling the user gave', () => {
    const revision = resolveRevision('HEAD', REPO_ROOT);
    expect(revision).toEqual({
      rev: 'HEAD',
      sha: git('rev-parse', 'HEAD'),
      short: git('rev-parse', '--short', 'HEAD'),
      subject: git('log', '-1', '--format=%s', 'HEAD'),
    });
  });

  it('refuses a revision git does not know, naming it, before anything is checked out', () => {
    expect(() => resolveRevision('no-such-branch-7f3a', REPO_ROOT)).toThrow(
      /^--reference no-such-branch-7f3a: not a commit in this repository \(`git rev-parse --verify no-such-branch-7f3a\^\{commit\}` exited 1\)/,
    );
  });

  it('refuses a tree (not a commit), an empty revision and anything that reads as an option', () => {
    expect(() => resolveRevision('HEAD^{tree}', REPO_ROOT)).toThrow(/--reference HEAD\^\{tree\}: not a commit/);
    expect(() => resolveRevision('', REPO_ROOT)).toThrow(/--reference needs a git revision/);
    expect(() => resolveRevision('--all', REPO_ROOT)).toThrow(/--reference needs a git revision .*'--all'/);
  });
});

describe('--reference: a failed step', () => {
  it('says which step, the command, where, how it ended, and only the last lines of its output', () => {
    const output = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    const message = stepFailure('building', 'tsc', ['-b'], '/x/.bench/reference-abc', { output, summary: 'exited 2' });
    const [head, ...rest] = message.split('\n');
    expect(head).toBe('--reference: building failed: `tsc -b` (in /x/.bench/reference-abc) exited 2');
    expect(rest[0]).toBe('last lines of its output:');
    expect(rest.slice(1)).toEqual(Array.from({ length: 15 }, (_, i) => `  | line ${i + 26}`));
    expect(stepFailure('installing dependencies', 'npx', ['pnpm'], '/x', { output: ' \n', summary: 'killed by SIGKILL' })).toMatch(
      /killed by SIGKILL\n\(it printed nothing\)$/,
    );
  });
});

describe('--reference: the checkout', () => {
  const revision = resolveRevision('HEAD', REPO_ROOT);
  const options = { repoRoot: REPO_ROOT, benchDir: tmp, log: () => {} };
  const head = (dir: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();

  it('checks the commit out detached, reuses it, and recreates it when deleted by hand or not a checkout', () => {
    const dir = checkoutReference(revision, options);
    expect(dir).toBe(path.join(tmp, `reference-${revision.short}`));
    expect(head(dir)).toBe(revision.sha);
    expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(true);

    // Reused as it is: a file left in it survives.
    fs.writeFileSync(path.join(dir, 'left-behind.txt'), 'x');
    expect(checkoutReference(revision, options)).toBe(dir);
    expect(fs.existsSync(path.join(dir, 'left-behind.txt'))).toBe(true);

    // Deleted by hand: git still has it registered; it is made again.
    fs.rmSync(dir, { recursive: true, force: true });
    expect(checkoutReference(revision, options)).toBe(dir);
    expect(head(dir)).toBe(revision.sha);

    // A plain folder of that name (inside no worktree of its own) is replaced, not mistaken for one.
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: REPO_ROOT });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'stray.txt'), 'x');
    expect(checkoutReference(revision, options)).toBe(dir);
    expect(head(dir)).toBe(revision.sha);
    expect(fs.existsSync(path.join(dir, 'stray.txt'))).toBe(false);
  }, 60_000);
});

describe('--reference: the (b′) tool', () => {
  const project: GeneratedProject = {
    dir: path.join(tmp, 'project'),
    files: 1,
    composition: { clones: 0, plugins: 0, pipelines: 0, domains: 0, moduleFiles: 0, lines: 0 },
    planted: [
      { rule: 'no-direct-plugin-run', file: 'src/a.ts', line: 3 },
      { rule: 'no-layer-bypass', file: 'src/b.ts', line: 9 },
    ],
    plantedByRule: { 'no-direct-plugin-run': 1, 'no-layer-bypass': 1 },
  };
  const scanner = path.join(tmp, 'old-scanner.js');
  fs.writeFileSync(scanner, '');
  const reference: ReferenceTree = { rev: 'v0', sha: 'f'.repeat(40), short: 'fffffff', subject: 'old', dir: tmp, scanner };
  const sample = (findings: Array<{ file: string; line: number; ruleId: string }>) => ({
    wallSeconds: 1,
    peakRssMb: 1,
    exitCode: 1,
    stderr: '',
    stdout: JSON.stringify({ findings: findings.map((f) => ({ ...f, messageId: 'm', column: 1, endLine: f.line, endColumn: 2 })) }),
  });

  it('runs right after (b) with the same arguments and cwd, and shows fewer findings as a fact, not a failed check', async () => {
    const tools = await defineTools(project, path.join(tmp, 'bench'), reference);
    const ids = tools.map((t) => t.id);
    expect(ids.indexOf('scanner-reference')).toBe(ids.indexOf('scanner') + 1);
    const current = tools.find((t) => t.id === 'scanner')!;
    const old = tools.find((t) => t.id === 'scanner-reference')!;
    expect(old.label).toBe('(b′) scan-execution-violations at fffffff');
    expect(old.command).toEqual({ ...current.command, args: [scanner, ...current.command!.args.slice(1)] });
    expect(old.okExits).toEqual([0, 1]);

    const fewer = sample([{ file: 'src/a.ts', line: 3, ruleId: 'no-direct-plugin-run' }]);
    expect(old.check(fewer)).toEqual({ ok: true, summary: 'expected 2, found 1; missing 1 (src/b.ts:9 no-layer-bypass)' });
    expect(current.check(fewer).ok).toBe(false);
    const all = sample(project.planted.map((p) => ({ file: p.file, line: p.line, ruleId: p.rule })));
    expect(old.check(all)).toEqual({ ok: true, summary: 'exact: 2 found = 2 planted' });
  });

  it('is not defined without a reference', async () => {
    expect((await defineTools(project, path.join(tmp, 'bench'))).map((t) => t.id)).not.toContain('scanner-reference');
  });
});
