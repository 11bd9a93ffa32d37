import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScanResult, type ScanResult } from '../src/result.js';
import { runScanner, spawnScanner, tempProjects, SCANNER_BIN as BIN, WORKER_PLAIN, WORKER_PLUGIN } from './helpers/temp-project.js';

// Soundness of --cache on real processes: after every edit, a warm scan must print exactly what a
// cold scan (no cache) prints, and re-analyse only the files the edit can reach.
const project = tempProjects();

const PLUGIN = `export type PluginLifecycleState = 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE';
export interface Plugin {
  readonly name: string;
  run(input: unknown): Promise<unknown>;
}
`;
const SVC_PLAIN = `export interface Svc {\n  submit(): void;\n}\n`;
const SVC_LAYERED = `import type { JobExecutionService } from './execution/job-execution-service.js';\nexport type Svc = JobExecutionService;\n`;

function files(): Record<string, string | object> {
  return {
    'package.json': { name: 'incremental-sample', private: true, type: 'module' },
    'tsconfig.json': {
      compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], types: [], module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true },
      include: ['src'],
    },
    'execution-governance.config.json': {},
    'src/plugins/plugin.ts': PLUGIN,
    // A: the type; C re-exports it; B calls through it (B's closure holds A only through C).
    'src/services/worker-type.ts': WORKER_PLAIN,
    'src/services/worker-index.ts': `export type { Worker } from './worker-type.js';\n`,
    'src/services/work.ts': `import type { Worker } from './worker-index.js';\nexport function go(w: Worker): Promise<unknown> {\n  return w.run(1);\n}\n`,
    'src/services/contracts.ts': SVC_PLAIN,
    'src/services/execution/job-execution-service.ts': `export class JobExecutionService {\n  submit(): void {}\n}\n`,
    'src/api/routes/jobs.ts': `import type { Svc } from '../../services/contracts.js';\nexport function route(svc: Svc): void {\n  svc.submit();\n}\n`,
    'src/services/status-type.ts': `export type Status = string;\n`,
    'src/services/status.ts': `import type { Status } from './status-type.js';\nexport function finish(record: { state: Status }): void {\n  record.state = 'SUCCESS' as Status;\n}\n`,
    'src/services/leaf.ts': `export const leaf = 1;\n`,
  };
}

interface Scan {
  code: number | null;
  /** Empty when the scan did not run (exit 2). */
  result: ScanResult;
  stderr: string;
  analysed: number | undefined;
}

function parse(code: number | null, stdout: string, stderr: string): Scan {
  const stats = /^cache: (.*)$/m.exec(stderr);
  return {
    code,
    result: code === 2 ? ({ findings: [] } as unknown as ScanResult) : parseScanResult(JSON.parse(stdout)),
    stderr,
    analysed: stats ? (JSON.parse(stats[1]!) as { analysed: number }).analysed : undefined,
  };
}

/** A cold scan, in-process (the reference; the warm scans under test are real processes). */
function coldScan(dir: string): Scan {
  const { code, stdout, stderr } = runScanner(['--format', 'json'], dir);
  return parse(code, stdout, stderr);
}

function scan(dir: string, cache: boolean): Scan {
  const args = [BIN, '--format', 'json', ...(cache ? ['--cache', '--cache-location', path.join(dir, '.scan-cache/')] : [])];
  const child = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, EXECGOV_CACHE_STATS: '1' } });
  return parse(child.status, child.stdout, child.stderr);
}

async function scanAsync(dir: string): Promise<Scan> {
  const { code, stdout, stderr } = await spawnScanner(['--format', 'json', '--cache', '--cache-location', path.join(dir, '.scan-cache/')], {
    cwd: dir,
    env: { ...process.env, EXECGOV_CACHE_STATS: '1' },
  });
  return parse(code, stdout, stderr);
}

const keys = (result: ScanResult) => result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

/** Warm scan, checked against a cold scan of the same tree; returns the warm one. */
function warmEqualsCold(dir: string): Scan {
  const warm = scan(dir, true);
  const cold = coldScan(dir);
  expect(warm.stderr.replace(/^cache: .*\n/m, '')).toBe('');
  expect(warm.result.findings).toEqual(cold.result.findings);
  expect(warm.result.filesScanned).toBe(cold.result.filesScanned);
  expect(warm.code).toBe(cold.code);
  return warm;
}

function write(dir: string, file: string, text: string): void {
  fs.writeFileSync(path.join(dir, file), text);
}

