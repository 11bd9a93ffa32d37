import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_LINE } from '../src/reporters/index.js';
import { text } from '../src/reporters/text.js';
import { parseScanResult } from '../src/result.js';
import { run } from '../src/run.js';
import { NOTHING_CHECKED_NOTE } from '../src/scan.js';
import {
  cleanProjectFiles,
  COMPILER_OPTIONS,
  PLUGIN_FILE,
  runScanner,
  TOOL_RUNNER_FILE,
  tsconfig,
  VIOLATING_SERVICE_FILE,
  tempProjects,
} from './helpers/temp-project.js';

const project = tempProjects();

/** `file:line rule-id messageId` of each finding in a JSON run, for exact comparison. */
function findingKeys(cwd: string, args: string[] = []): string[] {
  const { code, stdout, stderr } = runScanner([...args, '--format', 'json'], cwd);
  expect(stderr).toBe('');
  expect(code).not.toBe(2);
  return parseScanResult(JSON.parse(stdout)).findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.messageId}`);
}

describe('run(): exit codes and text output', () => {
  it('clean project: exit 0 and the literal OK line', () => {
    const dir = project(cleanProjectFiles());
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toContain(CLEAN_LINE);
    expect(stdout).toContain('3 files scanned in 1 project');
    expect(stderr).toBe('');
  });

  it('planted plugin.run: exit 1, one line per finding and a summary', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    const { code, stdout } = runScanner([], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^src\/services\/bypass\.ts\n {2}4:\d+ {2}error {4}\S.* {2}no-direct-plugin-run$/m);
    expect(stdout).toContain('✖ 1 problem (1 error, 0 warnings) in 1 file; 4 files scanned in 1 project');
    expect(stdout).not.toContain(CLEAN_LINE);
  });

  it('without a config file the defaults apply (and find the same violation)', () => {
    const files = cleanProjectFiles();
    delete files['execution-governance.config.json'];
    const dir = project({ ...files, 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    const keys = findingKeys(dir);
    expect(keys).toContain('src/services/bypass.ts:4 no-direct-plugin-run directUse');
  });

  it('warnings alone: printed, exit 0', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'execution-governance.config.json': {
        rules: { 'no-direct-plugin-run': 'warn', 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' },
      },
      'src/services/bypass.ts': VIOLATING_SERVICE_FILE,
    });
    const { code, stdout } = runScanner([], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^src\/services\/bypass\.ts\n {2}4:\d+ {2}warning {2}\S.* {2}no-direct-plugin-run$/m);
    expect(stdout).toContain('1 problem (0 errors, 1 warning)');
  });

  it('a file with a syntax error is a finding of its own, not a crash', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/broken.ts': 'export const x = ;\n' });
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^src\/services\/broken\.ts\n {2}1:\d+ {2}error {4}Syntax error: .* {2}syntax-error$/m);
  });

  it('bad config: exit 2, each issue with its JSON path and the config file', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'execution-governance.config.json': { guards: [{ name: 'g', members: ['run'] }], rules: { 'no-direct-plugin-run': 'loud' } },
    });
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: invalid execution-governance config execution-governance.config.json');
    expect(stderr).toContain('execution-governance.config.json: $.guards[0].type:');
    expect(stderr).toContain('execution-governance.config.json: $.rules["no-direct-plugin-run"]:');
    expect(stderr).toMatch(/^hint: /m);
  });

  it('no config and nothing the defaults name: exit 0, and a note on stderr that the scan checked nothing', () => {
    const dir = project({ 'tsconfig.json': tsconfig(), 'src/app.ts': 'export class Job { run(): number { return 1; } }\nexport const n = new Job().run();\n' });
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('Execution scanner OK');
    expect(stderr).toBe(`${NOTHING_CHECKED_NOTE}\n`);
    // The defaults' own layout (a Plugin type in src/plugins/plugin.ts) is something checked: no note.
    const { 'execution-governance.config.json': _config, ...withoutConfig } = cleanProjectFiles();
    const defaultLayout = runScanner([], project(withoutConfig));
    expect(defaultLayout.stderr).not.toContain('checked nothing');
    // A config file, even one that keeps every default, says the project chose them: no note.
    const configured = project({
      'tsconfig.json': tsconfig(),
      'src/app.ts': 'export const n = 1;\n',
      'execution-governance.config.json': { configChecks: 'off' },
    });
    expect(runScanner([], configured).stderr).toBe('');
  });

  it('a tsconfig with errors: exit 2, one line per error under the message (line breaks kept, not escaped)', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'tsconfig.json': '{\n  "compilerOptions": { "strict": true "noEmit": true },\n  "include": ["src"]\n}\n',
    });
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "error: tsconfig tsconfig.json cannot be used:\n  tsconfig.json:2:39 - error TS1005: ',' expected.\n" +
        'hint: fix tsconfig.json (`tsc -p tsconfig.json --showConfig` shows what TypeScript reads), or pass another --project\n',
    );
  });

  it('--config naming a missing file: exit 2 with the path', () => {
    const dir = project(cleanProjectFiles());
    const { code, stderr } = runScanner(['--config', 'nope.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('nope.json: $: cannot read the file (ENOENT)');
  });

  it('config that is not JSON: exit 2', () => {
    const dir = project({ ...cleanProjectFiles(), 'execution-governance.config.json': '{ "rules": ' });
    const { code, stderr } = runScanner([], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('$: not valid JSON');
  });

  it('missing tsconfig: exit 2 with a cause and a hint', () => {
    const dir = project({ 'src/a.ts': 'export {};\n' });
    const { code, stdout, stderr } = runScanner([], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: tsconfig tsconfig\.json not found\nhint: pass --project/);
  });

  it('a tsconfig naming a file that does not exist: exit 2 naming the file', () => {
    const dir = project({ ...cleanProjectFiles(), 'tsconfig.json': { compilerOptions: COMPILER_OPTIONS, files: ['src/plugins/plugin.ts', 'src/gone.ts'] } });
    const { code, stderr } = runScanner([], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('src/gone.ts');
  });

  it('a positional path that does not exist (deleted in a diff) is skipped with a note; the others are scanned', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    const { code, stdout, stderr } = runScanner(['src/deleted.ts', 'src/services/bypass.ts'], dir);
    expect(code).toBe(1);
    expect(stderr).toBe('note: skipped src/deleted.ts: it does not exist (deleted, or a typo)\n');
    expect(stdout).toContain('1 problem (1 error, 0 warnings) in 1 file; 1 file scanned in 1 project');
  });

  it('only paths that do not exist: nothing is reported, exit 0 (not a scan of everything)', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });
    const { code, stdout, stderr } = runScanner(['src/gone-a.ts', 'src/gone-b.ts'], dir);
    expect(code).toBe(0);
    expect(stderr).toContain('note: none of the given paths exist; nothing is reported');
    expect(stdout).toContain('0 files scanned in 1 project');
  });

  it('unknown option: exit 2 with a usage hint', () => {
    const dir = project(cleanProjectFiles());
    const { code, stderr } = runScanner(['--frobnicate'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('error: unknown option --frobnicate\n');
    expect(stderr).toContain('hint: run `scan-execution-violations --help`');
  });

  it('--help and --version exit 0 without scanning', () => {
    const dir = project({});
    expect(runScanner(['--help'], dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('--format <name>') });
    const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(runScanner(['--version'], dir)).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('an unexpected error (a bug) prints its stack and exits 2', () => {
    const dir = project(cleanProjectFiles());
    let stderr = '';
    const code = run([], {
      cwd: dir,
      stdout: {
        write: () => {
          throw new Error('stdout exploded');
        },
      },
      stderr: { write: (chunk: string) => (stderr += chunk) },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('this is a bug');
    expect(stderr).toMatch(/Error: stdout exploded\n\s+at /);
  });
});

describe('run(): --format json', () => {
  it('the emitted result validates against the schema, and a saved copy re-renders as the text output', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'src/services/broken.ts': 'export const x = ;\n',
      'src/services/extra.ts': '// execution-governance-disable-next-line no-direct-plugin-run -- stale\nexport const answer = 42;\n',
    });
    const jsonRun = runScanner(['--format', 'json'], dir);
    const textRun = runScanner([], dir);
    expect(jsonRun.code).toBe(1);
    const saved = path.join(dir, 'scan-result.json');
    fs.writeFileSync(saved, jsonRun.stdout);
    const result = parseScanResult(JSON.parse(fs.readFileSync(saved, 'utf8')));
    expect(result).toMatchObject({ cwd: dir, configFile: { path: 'execution-governance.config.json' }, filesScanned: 5 });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['syntax-error', 'invalid-suppression']);
    expect(result.findings[0]).toMatchObject({ file: 'src/services/broken.ts', absolutePath: `${dir}/src/services/broken.ts`, line: 1 });
    expect(text(result)).toEqual({ output: textRun.stdout, exitCode: textRun.code });
  });
});

describe('run(): suppressions', () => {
  const suppressed = (comment: string) => `import type { Plugin } from '../plugins/plugin';

