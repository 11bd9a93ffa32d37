import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export type EslintVariant = 'regex' | 'typed' | 'one-rule' | 'governance';

const REGEX_RULE = `'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='run']", message: 'Call plugins through ToolRunner.' }]`;

function typedBase(projectDir: string): string {
  return `{
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(projectDir)} },
    },
  }`;
}

/** The text of one flat config. `typescript-eslint` resolves from the repo root's node_modules. */
export function eslintConfigText(variant: EslintVariant, projectDir: string, pluginEntry: string): string {
  const header = `// Written by scripts/bench for one run; not committed (.bench/ is ignored).\nimport tseslint from 'typescript-eslint';\n`;
  switch (variant) {
    case 'regex':
      // What teams use today: syntax only, no type information, so no program is built.
      return `${header}\nexport default [\n  {\n    files: ['**/*.ts'],\n    languageOptions: { parser: tseslint.parser },\n    rules: { ${REGEX_RULE} },\n  },\n];\n`;
    case 'typed':
      // No rules: the parser alone builds the program and its checker (createParserServices).
      return `${header}\nexport default [\n  ${typedBase(projectDir)},\n];\n`;
    case 'one-rule':
      // (d) plus one built-in rule that finds nothing here: what ESLint itself costs once any rule is on.
      return `${header}\nexport default [\n  ${typedBase(projectDir)},\n  { rules: { 'no-debugger': 'error' } },\n];\n`;
    case 'governance':
      return `${header}import governance from ${JSON.stringify(pathToFileURL(pluginEntry).href)};\n\nconst recommended = governance.configs.recommended;\n\nexport default [\n  ${typedBase(projectDir)},\n  ...(Array.isArray(recommended) ? recommended : [recommended]),\n];\n`;
  }
}

/** Writes the config of a variant into `benchDir` and returns its path. */
export function writeEslintConfig(benchDir: string, variant: EslintVariant, projectDir: string, pluginEntry: string): string {
  const file = path.join(benchDir, `eslint-${variant}.config.mjs`);
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(file, eslintConfigText(variant, projectDir, pluginEntry));
  return file;
}
