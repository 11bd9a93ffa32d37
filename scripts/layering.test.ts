import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const DEPCRUISE = path.join(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(repoRoot, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs the real dependency-cruiser CLI with the repo's config in `cwd`; its violations, unfiltered. */
function cruise(cwd: string, targets: string[]): Violation[] {
  const child = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...targets], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (!child.stdout.trim().startsWith('{')) throw new Error(`depcruise printed no result (exit ${child.status}): ${child.stderr}`);
  return (JSON.parse(child.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-layering-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
  fs.writeFileSync(path.join(tmp, file), text);
}

function link(name: string, target: string): void {
  fs.mkdirSync(path.dirname(path.join(tmp, 'node_modules', name)), { recursive: true });
  fs.symlinkSync(target, path.join(tmp, 'node_modules', name), 'dir');
}

// A miniature of this repository's layout with one offender per rule and one allowed neighbour
// beside each, so a typo in a rule's path (the gate going quiet) fails here.
describe('.dependency-cruiser.cjs: every rule catches its offender and lets its neighbour pass', () => {
  it('reports exactly the planted offenders', () => {
    write(
      'tsconfig.tests.json',
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true }, include: ['packages', 'scripts'] }),
    );
    // Stand-ins: the rules look at where an import resolves, not at what the package holds.
    for (const name of ['eslint', 'typescript', 'ts-morph']) {
      write(`node_modules/${name}/package.json`, JSON.stringify({ name, main: 'index.js', types: 'index.d.ts' }));
      write(`node_modules/${name}/index.js`, 'module.exports = {};\n');
      write(`node_modules/${name}/index.d.ts`, 'declare const api: any;\nexport = api;\n');
    }
    link('@execgov/core', path.join(tmp, 'packages/core'));
    write(
      'packages/core/package.json',
      JSON.stringify({ name: '@execgov/core', type: 'module', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }),
    );
    write('packages/core/dist/index.d.ts', 'export declare const version: string;\n');
    write('packages/core/dist/index.js', "export const version = '0';\n");
    write('packages/core/src/index.ts', "export const version = '0';\n");
    write('packages/core/src/rules/private-helper.ts', 'export const helper = 1;\n');
    write('packages/core/src/uses-eslint.ts', "import { Linter } from 'eslint';\nexport const linter = Linter;\n");
    write('packages/core/src/uses-ts-morph.ts', "import { Project } from 'ts-morph';\nexport const project = Project;\n");
    write('packages/core/src/config/load.ts', "import * as fs from 'node:fs';\nexport const read = fs.readFileSync;\n");
    write('packages/core/src/host/node-host.ts', "import * as fs from 'node:fs';\nexport const read = fs.readFileSync;\n");
    write('packages/core/src/config/file-host.ts', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n");
    write('packages/core/src/value-ts.ts', "import ts from 'typescript';\nexport const kind = ts.SyntaxKind.Identifier;\n");
    write('packages/core/src/type-ts.ts', "import type ts from 'typescript';\nexport type Node = ts.Node;\n");
    write('packages/core/src/calls-scanner.ts', "import { main } from '../../scanner/src/run.js';\nexport const entry = main;\n");
    write('packages/scanner/src/run.ts', "import { version } from '@execgov/core';\nexport const main = () => version;\n");
    write('packages/scanner/src/reach-around.ts', "import { helper } from '../../core/src/rules/private-helper.js';\nexport const h = helper;\n");
    write(
      'packages/eslint-plugin/src/index.ts',
      "import { version } from '@execgov/core';\nimport { main } from '../../scanner/src/run.js';\nexport const both = [version, main];\n",
    );
    write('packages/core/tests/helpers/fixture.ts', 'export const fixtures: string[] = [];\n');
    write('scripts/parity/check.ts', "import { fixtures } from '../../packages/core/tests/helpers/fixture.js';\nexport const all = fixtures;\n");
    write('scripts/parity.test.ts', "import { fixtures } from '../packages/core/tests/helpers/fixture.js';\nexport const all = fixtures;\n");
    write('packages/runtime/tests/helpers.ts', 'export const stub = 1;\n');
    write('packages/runtime/src/app.ts', "import { stub } from '../tests/helpers.js';\nexport const app = stub;\n");
    write('scripts/typo.ts', "import { nothing } from './no-such-file.js';\nexport const x = nothing;\n");

    // Packages resolve to wherever pnpm keeps them; name them by package.
    const target = (to: string) => to.replace(/^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, 'npm:$1');
    const found = cruise(tmp, ['packages', 'scripts']).map((v) => `${v.rule.name}: ${v.from} → ${target(v.to)}`);
    expect(found.sort()).toEqual(
      [
        'core-no-lint-frameworks: packages/core/src/uses-eslint.ts → npm:eslint',
        'core-no-lint-frameworks: packages/core/src/uses-ts-morph.ts → npm:ts-morph',
        'core-fs-only-in-host: packages/core/src/config/load.ts → fs',
        'core-typescript-types-only: packages/core/src/value-ts.ts → npm:typescript',
        'core-no-front-ends: packages/core/src/calls-scanner.ts → packages/scanner/src/run.ts',
        'front-ends-use-core-public-api: packages/scanner/src/reach-around.ts → packages/core/src/rules/private-helper.ts',
        'front-ends-independent: packages/eslint-plugin/src/index.ts → packages/scanner/src/run.ts',
        'scripts-no-test-helpers: scripts/parity/check.ts → packages/core/tests/helpers/fixture.ts',
        'src-no-test-code: packages/runtime/src/app.ts → packages/runtime/tests/helpers.ts',
        'no-unresolvable: scripts/typo.ts → ./no-such-file.js',
      ].sort(),
    );
  });
});
