import * as path from 'node:path';
import { rules as coreRules, type RuleId } from '@execgov/core';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from '../src/index.js';

const project = path.join(import.meta.dirname, 'fixtures/lsp-workspace');

function eslintWith(enabled: readonly RuleId[]): ESLint {
  return new ESLint({
    cwd: project,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: project } } },
      { ...plugin.configs.recommended, rules: Object.fromEntries(enabled.map((id) => [`execution-governance/${id}`, 'error'])) },
    ],
  });
}

describe('rules turned off in the ESLint config', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never run in the core: only the enabled adapters reach the analysis, once per file', async () => {
    const created = Object.fromEntries(Object.keys(coreRules).map((id) => [id, vi.spyOn(coreRules[id as RuleId], 'create')]));
    const [result] = await eslintWith(['no-direct-plugin-run']).lintFiles(['src/services/execution/plugin-execution-service.ts']);
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['execution-governance/no-direct-plugin-run']);
    expect(created['no-direct-plugin-run']).toHaveBeenCalledTimes(1);
    for (const id of ['no-layer-bypass', 'tool-runner-invariants', 'valid-lifecycle-states']) expect(created[id], id).not.toHaveBeenCalled();
  });

  it('with every adapter on, each core rule runs once per file (one shared walk)', async () => {
    const created = Object.fromEntries(Object.keys(coreRules).map((id) => [id, vi.spyOn(coreRules[id as RuleId], 'create')]));
    await eslintWith(Object.keys(coreRules) as RuleId[]).lintFiles(['src/services/execution/plugin-execution-service.ts']);
    for (const spy of Object.values(created)) expect(spy).toHaveBeenCalledTimes(1);
  });
});
