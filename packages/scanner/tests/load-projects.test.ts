import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectError, UnreadableFileError } from '../src/errors.js';
import { loadProgram, planProjects } from '../src/load-projects.js';
import { COMPILER_OPTIONS, ONLY_PLUGIN_RUN, PLUGIN_FILE, runScanner, tempProjects, tsconfig } from './helpers/temp-project.js';

const project = tempProjects();

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('planProjects', () => {
  it('defaults to ./tsconfig.json and lists the files it selects', () => {
    const dir = project({ 'tsconfig.json': tsconfig(), 'src/a.ts': 'export {};\n', 'other/b.ts': 'export {};\n' });
    expect(planProjects([], dir)).toEqual([{ tsconfig: path.join(dir, 'tsconfig.json'), fileNames: [path.join(dir, 'src/a.ts')] }]);
  });

  it('a directory means its tsconfig.json', () => {
    const dir = project({ 'pkg/tsconfig.json': tsconfig(), 'pkg/src/a.ts': 'export {};\n' });
    expect(planProjects(['pkg'], dir).map((p) => p.tsconfig)).toEqual([path.join(dir, 'pkg/tsconfig.json')]);
  });

  it('expands a solution tsconfig into its references, depth first, each once (cycles too)', () => {
    const dir = project({
      'tsconfig.json': { files: [], references: [{ path: 'a' }, { path: 'b/tsconfig.json' }] },
      'a/tsconfig.json': { ...tsconfig(), references: [{ path: '../c' }] },
      'a/src/a.ts': 'export {};\n',
      'b/tsconfig.json': { ...tsconfig(), references: [{ path: '../a' }] },
      'b/src/b.ts': 'export {};\n',
      'c/tsconfig.json': { ...tsconfig(), references: [{ path: '../b' }] },
      'c/src/c.ts': 'export {};\n',
    });
    expect(planProjects([], dir).map((p) => path.relative(dir, p.tsconfig))).toEqual(['a/tsconfig.json', 'c/tsconfig.json', 'b/tsconfig.json']);
  });

  it('the same tsconfig given twice is planned once', () => {
    const dir = project({ 'tsconfig.json': tsconfig(), 'src/a.ts': 'export {};\n' });
    expect(planProjects(['tsconfig.json', '.', './tsconfig.json'], dir)).toHaveLength(1);
  });

  it('a missing tsconfig is a ProjectError with a hint', () => {
    const dir = project({});
    const error = thrown(() => planProjects(['missing/tsconfig.json'], dir));
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as ProjectError).message).toBe('tsconfig missing/tsconfig.json not found');
    expect((error as ProjectError).hint).toMatch(/--project/);
  });

  it('a reference to a missing tsconfig names the referrer', () => {
    const dir = project({ 'tsconfig.json': { files: [], references: [{ path: 'gone' }] } });
    const error = thrown(() => planProjects([], dir)) as ProjectError;
    expect(error.message).toBe('tsconfig gone/tsconfig.json not found (referenced from tsconfig.json)');
    expect(error.hint).toBe('fix the "references" entry in tsconfig.json');
  });

  it("reads a TypeScript 5 project's options that TypeScript 6 deprecates (moduleResolution node, baseUrl), as the project's own tsc does", () => {
    const options = { ...COMPILER_OPTIONS, module: 'commonjs', moduleResolution: 'node', baseUrl: '.', paths: { '@app/*': ['src/*'] } };
    const dir = project({
      'tsconfig.json': { compilerOptions: options, include: ['src'] },
      'src/a.ts': "import { b } from '@app/b';\nexport const a = b;\n",
      'src/b.ts': 'export const b = 1;\n',
    });
    const [plan] = planProjects([], dir);
    const program = loadProgram(plan!, dir);
    expect(program.getSourceFile(path.join(dir, 'src/a.ts'))).toBeDefined();
    expect(program.getSemanticDiagnostics().map((d) => d.messageText)).toEqual([]);
  });

  it('a tsconfig that does not parse is a ProjectError with file:line', () => {
    const dir = project({ 'tsconfig.json': '{\n  "compilerOptions": {\n    "strict": tru\n  }\n}\n', 'src/a.ts': 'export {};\n' });
    const error = thrown(() => planProjects([], dir)) as ProjectError;
    expect(error).toBeInstanceOf(ProjectError);
    expect(error.message).toMatch(/^tsconfig tsconfig\.json cannot be used:\n {2}tsconfig\.json:3:\d+ - error TS\d+: /);
  });

  it('a JSON syntax error is reported as tsc reports it: file, line, column, TS1005', () => {
    const dir = project({
      'tsconfig.json': '{\n  "compilerOptions": { "strict": true "noEmit": true },\n  "include": ["src"]\n}\n',
      'src/a.ts': 'export {};\n',
    });
    const error = thrown(() => planProjects([], dir)) as ProjectError;
    expect(error).toBeInstanceOf(ProjectError);
    expect(error.message).toBe("tsconfig tsconfig.json cannot be used:\n  tsconfig.json:2:39 - error TS1005: ',' expected.");
  });

  it("a tsconfig nested too deeply for TypeScript's JSON parser is a ProjectError, not a crash", () => {
    const depth = 50_000;
    const dir = project({ 'tsconfig.json': `{ "x": ${'['.repeat(depth)}${']'.repeat(depth)}, "include": ["src"] }`, 'src/a.ts': 'export {};\n' });
    const error = thrown(() => planProjects([], dir)) as ProjectError;
    expect(error).toBeInstanceOf(ProjectError);
    expect(error.message).toBe('tsconfig tsconfig.json cannot be used: it nests too deeply for TypeScript to read (its parser ran out of stack)');
  });

  it('an unknown compiler option is a ProjectError too', () => {
    const dir = project({ 'tsconfig.json': { compilerOptions: { ...COMPILER_OPTIONS, strictest: true }, include: ['src'] }, 'src/a.ts': 'export {};\n' });
    expect((thrown(() => planProjects([], dir)) as ProjectError).message).toContain("Unknown compiler option 'strictest'");
  });
});