describe('--cache soundness (real processes)', () => {
  it('a type change in A reaches a call in B through C; reverting clears it; an unrelated leaf re-analyses one file', () => {
    const dir = project(files());
    const first = warmEqualsCold(dir);
    expect(keys(first.result)).toEqual([]);
    expect(first.analysed).toBe(10);

    write(dir, 'src/services/worker-type.ts', WORKER_PLUGIN);
    const changed = warmEqualsCold(dir);
    expect(keys(changed.result)).toEqual(['src/services/work.ts:3 no-direct-plugin-run']);
    // worker-type, worker-index and work: the edited file and what depends on it, nothing else.
    expect(changed.analysed).toBe(3);

    write(dir, 'src/services/worker-type.ts', WORKER_PLAIN);
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);

    write(dir, 'src/services/leaf.ts', `export const leaf = 2;\n`);
    expect(warmEqualsCold(dir).analysed).toBe(1);
    expect(scan(dir, true).analysed).toBe(0);
  });

  it('a layer file and a lifecycle type, edited and reverted', () => {
    const dir = project(files());
    warmEqualsCold(dir);
    write(dir, 'src/services/contracts.ts', SVC_LAYERED);
    expect(keys(warmEqualsCold(dir).result)).toEqual(['src/api/routes/jobs.ts:3 no-layer-bypass']);
    write(dir, 'src/services/contracts.ts', SVC_PLAIN);
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);

    write(
      dir,
      'src/services/status-type.ts',
      `import type { PluginLifecycleState } from '../plugins/plugin.js';\nexport type Status = PluginLifecycleState;\n`,
    );
    expect(keys(warmEqualsCold(dir).result)).toEqual(['src/services/status.ts:3 valid-lifecycle-states']);
    write(dir, 'src/services/status-type.ts', `export type Status = string;\n`);
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
  });

  it('config edits: the root config, a new nested config, an invalid config (exit 2, cache kept sound)', () => {
    const dir = project({ ...files(), 'src/services/worker-type.ts': WORKER_PLUGIN });
    expect(keys(warmEqualsCold(dir).result)).toEqual(['src/services/work.ts:3 no-direct-plugin-run']);
    write(dir, 'execution-governance.config.json', JSON.stringify({ rules: { 'no-direct-plugin-run': 'warn' } }));
    expect(warmEqualsCold(dir).result.findings.map((f) => f.severity)).toEqual(['warn']);
    write(dir, 'src/services/execution-governance.config.json', JSON.stringify({ rules: { 'no-direct-plugin-run': 'off' } }));
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
    write(dir, 'src/services/execution-governance.config.json', JSON.stringify({ rules: { 'no-direct-plugin-run': 5 } }));
    const invalid = scan(dir, true);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('invalid execution-governance config src/services/execution-governance.config.json');
    fs.rmSync(path.join(dir, 'src/services/execution-governance.config.json'));
    expect(warmEqualsCold(dir).result.findings.map((f) => f.severity)).toEqual(['warn']);
  });

  it('an explicit config is checked against the whole program: a leaf edit stays clean, a config the tree stops matching fails as in a cold scan', () => {
    const explicitConfig = (configChecks: 'error' | 'warn', apiGlob = 'src/api/**', typeName = 'Plugin') => ({
      configChecks,
      guards: [{ name: 'plugin-run', type: { name: typeName, from: 'src/plugins/plugin.ts' }, members: ['run'], allowIn: ['src/plugins/**'] }],
      layers: [
        { name: 'api', files: [apiGlob] },
        { name: 'job-service', files: ['src/services/execution/**'] },
      ],
      lifecycle: { type: { name: 'PluginLifecycleState', from: 'src/plugins/plugin.ts' }, states: ['LOADED', 'RUNNING', 'FAILED'] },
    });
    const dir = project({ ...files(), 'execution-governance.config.json': explicitConfig('error') });
    expect(warmEqualsCold(dir).analysed).toBe(10);
    // The warm scan's program holds the leaf and the libs only; every glob and type above is elsewhere.
    write(dir, 'src/services/leaf.ts', `export const leaf = 2;\n`);
    expect(warmEqualsCold(dir).analysed).toBe(1);

    const sameAsCold = (): Scan => {
      const warm = scan(dir, true);
      const cold = coldScan(dir);
      expect(warm.code).toBe(cold.code);
      expect(warm.stderr.replace(/^cache: .*\n/m, '')).toBe(cold.stderr);
      expect(warm.result.findings).toEqual(cold.result.findings);
      return warm;
    };
    // A glob that no longer matches: exit 2 naming it, on the scan after the edit and on the next one (nothing changed).
    write(dir, 'execution-governance.config.json', JSON.stringify(explicitConfig('error', 'src/apx/**')));
    expect(sameAsCold().stderr).toContain('$.layers[0].files[0]: no file of the program matches "src/apx/**"');
    expect(sameAsCold().code).toBe(2);
    // "warn": the same problem is a warning and the scan runs.
    write(dir, 'execution-governance.config.json', JSON.stringify(explicitConfig('warn', 'src/apx/**')));
    expect(sameAsCold()).toMatchObject({ code: 0 });
    expect(sameAsCold().stderr).toContain('warning: execution-governance config');
    write(dir, 'execution-governance.config.json', JSON.stringify(explicitConfig('error')));
    expect(sameAsCold()).toMatchObject({ code: 0, stderr: expect.stringMatching(/^(cache: .*\n)?$/) });
    // The guarded type renamed in its file (the config unchanged): only that file and its dependents are re-analysed, and the check sees it.
    write(dir, 'src/plugins/plugin.ts', PLUGIN.replace('interface Plugin', 'interface PluginContract'));
    expect(sameAsCold().stderr).toContain('$.guards[0].type.name: no type `Plugin` in src/plugins/plugin.ts');
    write(dir, 'src/plugins/plugin.ts', PLUGIN);
    expect(sameAsCold()).toMatchObject({ code: 0 });
    // The only file of a layer deleted: its glob now matches nothing.
    fs.rmSync(path.join(dir, 'src/api/routes/jobs.ts'));
    expect(sameAsCold().stderr).toContain('$.layers[0].files[0]: no file of the program matches "src/api/**"');
  });

  it("the guarded type's declaring file now aliases another type: files that never import it are re-analysed", () => {
    const twin = `export interface Twin {\n  run(input: unknown): Promise<unknown>;\n}\n`;
    const dir = project({
      ...files(),
      'execution-governance.config.json': {
        guards: [{ name: 'twin-run', type: { name: 'Twin', from: 'src/services/twin.ts' }, members: ['run'], allowIn: ['src/plugins/**'] }],
      },
      'src/services/twin.ts': twin,
      'src/services/direct.ts': `import type { Plugin } from '../plugins/plugin.js';\nexport const direct = (p: Plugin) => p.run(1);\n`,
    });
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
    // direct.ts does not import twin.ts, but what twin.ts says now makes Plugin guarded there.
    write(dir, 'src/services/twin.ts', `import type { Plugin } from '../plugins/plugin.js';\nexport type Twin = Plugin;\n`);
    expect(keys(warmEqualsCold(dir).result)).toEqual(['src/services/direct.ts:2 no-direct-plugin-run']);
    write(dir, 'src/services/twin.ts', twin);
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
  });

  it('a file the tsconfig selects by name is gone: exit 2 naming it, as in a full scan', () => {
    const dir = project(files());
    warmEqualsCold(dir);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')) as { include?: string[]; files?: string[] };
    delete tsconfig.include;
    tsconfig.files = ['src/services/leaf.ts', 'src/services/missing.ts'];
    write(dir, 'tsconfig.json', JSON.stringify(tsconfig));
    const warm = scan(dir, true);
    const cold = coldScan(dir);
    expect(warm.code).toBe(2);
    expect(cold.code).toBe(2);
    expect(warm.stderr.replace(/^cache: .*\n/m, '')).toBe(cold.stderr);
    expect(warm.stderr).toContain('src/services/missing.ts does not exist (selected by tsconfig.json)');
  });

  it('renaming and deleting files', () => {
    const dir = project({ ...files(), 'src/services/worker-type.ts': WORKER_PLUGIN });
    warmEqualsCold(dir);
    fs.renameSync(path.join(dir, 'src/services/worker-type.ts'), path.join(dir, 'src/services/worker-kind.ts'));
    // The re-export now points nowhere: Worker is unresolved and the call is no longer a Plugin's.
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
    write(dir, 'src/services/worker-index.ts', `export type { Worker } from './worker-kind.js';\n`);
    expect(keys(warmEqualsCold(dir).result)).toEqual(['src/services/work.ts:3 no-direct-plugin-run']);
    fs.rmSync(path.join(dir, 'src/services/work.ts'));
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
    // A file created where an import looked before (a failed lookup) is seen too.
    write(dir, 'src/services/work.ts', `import type { Worker } from './later.js';\nexport function go(w: Worker): Promise<unknown> {\n  return w.run(1);\n}\n`);
    expect(keys(warmEqualsCold(dir).result)).toEqual([]);
    write(dir, 'src/services/later.ts', WORKER_PLUGIN);
    expect(keys(warmEqualsCold(dir).result)).toEqual(['src/services/work.ts:3 no-direct-plugin-run']);
  });

  it('a new global declaration file re-analyses everything', () => {
    const dir = project(files());
    warmEqualsCold(dir);
    write(dir, 'src/globals.d.ts', `declare const GLOBAL_FLAG: boolean;\n`);
    // Every file again, the declaration file included (it is looked at, and has nothing to analyse).
    expect(warmEqualsCold(dir).analysed).toBe(11);
  });

  it('two concurrent scans share one cache without corrupting it', async () => {
    const dir = project({ ...files(), 'src/services/worker-type.ts': WORKER_PLUGIN });
    const cold = coldScan(dir);
    const both = await Promise.all([scanAsync(dir), scanAsync(dir)]);
    for (const one of both) {
      expect(one.result.findings).toEqual(cold.result.findings);
      expect(one.stderr.replace(/^cache: .*\n/m, '')).toBe('');
    }
    write(dir, 'src/services/worker-type.ts', WORKER_PLAIN);
    const again = await Promise.all([scanAsync(dir), scanAsync(dir), scanAsync(dir)]);
    for (const one of again) expect(keys(one.result)).toEqual([]);
    const [file] = fs.readdirSync(path.join(dir, '.scan-cache'));
    expect(fs.readdirSync(path.join(dir, '.scan-cache'))).toHaveLength(1);
    expect(() => JSON.parse(fs.readFileSync(path.join(dir, '.scan-cache', file!), 'utf8'))).not.toThrow();
    expect(warmEqualsCold(dir).analysed).toBe(0);
  });

  it('a corrupt, truncated or foreign cache file is ignored with a note and rebuilt', () => {
    const dir = project({ ...files(), 'src/services/worker-type.ts': WORKER_PLUGIN });
    const cold = coldScan(dir);
    scan(dir, true);
    const [name] = fs.readdirSync(path.join(dir, '.scan-cache'));
    const file = path.join(dir, '.scan-cache', name!);
    const whole = fs.readFileSync(file, 'utf8');
    for (const [label, text, note] of [
      ['truncated', whole.slice(0, whole.length / 2), /corrupt or truncated/],
      ['garbage', '\u0000\u0001not json', /corrupt or truncated/],
      ['foreign', JSON.stringify({ hello: 'world' }), /not a scan cache/],
      ['damaged', whole.replace('"files":{', '"files":{"x":{"hash":1},'), /damaged/],
    ] as const) {
      fs.writeFileSync(file, text);
      const warm = scan(dir, true);
      expect(warm.stderr, label).toMatch(note);
      expect(warm.result.findings, label).toEqual(cold.result.findings);
      expect(scan(dir, true).analysed, label).toBe(0);
    }
  });
});

