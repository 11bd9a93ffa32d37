import * as fs from 'node:fs';
import * as path from 'node:path';
import { INVALID_SUPPRESSION, RULE_IDS, SUPPRESSION_MESSAGES, rules as coreRules } from '@execgov/core';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { readDoc } from './doc-blocks.js';
import { runtimeProject } from './rule-tester.js';

const packageDir = path.resolve(import.meta.dirname, '..');

function idsIn(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(path.join(packageDir, dir))
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length))
    .sort();
}

const REQUIRED_HEADINGS = (id: string) => [
  '# ' + id,
  '## Rule details',
  '## Examples',
  '### ❌ Incorrect',
  '### ✅ Correct',
  '## Options',
  '## When not to use it',
];

// Every core rule has an adapter; so does the core's suppression diagnostic, so that ESLint
// reports a bad suppression comment under an id no comment naming a rule can silence.
const ADAPTER_IDS = [...RULE_IDS, INVALID_SUPPRESSION.id] as const;

describe('rules, adapters, docs and tests stay in step', () => {
  const all = [...ADAPTER_IDS].sort();

  it('the core rule ids (plus invalid-suppression), the adapters, the docs and the tests are the same set', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(all);
    expect(idsIn('src/rules', '.ts')).toEqual(all);
    expect(idsIn('docs/rules', '.md')).toEqual(all);
    expect(idsIn('tests/rules', '.test.ts')).toEqual(all);
  });

  it.each([...RULE_IDS])('%s: meta comes from the core and links its doc', (id) => {
    const { meta } = plugin.rules[id];
    expect(meta.docs?.description).toBe(coreRules[id].meta.description);
    expect(meta.docs?.requiresTypeChecking).toBe(true);
    expect(meta.docs?.url).toMatch(new RegExp(`/packages/eslint-plugin/docs/rules/${id}\\.md$`));
    expect(meta.messages).toMatchObject(coreRules[id].meta.messages);
  });

  it('invalid-suppression: meta comes from the core and links its doc', () => {
    const { meta } = plugin.rules[INVALID_SUPPRESSION.id];
    expect(meta.docs?.description).toBe(INVALID_SUPPRESSION.description);
    expect(meta.docs?.url).toMatch(/\/packages\/eslint-plugin\/docs\/rules\/invalid-suppression\.md$/);
    expect(meta.messages).toMatchObject(SUPPRESSION_MESSAGES);
  });

  it('the plugin names itself and recommends every rule as an error', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'execution-governance' });
    expect(plugin.configs.recommended.rules).toEqual(Object.fromEntries(ADAPTER_IDS.map((id) => [`execution-governance/${id}`, 'error'])));
  });
});

describe('rule docs', () => {
  const eslint = new ESLint({
    cwd: runtimeProject,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: runtimeProject } } },
      plugin.configs.recommended,
    ],
  });

  for (const id of ADAPTER_IDS) {
    const doc = readDoc(path.join(packageDir, 'docs/rules', `${id}.md`));

    it(`${id}: has the required headings in order`, () => {
      const required = REQUIRED_HEADINGS(id);
      expect(doc.headings.filter((heading) => required.includes(heading))).toEqual(required);
    });

    const examples = doc.blocks.filter((block) => block.heading === '### ❌ Incorrect' || block.heading === '### ✅ Correct');
    it(`${id}: has ts examples, each naming the project file it stands for`, () => {
      expect(examples.map((block) => block.heading)).toEqual(expect.arrayContaining(['### ❌ Incorrect', '### ✅ Correct']));
      for (const block of examples) {
        expect(block.lang, `line ${block.line}`).toBe('ts');
        expect(block.title && fs.existsSync(path.join(runtimeProject, block.title)), `line ${block.line}: title names a runtime-project file`).toBe(true);
      }
    });

    // Each block is linted as the file its title names, inside a project with the runtime's
    // layout, under the recommended config: exactly what a user would see.
    for (const block of examples) {
      const incorrect = block.heading === '### ❌ Incorrect';
      it(`${id}: the ${incorrect ? '❌' : '✅'} block at line ${block.line} lints as labelled`, async () => {
        const [result] = await eslint.lintText(block.code, { filePath: path.join(runtimeProject, block.title!) });
        const messages = result!.messages.map(({ ruleId, messageId, line }) => ({ ruleId, messageId, line }));
        if (incorrect) {
          expect(messages.filter((message) => message.ruleId === `execution-governance/${id}`)).not.toEqual([]);
        } else {
          expect(messages).toEqual([]);
        }
      });
    }
  }
});
