import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const project = path.join(import.meta.dirname, 'fixtures/bad-config');
const runtimeProject = path.join(import.meta.dirname, 'fixtures/runtime-project');

describe('execution-governance.config.json as the plugin reads it', () => {
  it('a bad config file is reported once, on the file, naming the file and each JSON path; no crash', async () => {
    const eslint = new ESLint({
      cwd: project,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: project } } },
        plugin.configs.recommended,
      ],
    });
    const [result] = await eslint.lintFiles(['src/index.ts']);
    expect(result!.messages).toHaveLength(1);
    const [message] = result!.messages;
    expect(message).toMatchObject({ messageId: 'invalidConfig', line: 1, column: 1, severity: 2 });
    expect(message!.message).toContain(path.join(project, 'execution-governance.config.json'));
    expect(message!.message).toContain('$.guards[0].members');
    expect(message!.message).toContain('$.layers');
  });

  it('rule options are validated by ESLint against the config JSON Schema', async () => {
    const eslint = new ESLint({
      cwd: runtimeProject,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: runtimeProject } } },
        { ...plugin.configs.recommended, rules: { 'execution-governance/no-layer-bypass': ['error', { layer: [] }] } },
      ],
    });
    await expect(eslint.lintFiles(['src/errors.ts'])).rejects.toThrow(/Unexpected property "layer"/);
  });
});

/** Writes `files` into a fresh temp folder (removed by the caller's `cleanup`). */
function writeTemp(files: Record<string, string | object>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-eslint-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

async function lintAll(dir: string, tsconfigRootDir = dir): Promise<Array<{ file: string; messageId: string | undefined; message: string; line: number }>> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir } } },
      plugin.configs.recommended,
    ],
  });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((result) =>
    result.messages.map((m) => ({ file: path.relative(dir, result.filePath).replace(/\\/g, '/'), messageId: m.messageId, message: m.message, line: m.line })),
  );
}

describe('the config checked against the program, in ESLint', () => {
  const TSCONFIG = {
    compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', types: [], noEmit: true },
    include: ['src'],
  };
  const PLUGIN = 'export interface Plugin { run(input: unknown): Promise<unknown> }\n';
  const CALLER = "import type { Plugin } from './plugin.js';\nexport const go = (p: Plugin) => p.run(1);\n";
  const rulesOff = { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' };
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a member not on the type is reported once per file, naming the JSON path, and the rules do not run', async () => {
    const config = { guards: [{ name: 'g', type: { name: 'Plugin', from: 'src/plugin.ts' }, members: ['runn'] }], rules: rulesOff };
    const dir = writeTemp({ 'tsconfig.json': TSCONFIG, 'execution-governance.config.json': config, 'src/plugin.ts': PLUGIN, 'src/caller.ts': CALLER });
    dirs.push(dir);
    const messages = await lintAll(dir);
    expect(messages.map((m) => `${m.file}:${m.line} ${m.messageId}`).sort()).toEqual(['src/caller.ts:1 configMismatch', 'src/plugin.ts:1 configMismatch']);
    expect(messages[0]!.message).toContain('$.guards[0].members[0]: no member `runn` on `Plugin` (src/plugin.ts); did you mean `run`?');
  });

  it('with "configChecks": "warn" the problem is reported once per file and the rules still run', async () => {
    const config = {
      configChecks: 'warn',
      guards: [{ name: 'g', type: { name: 'Plugin', from: 'src/plugin.ts' }, members: ['run'], allowIn: ['src/nowhere/**'] }],
      rules: rulesOff,
    };
    const dir = writeTemp({ 'tsconfig.json': TSCONFIG, 'execution-governance.config.json': config, 'src/plugin.ts': PLUGIN, 'src/caller.ts': CALLER });
    dirs.push(dir);
    const messages = await lintAll(dir);
    expect(messages.map((m) => `${m.file}:${m.line} ${m.messageId}`).sort()).toEqual([
      'src/caller.ts:1 configMismatchWarning',
      'src/caller.ts:2 directUse',
      'src/plugin.ts:1 configMismatchWarning',
    ]);
  });

  it('a program below a config that covers several packages reports no glob misses (it cannot see the other packages)', async () => {
    const config = {
      guards: [{ name: 'g', type: { name: 'Plugin', from: 'packages/a/src/plugin.ts' }, members: ['run'], allowIn: ['packages/b/src/**'] }],
      rules: rulesOff,
    };
    const dir = writeTemp({
      'execution-governance.config.json': config,
      'packages/a/tsconfig.json': TSCONFIG,
      'packages/a/src/plugin.ts': PLUGIN,
      'packages/a/src/caller.ts': CALLER,
    });
    dirs.push(dir);
    const messages = await lintAll(dir, path.join(dir, 'packages/a'));
    expect(messages.map((m) => `${m.file}:${m.line} ${m.messageId}`)).toEqual(['packages/a/src/caller.ts:2 directUse']);
  });
});
