import { describe, expect, it } from 'vitest';
import { CLEAN_LINE } from '../src/reporters/index.js';
import { ONLY_PLUGIN_RUN, PLUGIN_FILE, cleanProjectFiles, runScanner, tempProjects, tsconfig } from './helpers/temp-project.js';

const project = tempProjects();

const guarded = (type: object, members: string[], allowIn: string[]) => ({
  ...ONLY_PLUGIN_RUN,
  guards: [{ name: 'plugin-run', type, members, allowIn }],
});

describe('the scanner checks the config against the programs (no silent pass)', () => {
  it('a misspelt type, member and allowIn glob: exit 2, each with its JSON path and a suggestion', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'execution-governance.config.json': guarded({ name: 'Plugni', from: 'src/plugins/plugin.ts' }, ['run'], ['src/plugins/runtimes/*.ts']),
    });
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: execution-governance config execution-governance.config.json names what the programs do not have');
    expect(stderr).toContain('$.guards[0].type.name: no type `Plugni` in src/plugins/plugin.ts; did you mean `Plugin`?');
    expect(stderr).toContain('$.guards[0].allowIn[0]: no file of the program matches "src/plugins/runtimes/*.ts"');
    expect(stderr).toContain('did you mean `src/plugins/runtime/*.ts`?');
    expect(stderr).toContain('"configChecks": "warn"');
  });

  it('"configChecks": "warn" prints the same problems as a warning and scans; "off" is silent', () => {
    const bad = guarded({ name: 'Plugin', from: 'src/plugins/plugin.ts' }, ['run', 'execute'], ['src/plugins/runtime/*.ts']);
    const warn = runScanner([], project({ ...cleanProjectFiles(), 'execution-governance.config.json': { ...bad, configChecks: 'warn' } }));
    expect(warn.code).toBe(0);
    expect(warn.stdout.split('\n')[0]).toBe(CLEAN_LINE);
    expect(warn.stderr).toContain('warning: execution-governance config execution-governance.config.json');
    expect(warn.stderr).toContain('$.guards[0].members[1]: no member `execute` on `Plugin` (src/plugins/plugin.ts)');
    const off = runScanner([], project({ ...cleanProjectFiles(), 'execution-governance.config.json': { ...bad, configChecks: 'off' } }));
    expect(off).toMatchObject({ code: 0, stderr: '' });
  });

  it('one config over several programs: an entry matched by any program is fine; one matched by none is an error', () => {
    const config = {
      ...ONLY_PLUGIN_RUN,
      rules: { ...ONLY_PLUGIN_RUN.rules, 'no-layer-bypass': 'error' },
      layers: [
        { name: 'a', files: ['packages/a/src/**'] },
        { name: 'b', files: ['packages/b/src/**'] },
      ],
      shared: ['packages/*/src/plugins/**'],
    };
    const files = {
      'execution-governance.config.json': config,
      'packages/a/tsconfig.json': tsconfig(),
      'packages/a/src/plugins/plugin.ts': PLUGIN_FILE,
      'packages/b/tsconfig.json': tsconfig(),
      'packages/b/src/index.ts': 'export const b = 1;\n',
    };
    const both = runScanner(['-p', 'packages/a', '-p', 'packages/b'], project(files));
    expect(both).toMatchObject({ code: 0, stderr: '' });
    // One package scanned under the monorepo's root config: its entries about another package name
    // files this scan never sees, so they are not problems (ESLint, seeing one program, agrees).
    const onlyA = runScanner(['-p', 'packages/a'], project(files));
    expect(onlyA).toMatchObject({ code: 0, stderr: '' });
    // A glob that can match only inside the scanned package is still checked: a typo there is one.
    const typo = { ...config, layers: [{ name: 'a', files: ['packages/a/srcc/**'] }, config.layers[1]!] };
    const typoInA = runScanner(['-p', 'packages/a'], project({ ...files, 'execution-governance.config.json': typo }));
    expect(typoInA.code).toBe(2);
    expect(typoInA.stderr).toContain('$.layers[0].files[0]: no file of the program matches "packages/a/srcc/**"');
    expect(typoInA.stderr).not.toContain('$.layers[1]');
  });

  it('a monorepo root config over packages with configs of their own: a glob naming a file another config governs is no problem', () => {
    const files = {
      'tsconfig.json': { files: [], references: [{ path: 'packages/a' }, { path: 'packages/b' }] },
      'execution-governance.config.json': guarded({ name: 'Plugin', from: 'packages/a/src/plugins/plugin.ts' }, ['run'], ['packages/b/src/runner.ts']),
      'packages/a/tsconfig.json': tsconfig(['src'], { composite: true }),
      'packages/a/src/plugins/plugin.ts': PLUGIN_FILE,
      'packages/b/tsconfig.json': tsconfig(['src'], { composite: true }),
      'packages/b/execution-governance.config.json': ONLY_PLUGIN_RUN,
      'packages/b/src/runner.ts': 'export const runner = 1;\n',
    };
    const dir = project(files);
    expect(runScanner([], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(runScanner(['-p', 'packages/a'], dir)).toMatchObject({ code: 0, stderr: '' });
  });

  it('a --config outside the project is named as such', () => {
    const dir = project({
      'app/tsconfig.json': tsconfig(),
      'app/src/plugins/plugin.ts': PLUGIN_FILE,
      'configs/execution-governance.config.json': guarded({ name: 'Plugin', from: '**/plugins/plugin.ts' }, ['run'], []),
    });
    const { code, stderr } = runScanner(['-p', 'app', '--config', 'configs/execution-governance.config.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("$: the config file is outside every project's root");
  });
});
