import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const project = path.join(import.meta.dirname, 'fixtures/bad-config');
const runtimeProject = path.join(import.meta.dirname, 'fixtures/runtime-project');

describe('execution-governance.config.json as the plugin reads it', () => {
  it('a bad config file is reported once, on the file, naming the file and each JSON path; no crash', async () => {
    const eslint = new ESLint({
      cwd: project,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: project } } },
        plugin.configs.recommended,
      ],
    });
    const [result] = await eslint.lintFiles(['src/index.ts']);
    expect(result!.messages).toHaveLength(1);
    const [message] = result!.messages;
    expect(message).toMatchObject({ messageId: 'invalidConfig', line: 1, column: 1, severity: 2 });
    expect(message!.message).toContain(path.join(project, 'execution-governance.config.json'));
    expect(message!.message).toContain('$.guards[0].members');
    expect(message!.message).toContain('$.layers');
  });

  it('rule options are validated by ESLint against the config JSON Schema', async () => {
    const eslint = new ESLint({
      cwd: runtimeProject,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: runtimeProject } } },
        { ...plugin.configs.recommended, rules: { 'execution-governance/no-layer-bypass': ['error', { layer: [] }] } },
      ],
    });
    await expect(eslint.lintFiles(['src/errors.ts'])).rejects.toThrow(/Unexpected property "layer"/);
  });
});
