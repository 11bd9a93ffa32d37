// Dogfood: the runtime is checked by the same rules it is built to satisfy, through the built
// plugin (run `tsc -b` first: `pnpm lint` does).
import tseslint from 'typescript-eslint';
import executionGovernance from './packages/eslint-plugin/dist/index.js';

const runtimeSources = ['packages/runtime/src/**/*.ts'];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', 'fixtures/**', 'packages/*/tests/fixtures/**'] },
  {
    files: runtimeSources,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { ...executionGovernance.configs.recommended, files: runtimeSources },
];
