import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { runtimeProject } from './rule-tester.js';

const filePath = path.join(runtimeProject, 'src/errors.ts');
const code = 'export const answer = 42;\n';

describe('linting without type information', () => {
  it('fails with a message naming parserOptions.projectService (typescript-eslint parser, no project)', async () => {
    const eslint = new ESLint({
      cwd: runtimeProject,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, plugin.configs.recommended],
    });
    await expect(eslint.lintText(code, { filePath })).rejects.toThrow(/parserOptions\.projectService/);
  });

  it('fails with the same message under the default parser', async () => {
    const eslint = new ESLint({ cwd: runtimeProject, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    await expect(eslint.lintText(code, { filePath })).rejects.toThrow(/parserOptions\.projectService/);
  });
});
