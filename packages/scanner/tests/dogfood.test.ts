import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEAN_LINE } from '../src/reporters/index.js';
import { removeProject, runScanner, writeProject } from './helpers/temp-project.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const runtimeDir = path.join(repoRoot, 'packages/runtime');
const SERVICE = 'src/services/execution/plugin-execution-service.ts';

// What `pnpm scan` runs, on a copy of packages/runtime: the untouched copy must pass, and one
// planted direct `plugin.run` in a service must fail it.
const ARGS = ['--project', 'packages/runtime/tsconfig.json', '--config', 'execution-governance.config.json'];

const PLANTED = `
import type { Plugin as PlantedPlugin } from '../../plugins/plugin.js';

/** Planted by the dogfood test: a service calling a plugin directly, skipping ToolRunner. */
export function plantedBypass(plugin: PlantedPlugin, payload: unknown): unknown {
  return plugin.run(payload, undefined as never);
}
`;

/** A copy of the runtime's sources and tsconfig (and what they extend) in a temp dir. */
function copyRuntime(): string {
  const dir = writeProject({});
  fs.copyFileSync(path.join(repoRoot, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
  fs.copyFileSync(path.join(repoRoot, 'execution-governance.config.json'), path.join(dir, 'execution-governance.config.json'));
  fs.cpSync(path.join(runtimeDir, 'src'), path.join(dir, 'packages/runtime/src'), { recursive: true });
  fs.copyFileSync(path.join(runtimeDir, 'tsconfig.json'), path.join(dir, 'packages/runtime/tsconfig.json'));
  // Dependencies (fastify, zod, @types/node) resolve from the real install.
  fs.symlinkSync(path.join(runtimeDir, 'node_modules'), path.join(dir, 'packages/runtime/node_modules'), 'dir');
  return dir;
}

describe('dogfood: the scanner on a copy of packages/runtime', () => {
  const made: string[] = [];
  const copy = () => {
    const dir = copyRuntime();
    made.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) removeProject(dir);
  });

  it('the runtime as committed is clean: exit 0 and the OK line', () => {
    const dir = copy();
    const { code, stdout, stderr } = runScanner(ARGS, dir);
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toBe(CLEAN_LINE);
    expect(code).toBe(0);
  });

  it('a planted plugin.run in a service fails the scan with no-direct-plugin-run on that line', () => {
    const dir = copy();
    const file = path.join(dir, 'packages/runtime', SERVICE);
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original + PLANTED);
    const plantedLine = (original + PLANTED).split('\n').findIndex((line) => line.includes('plugin.run(payload')) + 1;
    const { code, stdout } = runScanner(ARGS, dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^packages/runtime/${SERVICE.replace(/\./g, '\\.')}\\n  ${plantedLine}:\\d+ +error +.* {2}no-direct-plugin-run$`, 'm'));
    expect(stdout).not.toContain(CLEAN_LINE);
  });
});
