import * as path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import plugin from '../src/index.js';

// RuleTester registers its cases through whatever test framework it is given.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A project with the runtime's layout (plugin contract, registry, runner, layered services). */
export const runtimeProject = path.join(import.meta.dirname, 'fixtures/runtime-project');

/** Absolute path of a file of the runtime project; a case's code replaces that file's text. */
export function projectFile(relative: string): string {
  return path.join(runtimeProject, relative);
}

/** A typed RuleTester over the runtime project, through the project service as users run it. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: runtimeProject } },
  });
}

/** Real ESLint in `cwd`: typed through the project service, the plugin's recommended config, then `extra`. */
export function recommendedEslint(cwd: string, extra: Linter.Config = {}): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
      plugin.configs.recommended,
      extra,
    ],
  });
}
