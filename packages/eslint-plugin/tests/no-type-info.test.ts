import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { runtimeProject } from './rule-tester.js';

const filePath = path.join(runtimeProject, 'src/errors.ts');
const code = 'export const answer = 42;\n';

async function lintWithout(config: ESLint.Options['overrideConfig']) {
  const eslint = new ESLint({ cwd: runtimeProject, overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map(({ ruleId, messageId, message, line, column }) => ({ ruleId, messageId, message, line, column }));
}

// Not a crash (ESLint's "Oops!" banner and a stack trace, the whole run stopped): one problem per
// file, leading with the option to set, reported once although all four rules meet it.
describe('linting without type information', () => {
  it('reports once per file, naming parserOptions.projectService first (typescript-eslint parser, no project)', async () => {
    const messages = await lintWithout([{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, plugin.configs.recommended]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ messageId: 'missingTypeInformation', line: 1, column: 1 });
    expect(messages[0]?.message).toMatch(/^Parse this file with typescript-eslint's parser and `languageOptions\.parserOptions\.projectService: true`/);
    expect(messages[0]?.message).toContain(filePath);
  });

  it('reports the same under the default parser', async () => {
    const messages = await lintWithout([plugin.configs.recommended]);
    expect(messages.map((m) => m.messageId)).toEqual(['missingTypeInformation']);
  });
});
