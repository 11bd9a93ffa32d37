import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExpectations } from '../../packages/core/tests/helpers/fixture.js';
import { parse } from 'yaml';
import { runCompositeAction } from './composite-action.js';
import { packAll, REPO_ROOT, type PackedPackage } from './pack.js';

/**
 * The packages as a user gets them: packed by `pnpm release:pack`, installed with plain npm (no
 * pnpm, no workspace) into fresh projects, third-party dependencies from the npm registry. One
 * install per project is shared by every assertion below.
 */
const SAMPLE_DIR = path.join(REPO_ROOT, 'packages/scanner/tests/samples/report-pipeline');
const INSTALL_TIMEOUT = 300_000;

/** The eslint.config.js the plugin's README tells users to write: the test proves it works as printed. */
function readmeEslintConfig(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'packages/eslint-plugin/README.md'), 'utf8');
  const block = /## Turning it on[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('packages/eslint-plugin/README.md has no ```js block under "## Turning it on"');
  return block;
}

let work: string;
let packed: Map<string, PackedPackage>;

function tarball(name: string): string {
  const found = packed.get(name);
  if (!found) throw new Error(`${name} was not packed`);
  return `file:${found.tarball}`;
}

/** A copy of the sample service with `devDependencies`, installed with npm. */
function installProject(name: string, devDependencies: Record<string, string>): string {
  const dir = path.join(work, name);
  fs.cpSync(SAMPLE_DIR, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module', devDependencies }, null, 2)}\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'pipe', timeout: INSTALL_TIMEOUT });
  return dir;
}

function runBin(dir: string, bin: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(path.join(dir, 'node_modules/.bin', bin), args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `file:line rule-id` of each scanner finding, sorted (`args`: more options, e.g. `--cache`). */
function scannerFindings(dir: string, args: readonly string[] = []): string[] {
  const { status, stdout, stderr } = runBin(dir, 'scan-execution-violations', ['--format', 'json', ...args]);
  expect(stderr).toBe('');
  expect(status).toBe(1);
  return (JSON.parse(stdout) as { findings: { file: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-pack-')));
  packed = new Map(packAll({ outDir: path.join(work, 'tarballs') }).map((p) => [p.name, p]));
}, INSTALL_TIMEOUT);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed tarballs', () => {
  it('are the three public packages, each with README, LICENSE and no build leftovers', () => {
    expect([...packed.keys()].sort()).toEqual(['@execgov/core', '@execgov/scanner', 'eslint-plugin-execution-governance']);
    for (const pkg of packed.values()) {
      expect(pkg.files, pkg.name).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
      expect(
        pkg.files.filter((file) => /tsbuildinfo|\.map$|^src\/|^tests\//.test(file)),
        pkg.name,
      ).toEqual([]);
    }
  });

  it('carry real semver ranges: carets for dependencies, no workspace: or catalog:', () => {
    for (const pkg of packed.values()) {
      const manifest = JSON.parse(execFileSync('tar', ['-xzOf', pkg.tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
      expect(JSON.stringify(manifest), pkg.name).not.toMatch(/workspace:|catalog:/);
      for (const range of Object.values((manifest.dependencies ?? {}) as Record<string, string>)) expect(range, pkg.name).toMatch(/^\^\d/);
      for (const field of ['license', 'repository', 'engines', 'keywords', 'description']) expect(manifest[field], `${pkg.name} ${field}`).toBeDefined();
      expect(manifest.devDependencies, pkg.name).toBeUndefined();
    }
  });
});

describe('installed with npm beside TypeScript 7 (the ESLint plugin through the typescript6 alias)', () => {
  let dir: string;
  beforeAll(() => {
    dir = installProject('side-by-side', {
      '@execgov/core': tarball('@execgov/core'),
      '@execgov/scanner': tarball('@execgov/scanner'),
      'eslint-plugin-execution-governance': tarball('eslint-plugin-execution-governance'),
      eslint: '^10.15.0',
      'typescript-eslint': '^8.72.0',
      typescript: 'npm:@typescript/typescript6@^6.0.2',
      typescript7: 'npm:typescript@^7.0.2',
    });
  }, INSTALL_TIMEOUT);

  it('init (ts-morph loaded lazily from the install) writes a config the scan uses to find the planted violations', () => {
    const init = runBin(dir, 'scan-execution-violations', ['init']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('Wrote execution-governance.config.json.');
    expect(scannerFindings(dir)).toEqual(readExpectations(path.join(dir, 'src')).map((key) => `src/${key}`));
  });

  it('--cache from the install: the bundled CLI and core, TypeScript and the core through their code caches; warm results equal cold ones', () => {
    if (!fs.existsSync(path.join(dir, 'execution-governance.config.json'))) runBin(dir, 'scan-execution-violations', ['init']);
    const cold = scannerFindings(dir);
    const cached = () => scannerFindings(dir, ['--cache']);
    expect(cached()).toEqual(cold);
    const caches = path.join(dir, 'node_modules/.cache/execution-governance');
    for (const file of ['typescript.v8-cache', 'core.v8-cache']) expect(fs.statSync(path.join(caches, file)).size, file).toBeGreaterThan(100_000);
    expect(cached()).toEqual(cold);
    // An edit: the warm scan re-analyses through both code caches and still equals a cold scan.
    const edited = path.join(
      dir,
      'src',
      fs.readdirSync(path.join(dir, 'src')).find((f) => f.endsWith('.ts'))!,
    );
    fs.appendFileSync(edited, '\nexport const cacheEdit = 1;\n');
    expect(cached()).toEqual(scannerFindings(dir));
  });

  it('--daemon from the install: the first scan starts a daemon from the installed bin, which answers the next ones as a cold scan would', async () => {
    if (!fs.existsSync(path.join(dir, 'execution-governance.config.json'))) runBin(dir, 'scan-execution-violations', ['init']);
    const daemonDir = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-pack-daemon-'));
    const env = { EXECGOV_DAEMON_DIR: daemonDir, EXECGOV_DAEMON_IDLE_SECONDS: '60', EXECGOV_CACHE_STATS: '1' };
    const daemonScan = () => {
      const { status, stdout, stderr } = runBin(dir, 'scan-execution-violations', ['--format', 'json', '--daemon'], env);
      expect(status).toBe(1);
      const stats = JSON.parse(/^cache: (.*)$/m.exec(stderr)![1]!) as { daemon: boolean };
      const findings = (JSON.parse(stdout) as { findings: { file: string; line: number; ruleId: string }[] }).findings;
      return { daemon: stats.daemon, findings: findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort() };
    };
    try {
      const cold = scannerFindings(dir);
      expect(daemonScan()).toEqual({ daemon: false, findings: cold });
      // The daemon listens once it has parsed and bound the project; until then scans run in their own process.
      let answered = daemonScan();
      for (const deadline = Date.now() + 60_000; !answered.daemon && Date.now() < deadline; answered = daemonScan()) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(answered).toEqual({ daemon: true, findings: cold });
      const edited = path.join(
        dir,
        'src',
        fs.readdirSync(path.join(dir, 'src')).find((f) => f.endsWith('.ts'))!,
      );
      fs.appendFileSync(edited, '\nexport const daemonEdit = 1;\n');
      expect(daemonScan()).toEqual({ daemon: true, findings: scannerFindings(dir) });
    } finally {
      const stop = runBin(dir, 'scan-execution-violations', ['--stop-daemon'], env);
      expect(stop.stdout).toMatch(/^Stopped the scan daemon \(pid \d+\)\.$/m);
      fs.rmSync(daemonDir, { recursive: true, force: true });
    }
  });

  it('ESLint with the plugin, configured as its README shows, reports the same findings as the scanner', () => {
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), readmeEslintConfig());
    if (!fs.existsSync(path.join(dir, 'execution-governance.config.json'))) runBin(dir, 'scan-execution-violations', ['init']);
    const { status, stdout, stderr } = runBin(dir, 'eslint', ['--format', 'json', 'src']);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; ruleId: string | null }[] }[];
    const found = results
      .flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${String(m.ruleId).replace(/^execution-governance\//, '')}`))
      .sort();
    expect(found).toEqual(scannerFindings(dir));
  });

  it('the composite GitHub Action scans once, writes SARIF for upload, annotates, and fails on findings', () => {
    const temp = fs.mkdtempSync(path.join(work, 'runner-temp-'));
    const action = runCompositeAction(REPO_ROOT, {}, dir, temp);
    expect(action.outputs.scan?.['exit-code']).toBe('1');
    expect(action.status).toBe(1);
    const sarifFile = action.outputs.scan?.['sarif-file'] as string;
    const sarif = readJson<{ runs: { results: { ruleId: string }[] }[] }>(sarifFile);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual(
      scannerFindings(dir)
        .map((key) => key.split(' ')[1])
        .sort(),
    );
    expect(action.logs.join('')).toMatch(/^::error file=src\/web\/export-route\.ts,line=1,/m);
    expect(action.uses).toEqual([{ uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: sarifFile, category: 'execution-governance' } }]);
    const lenient = runCompositeAction(REPO_ROOT, { 'fail-on-findings': 'false', 'upload-sarif': 'false', args: '--quiet' }, dir, temp);
    expect(lenient.status).toBe(0);
    expect(lenient.uses).toEqual([]);
  });

  it('the pre-commit hook reports only the files being committed', () => {
    const [hook] = parse(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      entry: string;
      files: string;
      pass_filenames: boolean;
    }[];
    expect(hook?.pass_filenames).toBe(true);
    const staged = ['src/web/export-route.ts', 'README.md'].filter((file) => new RegExp(hook?.files as string).test(file));
    const [command, ...args] = (hook?.entry as string).split(' ');
    const result = spawnSync(command as string, [...args, ...staged], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/web/export-route.ts\n');
    expect(result.stdout).not.toContain('quick-report');
  });

  it('both TypeScripts are there: `typescript` is the 6 API, typescript7 compiles with 7', () => {
    expect(readJson<{ version: string }>(path.join(dir, 'node_modules/typescript/package.json')).version).toMatch(/^6\./);
    // Not `.bin/tsc`: the alias's own dependency (typescript@6) ships a `tsc` too, and npm may link
    // either. The README says to call TS 7 by its path for that reason.
    expect(execFileSync(process.execPath, [path.join(dir, 'node_modules/typescript7/bin/tsc'), '--version'], { encoding: 'utf8' })).toMatch(/Version 7\./);
  });
});

describe("installed with npm where the project's own typescript is 7", () => {
  let dir: string;
  beforeAll(() => {
    dir = installProject('typescript-7', {
      '@execgov/core': tarball('@execgov/core'),
      '@execgov/scanner': tarball('@execgov/scanner'),
      typescript: '^7.0.2',
    });
  }, INSTALL_TIMEOUT);

  it('npm accepts the install; the project keeps TypeScript 7 and the scanner resolves its own TypeScript 6', () => {
    expect(readJson<{ version: string }>(path.join(dir, 'node_modules/typescript/package.json')).version).toMatch(/^7\./);
    const fromScanner = createRequire(path.join(dir, 'node_modules/@execgov/scanner/package.json')).resolve('typescript/package.json');
    expect(readJson<{ version: string }>(fromScanner).version).toMatch(/^6\./);
  });

  it('init and the scan work there and find the planted violations', () => {
    const init = runBin(dir, 'scan-execution-violations', ['init']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(scannerFindings(dir)).toEqual(readExpectations(path.join(dir, 'src')).map((key) => `src/${key}`));
  });
});