describe('loadProgram', () => {
  it('builds the program of a planned tsconfig, with `paths` resolved', () => {
    const dir = project({
      'tsconfig.json': tsconfig(['src'], { paths: { '@lib/*': ['./lib/*'] } }),
      'src/a.ts': "import { b } from '@lib/b';\nexport const a = b;\n",
      'lib/b.ts': 'export const b = 1;\n',
    });
    const [plan] = planProjects([], dir);
    const program = loadProgram(plan!, dir);
    expect(program.getSourceFile(path.join(dir, 'lib/b.ts'))).toBeDefined();
    expect(program.getGlobalDiagnostics()).toEqual([]);
    expect(program.getSemanticDiagnostics(program.getSourceFile(path.join(dir, 'src/a.ts')))).toEqual([]);
  });

  it('option errors tsc stops on once the program exists are a ProjectError (TS5063: non-array paths)', () => {
    const dir = project({ 'tsconfig.json': tsconfig(['src'], { paths: { '@lib/*': './lib/*' } }), 'src/a.ts': 'export {};\n' });
    const [plan] = planProjects([], dir);
    const error = thrown(() => loadProgram(plan!, dir)) as ProjectError;
    expect(error).toBeInstanceOf(ProjectError);
    expect(error.message).toContain("error TS5063: Substitutions for pattern '@lib/*' should be an array.");
  });

  it('a selected file that cannot be read is an UnreadableFileError naming it', () => {
    const dir = project({ 'tsconfig.json': { compilerOptions: COMPILER_OPTIONS, files: ['src/gone.ts'] } });
    const error = thrown(() => loadProgram({ tsconfig: path.join(dir, 'tsconfig.json'), fileNames: [path.join(dir, 'src/gone.ts')] }, dir));
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as UnreadableFileError).message).toBe('src/gone.ts does not exist (selected by tsconfig.json)');
  });
});

describe('project references', () => {
  // A monorepo whose referenced package was never built: its imports must resolve to its sources,
  // as in an editor, or every guarded type there is an error type and its uses go unseen.
  const monorepo = (): string =>
    project({
      'tsconfig.json': { files: [], references: [{ path: 'packages/core' }, { path: 'packages/app' }] },
      'execution-governance.config.json': {
        ...ONLY_PLUGIN_RUN,
        guards: [
          { name: 'plugin-run', type: { name: 'Plugin', from: 'packages/core/src/plugin.ts' }, members: ['run'], allowIn: ['packages/core/src/runner.ts'] },
        ],
      },
      'packages/core/tsconfig.json': tsconfig(['src'], { composite: true, rootDir: 'src', outDir: 'dist', noEmit: false, declaration: true }),
      'packages/core/src/plugin.ts': PLUGIN_FILE,
      'packages/core/src/runner.ts': `import type { Plugin } from './plugin.js';\nexport const runner = (p: Plugin) => p.run(1);\n`,
      'packages/app/tsconfig.json': {
        ...tsconfig(['src'], { composite: true, rootDir: 'src', outDir: 'dist', noEmit: false, declaration: true }),
        references: [{ path: '../core' }],
      },
      'packages/app/src/bypass.ts': `import type { Plugin } from '../../core/src/plugin.js';\nexport function bypass(p: Plugin): Promise<unknown> {\n  return p.run(1);\n}\n`,
    });

  it('a referenced project that was never built is read from its sources (from the root and from a package)', () => {
    const dir = monorepo();
    for (const args of [[], ['-p', 'packages/app']]) {
      const { code, stdout } = runScanner([...args, '--format', 'json'], dir);
      expect(code).toBe(1);
      const findings = (JSON.parse(stdout) as { findings: { file: string; line: number; ruleId: string }[] }).findings;
      expect(findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['packages/app/src/bypass.ts:3 no-direct-plugin-run']);
    }
  });
});
