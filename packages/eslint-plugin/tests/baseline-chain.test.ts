import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Linter } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { recommendedEslint } from './rule-tester.js';

// The fixture both front ends read (pnpm parity compares them there): a root config and baseline,
// src/internal with a config and no baseline, src/admin with a config and a baseline of its own.
const fixture = path.resolve(import.meta.dirname, '../../../fixtures/baseline-nested');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-baseline-chain-')));
  fs.cpSync(fixture, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

/** `file:line` of every message real ESLint reports over src, with the plugin's recommended config plus `extra`. */
async function lint(cwd: string, extra: Linter.Config = {}): Promise<string[]> {
  const eslint = recommendedEslint(cwd, extra);
  const results = await eslint.lintFiles(['src']);
  return results.flatMap((result) => result.messages.map((m) => `${path.relative(cwd, result.filePath)}:${m.line} ${m.ruleId}`)).sort();
}

const withBaselineSetting = (baseline: string): Linter.Config => ({
  settings: { 'execution-governance': { ...(plugin.configs.recommended.settings?.['execution-governance'] as object), baseline } },
});

describe('the baseline for a file under nested configs (the CLI applies the same rule)', () => {
  it('is the one beside the nearest config on its chain that has one: src/internal takes the root baseline, src/admin its own', async () => {
    const dir = copyOfFixture();
    expect(await lint(dir)).toEqual([
      'src/admin/admin.ts:10 execution-governance/no-direct-plugin-run',
      'src/internal/old.ts:10 execution-governance/no-direct-plugin-run',
    ]);
  });

  it('falls back up the chain when the nested baseline goes away', async () => {
    const dir = copyOfFixture();
    fs.rmSync(path.join(dir, 'src/admin/execution-governance.baseline.json'));
    expect(await lint(dir)).toEqual([
      'src/admin/admin.ts:5 execution-governance/no-direct-plugin-run',
      'src/internal/old.ts:10 execution-governance/no-direct-plugin-run',
    ]);
  });

  it('settings["execution-governance"].baseline applies to every file, nested configs included (as the CLI\'s --baseline)', async () => {
    const dir = copyOfFixture();
    expect(await lint(dir, withBaselineSetting('execution-governance.baseline.json'))).toEqual([
      'src/admin/admin.ts:5 execution-governance/no-direct-plugin-run',
      'src/internal/old.ts:10 execution-governance/no-direct-plugin-run',
    ]);
  });
});
