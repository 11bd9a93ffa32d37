import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigFile } from '@execgov/core';
import { afterEach, describe, expect, it } from 'vitest';
import { readExpectations } from '../../core/tests/helpers/fixture.js';
import { parseScanResult } from '../src/result.js';
import { COMPILER_OPTIONS, removeProject, runScanner, writeProject } from './helpers/temp-project.js';

/** A sample written for `init` alone (not one of the fixtures the rules are tuned on). */
export const SAMPLE_DIR = path.join(import.meta.dirname, 'samples/report-pipeline');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) removeProject(dir);
});

function copySample(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-init-')));
  fs.cpSync(SAMPLE_DIR, dir, { recursive: true });
  made.push(dir);
  return dir;
}

describe('scan-execution-violations init', () => {
  it('writes a config that validates, says why, and makes the scan find exactly the planted violations', () => {
    const dir = copySample();
    const init = runScanner(['init'], dir);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('guard "step-process": type alias Step (src/steps/step.ts), members process: called from PipelineDriver.drive.');
    expect(init.stdout).toContain('  sanctioned: src/pipeline/pipeline-driver.ts (1 call): the runner code making these calls.');
    expect(init.stdout).toContain('also called in src/reports/quick-report.ts, src/web/export-route.ts: the scan will report these.');
    expect(init.stdout).toContain('layers (top first; each may use itself and the next one down): web → reports → pipeline');
    expect(init.stdout).toContain('runner: PipelineDriver.drive (src/pipeline/pipeline-driver.ts)');
    expect(init.stdout).toContain('Wrote execution-governance.config.json.');

    const config = loadConfigFile(path.join(dir, 'execution-governance.config.json'));
    expect(Object.values(config.rules)).toEqual(['error', 'error', 'error', 'error']);

    const scan = runScanner(['--format', 'json'], dir);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(1);
    const found = parseScanResult(JSON.parse(scan.stdout))
      .findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)
      .sort();
    expect(found).toEqual(readExpectations(dir));
  });

  it('on the reference runtime (real code it was not written against) it recovers the sanctioned path, and the runtime scans clean', () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-init-runtime-')));
    made.push(root);
    const repo = path.resolve(import.meta.dirname, '../../..');
    fs.copyFileSync(path.join(repo, 'tsconfig.base.json'), path.join(root, 'tsconfig.base.json'));
    const dir = path.join(root, 'packages/runtime');
    fs.mkdirSync(dir, { recursive: true });
    for (const entry of ['src', 'tsconfig.json', 'package.json'])
      fs.cpSync(path.join(repo, 'packages/runtime', entry), path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(repo, 'packages/runtime/node_modules'), path.join(dir, 'node_modules'));
    const init = runScanner(['init'], dir);
    expect(init.code).toBe(0);
    const config = loadConfigFile(path.join(dir, 'execution-governance.config.json'));
    expect(config.guards.map((g) => [g.type.name, g.type.from, g.members, g.allowIn])).toEqual([
      ['Plugin', 'src/plugins/plugin.ts', ['run'], ['src/plugins/runtime/tool-runner.ts']],
    ]);
    expect(config.runner).toMatchObject({
      class: 'ToolRunner',
      method: 'run',
      validateInput: ['validateInput'],
      validateOutput: ['validateOutput'],
      errorEnvelope: ['toErrorEnvelope'],
      recordMetrics: ['recordMetrics'],
    });
    expect(config.lifecycle.type.name).toBe('PluginLifecycleState');
    expect(config.layers.map((l) => l.name)).toEqual(['api', 'services', 'plugins']);
    expect(runScanner([], dir)).toMatchObject({ code: 0, stderr: '' });
  });

  it('tells what a runner runs from its collaborators: contracts over helpers, nested validation by data flow', () => {
    const dir = writeProject({
      'tsconfig.json': { compilerOptions: COMPILER_OPTIONS, include: ['src'] },
      'src/tools/tool.ts': 'export interface Tool {\n  execute(args: string[]): Promise<unknown>;\n}\n',
      'src/support.ts': [
        'export interface Logger { info(message: string): void; error(message: string): void }',
        'export class Cache { get(key: string): unknown { return key; } }',
        'export const checkInput = (args: string[]) => args;',
        'export const checkOutput = (value: unknown) => value;',
        'export const toFailure = (error: unknown) => ({ error: String(error) });',
        'export const recordMetric = (name: string) => name;',
        '',
      ].join('\n'),
      'src/tools/tool-executor.ts': [
        "import type { Tool } from './tool';",
        "import { checkInput, checkOutput, recordMetric, toFailure, type Cache, type Logger } from '../support';",
        'export class ToolExecutor {',
        '  constructor(private readonly logger: Logger) {}',
        '  async invoke(tool: Tool, args: string[], cache: Cache): Promise<unknown> {',
        "    this.logger.info('invoke');",
        "    const warm = cache.get('warm');",
        '    try {',
        '      return checkOutput(await tool.execute(checkInput([...args, String(warm)])));',
        '    } catch (error) {',
        "      this.logger.error('failed');",
        '      return toFailure(error);',
        '    } finally {',
        "      recordMetric('invoke');",
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/app.ts': "import type { Tool } from './tools/tool';\nexport const shortcut = (tool: Tool) => tool.execute([]);\n",
    });
    made.push(dir);
    const init = runScanner(['init'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('not guarded: class Cache (src/support.ts) is a concrete class');
    const config = loadConfigFile(path.join(dir, 'execution-governance.config.json'));
    expect(config.guards.map((g) => `${g.type.name}.${g.members === '*' ? '*' : g.members.join()} in ${g.allowIn.join()}`)).toEqual([
      'Tool.execute in src/tools/tool-executor.ts',
    ]);
    expect(config.runner).toMatchObject({
      class: 'ToolExecutor',
      method: 'invoke',
      validateInput: ['checkInput'],
      validateOutput: ['checkOutput'],
      errorEnvelope: ['toFailure'],
      recordMetrics: ['recordMetric'],
    });
    const scan = runScanner(['--format', 'json'], dir);
    expect(parseScanResult(JSON.parse(scan.stdout)).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/app.ts:2 no-direct-plugin-run']);
  });

  it('does not overwrite an existing config unless --force', () => {
    const dir = copySample();
    fs.writeFileSync(path.join(dir, 'execution-governance.config.json'), '{}\n');
    const refused = runScanner(['init'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error: execution-governance.config.json already exists; init does not overwrite it');
    expect(fs.readFileSync(path.join(dir, 'execution-governance.config.json'), 'utf8')).toBe('{}\n');
    expect(runScanner(['init', '--force'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'execution-governance.config.json'), 'utf8')).toContain('"guards"');
  });

  it('a project with no runner-like class: the guard rule is off and init says so, the config still scans', () => {
    const dir = copySample();
    fs.rmSync(path.join(dir, 'src/pipeline/pipeline-driver.ts'));
    for (const file of ['src/reports/report-service.ts', 'src/web/export-route.ts']) fs.rmSync(path.join(dir, file));
    fs.writeFileSync(path.join(dir, 'src/main.ts'), 'export {};\n');
    const init = runScanner(['init'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('no-direct-plugin-run is off');
    expect(loadConfigFile(path.join(dir, 'execution-governance.config.json')).rules['no-direct-plugin-run']).toBe('off');
    expect(runScanner([], dir).code).not.toBe(2);
  });
});