export function bypass(plugin: Plugin, input: unknown): Promise<unknown> {
  ${comment}
  return plugin.run(input);
}
`;

  it('a suppression with a reason suppresses the finding', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'src/services/bypass.ts': suppressed('// execution-governance-disable-next-line no-direct-plugin-run -- health check probes the plugin itself'),
    });
    const { code, stdout } = runScanner([], dir);
    expect(code).toBe(0);
    expect(stdout).toContain(CLEAN_LINE);
  });

  it('a suppression without a reason is reported in place of the finding it silences', () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': suppressed('// execution-governance-disable-next-line no-direct-plugin-run') });
    expect(findingKeys(dir).sort()).toEqual(['src/services/bypass.ts:4 invalid-suppression suppressionMissingReason']);
  });

  it("ESLint's directive forms naming our rules suppress in the CLI too", () => {
    const dir = project({
      ...cleanProjectFiles(),
      'src/services/bypass.ts': suppressed('// eslint-disable-next-line execution-governance/no-direct-plugin-run -- health check probes the plugin itself'),
    });
    expect(runScanner([], dir)).toMatchObject({ code: 0 });
  });

  it('a suppression that suppresses nothing is reported', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'src/services/extra.ts': `// execution-governance-disable-next-line no-direct-plugin-run -- left over from a refactor\nexport const answer = 42;\n`,
    });
    expect(findingKeys(dir)).toEqual(['src/services/extra.ts:1 invalid-suppression unusedSuppression']);
  });

  it('a suppression naming an unknown rule is reported as invalid-suppression', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'src/services/extra.ts': `// execution-governance-disable-next-line no-such-rule -- typo\nexport const answer = 42;\n`,
    });
    expect(findingKeys(dir)).toEqual(['src/services/extra.ts:1 invalid-suppression unknownRule']);
  });
});

