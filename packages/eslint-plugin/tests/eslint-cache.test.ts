import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `eslint --cache` keys each file's result on its text and its ESLint config. The plugin puts a
// digest of the execution-governance config into its settings, so a config edit is a cache miss.
const packageDir = path.resolve(import.meta.dirname, '..');
const source = path.join(import.meta.dirname, 'fixtures/lsp-workspace');
// Inside the package, so the workspace's eslint.config.mjs resolves typescript-eslint and ../../../dist as in the fixture.
const workspace = fs.mkdtempSync(path.join(import.meta.dirname, 'fixtures/.cache-workspace-'));
const eslintBin = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');

function lintWithCache(): { status: number | null; rules: string[] } {
  const child = spawnSync(process.execPath, [eslintBin, '--cache', '--cache-location', path.join(workspace, '.eslintcache'), '--format', 'json', 'src'], {
    cwd: workspace,
    encoding: 'utf8',
  });
  const results = JSON.parse(child.stdout || '[]') as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return { status: child.status, rules: results.flatMap((r) => r.messages.map((m) => m.ruleId ?? 'null')) };
}

describe('eslint --cache sees config edits', () => {
  fs.cpSync(source, workspace, { recursive: true });
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('re-lints after execution-governance.config.json changes, with no .ts file touched', () => {
    expect(fs.existsSync(path.join(packageDir, 'dist/index.js'))).toBe(true);
    expect(lintWithCache().rules).toEqual(['execution-governance/no-direct-plugin-run']);
    const configFile = path.join(workspace, 'execution-governance.config.json');
    fs.writeFileSync(configFile, JSON.stringify({ include: ['src/**/*.ts'], rules: { 'no-direct-plugin-run': 'off' } }));
    expect(lintWithCache().rules).toEqual([]);
    fs.writeFileSync(configFile, JSON.stringify({ include: ['src/**/*.ts'] }));
    expect(lintWithCache().rules).toEqual(['execution-governance/no-direct-plugin-run']);
  }, 120_000);

  it('re-lints after a nested config below the working directory changes, and after its baseline appears', () => {
    const nested = path.join(workspace, 'src/services/execution-governance.config.json');
    const guard = { name: 'plugin-run', type: { name: 'Plugin', from: '../plugins/plugin.ts' }, members: ['run'], allowIn: [] };
    const off = { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' };
    fs.writeFileSync(nested, JSON.stringify({ guards: [guard], rules: off }));
    expect(lintWithCache().rules).toEqual(['execution-governance/no-direct-plugin-run']);
    fs.writeFileSync(nested, JSON.stringify({ guards: [guard], rules: { ...off, 'no-direct-plugin-run': 'off' } }));
    expect(lintWithCache().rules).toEqual([]);
    fs.writeFileSync(nested, JSON.stringify({ guards: [guard], rules: off }));
    expect(lintWithCache().rules).toEqual(['execution-governance/no-direct-plugin-run']);
    // A baseline appearing beside the nested config is a miss too (a broken one adds one message, from whichever adapter meets it first).
    fs.writeFileSync(path.join(workspace, 'src/services/execution-governance.baseline.json'), '{"schemaVersion": 2}');
    expect(lintWithCache().rules).toEqual(['execution-governance/no-direct-plugin-run', 'execution-governance/no-direct-plugin-run']);
  }, 120_000);
});