describe('--changed-since (real git)', () => {
  const git = (dir: string, ...args: string[]) => {
    const out = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return out.stdout;
  };

  it('reports files changed since the ref and files whose closure changed; exit code on those only', () => {
    const dir = project({
      ...files(),
      'src/services/status-type.ts': `import type { PluginLifecycleState } from '../plugins/plugin.js';\nexport type Status = PluginLifecycleState;\n`,
    });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    const since = (...extra: string[]) => {
      const child = spawnSync(process.execPath, [BIN, '--format', 'json', '--changed-since', 'main', ...extra], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, EXECGOV_CACHE_STATS: '1' },
      });
      return parse(child.status, child.stdout, child.stderr);
    };
    // Nothing changed: the old lifecycle finding is not reported and the gate passes.
    const clean = since();
    expect(keys(clean.result)).toEqual([]);
    expect(clean.code).toBe(0);
    // A changes: B (through C) is reported, status.ts (unrelated) is not.
    write(dir, 'src/services/worker-type.ts', WORKER_PLUGIN);
    const changed = since();
    expect(keys(changed.result)).toEqual(['src/services/work.ts:3 no-direct-plugin-run']);
    expect(changed.code).toBe(1);
    expect(changed.result.filesScanned).toBe(3);
    // With --cache, only those files are analysed: warm, and after the first run nothing at all.
    const cacheArgs = ['--cache', '--cache-location', path.join(dir, '.scan-cache/')];
    expect(keys(since(...cacheArgs).result)).toEqual(['src/services/work.ts:3 no-direct-plugin-run']);
    expect(since(...cacheArgs).analysed).toBe(0);
    // A config edit since the ref brings in every file under it.
    write(dir, 'execution-governance.config.json', JSON.stringify({ rules: { 'no-layer-bypass': 'warn' } }));
    expect(keys(since(...cacheArgs).result).sort()).toEqual(['src/services/status.ts:3 valid-lifecycle-states', 'src/services/work.ts:3 no-direct-plugin-run']);
  });

  it('an unknown ref is a usage error (exit 2)', () => {
    const dir = project(files());
    git(dir, 'init', '-q');
    const child = spawnSync(process.execPath, [BIN, '--changed-since', 'no-such-ref'], { cwd: dir, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('does not know the ref "no-such-ref"');
  });
});
