// The repository governs its own layering (`pnpm layering`, run in CI after lint). Each rule says
// why it exists; scripts/layering.test.ts plants one offender per rule so a typo cannot silence it.

/** The core's host: the one place allowed to touch the file system (a folder or a `*-host.ts` file). */
const CORE_HOST = '^packages/core/src/(?:host/|.*-host\\.ts$)';
/** Lint and project-loading frameworks, however pnpm lays them out under node_modules. */
const LINT_FRAMEWORKS = '(?:^|/)node_modules/(?:eslint|@eslint/[^/]+|@typescript-eslint/[^/]+|typescript-eslint|ts-morph|@ts-morph/[^/]+)/';
const FRONT_ENDS = '^packages/(?:scanner|eslint-plugin)/src/';
/** What `@execgov/core` resolves to: the package root, and `@execgov/core/files` (file names and lookups, without the analysis). */
const CORE_PUBLIC_API = '^packages/core/(?:dist/(?:index|files)\\.(?:js|d\\.ts)|src/(?:index|files)\\.ts)$';
const TEST_CODE = '(?:^packages/[^/]+/tests/|\\.test\\.ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-lint-frameworks',
      comment:
        'The core is the one analysis both front ends share; it works on raw `ts` nodes so the scanner, ESLint and a ' +
        'future tsserver plugin all run it unchanged. eslint or ts-morph in the core ties it to one front end and ' +
        '(ts-morph) loads a second TypeScript.',
      severity: 'error',
      from: { path: '^packages/core/src/' },
      to: { path: LINT_FRAMEWORKS },
    },
    {
      name: 'core-fs-only-in-host',
      comment:
        'File access goes through the host interface so an editor front end can supply its own (unsaved buffers, ' +
        'virtual files). Only packages/core/src/host/ or a *-host.ts file may import node:fs.',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: CORE_HOST },
      to: { dependencyTypes: ['core'], path: '^(?:node:)?fs(?:/promises)?$' },
    },
    {
      name: 'core-typescript-types-only',
      comment:
        'The core is handed its `ts` module by the front end (which may run in a repo whose own typescript is 7); ' +
        'importing a value from typescript would load whatever version resolves next to the core.',
      severity: 'error',
      from: { path: '^packages/core/src/' },
      to: { path: '(?:^|/)node_modules/typescript/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-front-ends',
      comment: 'Front ends depend on the core, never the other way round; the runtime is the code the rules protect.',
      severity: 'error',
      from: { path: '^packages/core/src/' },
      to: { path: '^packages/(?:scanner|eslint-plugin|runtime)/' },
    },
    {
      name: 'front-ends-use-core-public-api',
      comment:
        'A front end sees only what `@execgov/core` exports, so the core can move its files freely and the CLI ' +
        'and ESLint cannot reach around the analyzer into a private helper and drift.',
      severity: 'error',
      from: { path: FRONT_ENDS },
      to: { path: '^packages/core/', pathNot: CORE_PUBLIC_API },
    },
    {
      name: 'front-ends-independent',
      comment: 'Anything two front ends share belongs in the core, not in one front end imported by the other.',
      severity: 'error',
      from: { path: '^packages/(scanner|eslint-plugin)/src/' },
      to: { path: '^packages/(?:scanner|eslint-plugin)/', pathNot: '^packages/$1/' },
    },
    {
      name: 'scripts-no-test-helpers',
      comment:
        "Scripts (parity, bench, scaffold) run in CI and on people's machines; test helpers change for the tests' " +
        'sake. What both need (the fixture marker format, the comparator) lives under scripts/ and tests import it.',
      severity: 'error',
      from: { path: '^scripts/', pathNot: '\\.test\\.ts$' },
      to: { path: TEST_CODE },
    },
    {
      name: 'src-no-test-code',
      comment: 'Shipped code must not depend on tests: they are not in the published tarball.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that does not resolve cannot be checked against the rules above (and fails at run time).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Built output and packages are where arrows end, not where the cruise goes on from.
    doNotFollow: { path: ['(?:^|/)node_modules/', '^packages/[^/]+/dist/'] },
    // Fixture projects and the bench template are inputs for the analyzers (they break rules on
    // purpose), not repo code.
    exclude: { path: '(?:^|/)fixtures/|^\\.bench/|^scripts/bench/template/' },
    // Type-only imports are dependencies too (and core-typescript-types-only tells them apart).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.tests.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