describe('run(): projects', () => {
  it('a file in two tsconfigs is reported once', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'tsconfig.all.json': tsconfig(['src']),
      'tsconfig.services.json': tsconfig(['src/services', 'src/plugins']),
      'src/services/bypass.ts': VIOLATING_SERVICE_FILE,
    });
    const { code, stdout } = runScanner(['-p', 'tsconfig.all.json', '-p', 'tsconfig.services.json', '--format', 'json'], dir);
    expect(code).toBe(1);
    const result = parseScanResult(JSON.parse(stdout));
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/services/bypass.ts:4 no-direct-plugin-run']);
    expect(result.filesScanned).toBe(4);
    expect(result.projects.map((p) => [p.path, p.filesScanned])).toEqual([
      ['tsconfig.all.json', 4],
      ['tsconfig.services.json', 0],
    ]);
  });

  it('tsconfig `paths` aliases resolve to the guarded type', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'tsconfig.json': tsconfig(['src'], { paths: { '@plugins/*': ['./src/plugins/*'] } }),
      'src/services/bypass.ts': `import type { Plugin as Tool } from '@plugins/plugin';

export const bypass = (tool: Tool) =>
  tool.run({});
`,
    });
    expect(findingKeys(dir)).toEqual(['src/services/bypass.ts:4 no-direct-plugin-run directUse']);
  });

  it('a solution tsconfig (files: [] + references) loads each referenced project', () => {
    const dir = project({
      'execution-governance.config.json': { rules: { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' } },
      'tsconfig.json': { files: [], references: [{ path: 'packages/plugins' }, { path: 'packages/services' }] },
      'packages/plugins/tsconfig.json': tsconfig(['src']),
      'packages/plugins/src/plugins/plugin.ts': PLUGIN_FILE,
      'packages/plugins/src/plugins/runtime/tool-runner.ts': TOOL_RUNNER_FILE,
      'packages/services/tsconfig.json': tsconfig(['src'], { paths: { '@plugins/*': ['../plugins/src/plugins/*'] } }),
      'packages/services/src/services/bypass.ts': VIOLATING_SERVICE_FILE.replace('../plugins/plugin', '@plugins/plugin'),
    });
    const { code, stdout } = runScanner(['--format', 'json'], dir);
    expect(code).toBe(1);
    const result = parseScanResult(JSON.parse(stdout));
    expect(result.projects.map((p) => p.path)).toEqual(['packages/plugins/tsconfig.json', 'packages/services/tsconfig.json']);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['packages/services/src/services/bypass.ts:4 no-direct-plugin-run']);
  });

  it('positional paths limit which files are reported', () => {
    const dir = project({
      ...cleanProjectFiles(),
      'src/services/bypass.ts': VIOLATING_SERVICE_FILE,
      'src/api/bypass.ts': VIOLATING_SERVICE_FILE,
    });
    expect(findingKeys(dir, ['src/api'])).toEqual(['src/api/bypass.ts:4 no-direct-plugin-run directUse']);
    expect(findingKeys(dir, ['src/services/bypass.ts'])).toEqual(['src/services/bypass.ts:4 no-direct-plugin-run directUse']);
    expect(findingKeys(dir, ['src/plugins'])).toEqual([]);
  });
});
