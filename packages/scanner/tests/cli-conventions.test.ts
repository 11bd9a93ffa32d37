import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScanResult } from '../src/result.js';
import { run } from '../src/run.js';
import { cleanProjectFiles, ONLY_PLUGIN_RUN, runScanner, tempProjects, tsconfig, VIOLATING_SERVICE_FILE, SCANNER_BIN as BIN } from './helpers/temp-project.js';

const project = tempProjects();

/** The clean project with the planted plugin.run reported as a warning. */
function warningProject(): string {
  return project({
    ...cleanProjectFiles(),
    'execution-governance.config.json': {
      rules: { 'no-direct-plugin-run': 'warn', 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' },
    },
    'src/services/bypass.ts': VIOLATING_SERVICE_FILE,
  });
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

describe('ESLint-family conventions', () => {
  it('a reader that closes the pipe early (| head) ends the scan quietly with its own exit code, no EPIPE stack', () => {
    const files: Record<string, string | object> = { ...cleanProjectFiles() };
    // Enough findings that the JSON report outlives the pipe's buffer after `head` has gone.
    for (let i = 0; i < 400; i++) files[`src/services/bypass-${i}.ts`] = VIOLATING_SERVICE_FILE;
    const dir = project(files);
    const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" --format json | head -c 1`], { cwd: dir, encoding: 'utf8' });
    expect(piped.stdout).toBe('{');
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(1);
  });

  it('--max-warnings: more warnings than allowed exit 1 with a note; within the limit exit 0', () => {
    const dir = warningProject();
    expect(runScanner(['--max-warnings', '1'], dir)).toMatchObject({ code: 0, stderr: '' });
    const over = runScanner(['--max-warnings', '0'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('error: 1 warning(s) found; --max-warnings allows 0\n');
  });

  it('--quiet hides warnings but they still count for --max-warnings', () => {
    const dir = warningProject();
    const quiet = runScanner(['--quiet'], dir);
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    expect(quiet.stdout).toContain('Execution scanner OK');
    expect(runScanner(['--quiet', '--max-warnings', '0'], dir).code).toBe(1);
  });

  it('-o writes the report to the file (creating its directory), nothing to stdout; the exit code is unchanged', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    const { code, stdout } = runScanner(['-o', 'reports/deep/scan.json', '--format', 'json'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(parseScanResult(JSON.parse(fs.readFileSync(path.join(dir, 'reports/deep/scan.json'), 'utf8'))).summary.errors).toBe(1);
  });

  it('-o into a path that cannot be a directory: exit 2 with our message, no stack', () => {
    const dir = project({ ...cleanProjectFiles(), blocker: 'a file, not a directory' });
    const { code, stderr } = runScanner(['-o', 'blocker/report.txt'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: cannot write the report blocker\/report\.txt \(\w+\)\nhint: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--update-baseline into a missing directory creates it', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    expect(runScanner(['--baseline', 'ci/baselines/eg.json', '--update-baseline'], dir).code).toBe(0);
    expect(runScanner(['--baseline', 'ci/baselines/eg.json'], dir)).toMatchObject({ code: 0, stderr: '' });
  });

  it('colour: on for a terminal, off for NO_COLOR, pipes and -o; --color / --no-color decide', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    const output = (args: string[], isTTY: boolean, env: Record<string, string> = {}) => {
      let stdout = '';
      run(args, { cwd: dir, env, stdout: { isTTY, write: (chunk: string) => (stdout += chunk) }, stderr: { write: () => true } });
      return stdout;
    };
    const ansi = /\u001b\[/;
    expect(output([], true)).toMatch(ansi);
    expect(output([], false)).not.toMatch(ansi);
    expect(output([], true, { NO_COLOR: '1' })).not.toMatch(ansi);
    expect(output([], false, { FORCE_COLOR: '1' })).toMatch(ansi);
    expect(output(['--no-color'], true)).not.toMatch(ansi);
    expect(output(['--color'], false)).toMatch(ansi);
  });

  it('--changed-since: only findings in files changed since the ref (committed, modified or untracked) are reported', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/old-bypass.ts': VIOLATING_SERVICE_FILE, 'src/services/touched.ts': VIOLATING_SERVICE_FILE });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'feature');
    fs.appendFileSync(path.join(dir, 'src/services/touched.ts'), '// edited on the branch\n');
    git(dir, 'commit', '-qam', 'touch');
    fs.writeFileSync(path.join(dir, 'src/services/new-bypass.ts'), VIOLATING_SERVICE_FILE);
    const { code, stdout } = runScanner(['--changed-since', 'main', '--format', 'json'], dir);
    expect(code).toBe(1);
    expect(parseScanResult(JSON.parse(stdout)).findings.map((f) => f.file)).toEqual(['src/services/new-bypass.ts', 'src/services/touched.ts']);
    expect(runScanner(['--changed-since', 'main', 'src/services/touched.ts', '--format', 'json'], dir).stdout).not.toContain('new-bypass');
  });

  it('--changed-since settles only the checks of the configs that govern the files in scope, with or without a cache', () => {
    // A root config whose guard names a file the program lacks (a warning), and a nested one that is fine.
    const dir = project({
      ...cleanProjectFiles(),
      'execution-governance.config.json': {
        ...ONLY_PLUGIN_RUN,
        configChecks: 'warn',
        guards: [{ name: 'gone', type: { name: 'Gone', from: 'src/gone.ts' }, members: ['run'] }],
      },
      'src/services/execution-governance.config.json': ONLY_PLUGIN_RUN,
    });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const cached = ['--cache', '--cache-location', path.join(dir, '.scan-cache/')];
    expect(runScanner([...cached, '--format', 'json'], dir).stderr).toContain('no file of the program matches "src/gone.ts"');
    // Only a file under the nested config changed: the root config's checks are not this scan's.
    fs.appendFileSync(path.join(dir, 'src/services/execute.ts'), '// edited\n');
    for (const args of [[], cached]) expect(runScanner([...args, '--changed-since', 'main', '--format', 'json'], dir).stderr, args.join(' ')).toBe('');
    // A file the root config governs changed: its checks are.
    fs.appendFileSync(path.join(dir, 'src/plugins/plugin.ts'), '// edited\n');
    for (const args of [[], cached])
      expect(runScanner([...args, '--changed-since', 'main', '--format', 'json'], dir).stderr, args.join(' ')).toContain('src/gone.ts');
  });

  it('--changed-since with two projects: a config entry only the project out of scope satisfies fails alike with and without a cache, in either order', () => {
    // The root config guards a type from package lib-x, which only sub's program holds.
    const dir = project({
      'execution-governance.config.json': {
        ...ONLY_PLUGIN_RUN,
        configChecks: 'error',
        guards: [{ name: 'foo', type: { name: 'Foo', package: 'lib-x' }, members: ['run'] }],
      },
      'tsconfig.json': tsconfig(['src1']),
      'src1/a.ts': 'export const a = 1;\n',
      'sub/tsconfig.json': tsconfig(['src']),
      'sub/src/b.ts': "import type { Foo } from 'lib-x';\nexport function g(f: Foo): Foo {\n  return f;\n}\n",
      'node_modules/lib-x/package.json': { name: 'lib-x', version: '1.0.0', types: 'index.d.ts' },
      'node_modules/lib-x/index.d.ts': 'export interface Foo {\n  run(): void;\n}\n',
    });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const cached = ['--cache', '--cache-location', path.join(dir, '.scan-cache/')];
    const orders = [
      ['--project', 'sub/tsconfig.json', '--project', 'tsconfig.json'],
      // The root program reads a.ts: that says nothing of sub's files, whatever order they come in.
      ['--project', 'tsconfig.json', '--project', 'sub/tsconfig.json'],
    ];
    for (const projects of orders) expect(runScanner([...projects, ...cached], dir).code).toBe(0);
    fs.appendFileSync(path.join(dir, 'src1/a.ts'), '// edited\n');
    for (const projects of orders) {
      const without = runScanner([...projects, '--changed-since', 'main'], dir);
      expect(without.code, projects.join(' ')).toBe(2);
      expect(runScanner([...projects, ...cached, '--changed-since', 'main'], dir), projects.join(' ')).toEqual(without);
    }
  });

  it('--changed-since with a ref git does not know, or outside a repository: exit 2 with a hint', () => {
    const dir = project(cleanProjectFiles());
    const outside = runScanner(['--changed-since', 'main'], dir);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^error: --changed-since needs a git work tree/);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const unknown = runScanner(['--changed-since', 'no-such-branch'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: --changed-since: git does not know the ref "no-such-branch"/);
    expect(unknown.stderr).toMatch(/\nhint: .*fetch it first/);
  });

  it('--print-config <file>: the resolved config for that file, from the nearest config above it', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'packages/app/execution-governance.config.json': { rules: { 'no-layer-bypass': 'warn' } },
      'packages/app/src/x.ts': 'export {};\n',
    });
    const nested = runScanner(['--print-config', 'packages/app/src/x.ts'], dir);
    expect(nested.code).toBe(0);
    const printed = JSON.parse(nested.stdout) as { file: string; configFile: string; rules: Record<string, string>; guards: unknown[] };
    expect(printed).toMatchObject({ file: 'packages/app/src/x.ts', configFile: 'packages/app/execution-governance.config.json' });
    expect(printed.rules['no-layer-bypass']).toBe('warn');
    expect(printed.guards.length).toBeGreaterThan(0);
    expect(JSON.parse(runScanner(['--print-config', 'src/services/execute.ts'], dir).stdout).configFile).toBe('execution-governance.config.json');
    expect(runScanner(['--print-config', 'src/missing.ts'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('does not exist') });
  });
});
