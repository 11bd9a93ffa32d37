import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { ScanOptions } from '../../src/args.js';
import { run, type ExitCode } from '../../src/run.js';

/** What one run() printed and returned. */
/** The built CLI, as the package's `bin` names it (bundled by scripts/build/bundle.ts). */
export const SCANNER_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/bin.js');

export interface RunOutcome {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a process of its own, without waiting on it; resolves with what it printed. */
export function spawnScanner(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCANNER_BIN, ...args], options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI in-process with captured streams. */
export function runScanner(input: readonly string[] | ScanOptions, cwd: string): RunOutcome {
  let stdout = '';
  let stderr = '';
  const code = run(input, {
    cwd,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** Writes `files` (path → content; objects become JSON) into a fresh temp dir and returns it. */
export function writeProject(files: Readonly<Record<string, string | object>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-scanner-')));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

/** Removes a temp dir made by writeProject. */
/** A `project(files)` maker for one test file: every folder it writes is removed after each test. */
export function tempProjects(): (files: Readonly<Record<string, string | object>>) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) removeProject(dir);
  });
  return (files) => {
    const dir = writeProject(files);
    made.push(dir);
    return dir;
  };
}

export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Compiler options that need nothing installed (no @types, bundled lib). */
export const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** A tsconfig over `include` with the options above, plus `extra` compiler options. */
export function tsconfig(include: string[] = ['src'], extra: Record<string, unknown> = {}): object {
  return { compilerOptions: { ...COMPILER_OPTIONS, ...extra }, include };
}

/**
 * Only no-direct-plugin-run stays on: these tests are about the CLI, so the small projects
 * below need not satisfy the layer, runner and lifecycle rules.
 */
export const ONLY_PLUGIN_RUN = {
  rules: { 'no-layer-bypass': 'off', 'tool-runner-invariants': 'off', 'valid-lifecycle-states': 'off' },
};

/** The guarded type, where the default config looks for it. */
export const PLUGIN_FILE = `export interface Plugin {
  readonly id: string;
  run(input: unknown): Promise<unknown>;
}
`;

/** A type of its own with a `run` member: a call through it is no finding (`src/services/` beside `src/plugins/plugin.ts`). */
export const WORKER_PLAIN = `export interface Worker {\n  run(input: unknown): Promise<unknown>;\n}\n`;

/** The same name made the guarded type: a call through it becomes a finding. */
export const WORKER_PLUGIN = `import type { Plugin } from '../plugins/plugin.js';\nexport type Worker = Plugin;\n`;

/**
 * Two files TypeScript runs out of stack on (20,000 levels): far past the limit in any state of
 * the JIT. A file just past it in one scan may fit in the next once TypeScript's code is
 * optimised (smaller frames), so a borderline file would make a test depend on what ran before it.
 */
export function deeplyNestedFiles(): Record<string, string> {
  const depth = 20_000;
  return {
    'src/deep/parens.ts': `export const v = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`,
    'src/deep/unary.ts': `export const v = ${'!'.repeat(depth)}1;\n`,
  };
}

/** The one sanctioned caller, where the default config allows it. */
export const TOOL_RUNNER_FILE = `import type { Plugin } from '../plugin';

export class ToolRunner {
  async run(plugin: Plugin, input: unknown): Promise<unknown> {
    return plugin.run(input);
  }
}
`;

/** A service going through the runner: clean. */
export const CLEAN_SERVICE_FILE = `import type { Plugin } from '../plugins/plugin';
import { ToolRunner } from '../plugins/runtime/tool-runner';

export function execute(plugin: Plugin, input: unknown): Promise<unknown> {
  return new ToolRunner().run(plugin, input);
}
`;

/** A clean project with its config: the base every test plants into. */
export function cleanProjectFiles(): Record<string, string | object> {
  return {
    'tsconfig.json': tsconfig(),
    'execution-governance.config.json': ONLY_PLUGIN_RUN,
    'src/plugins/plugin.ts': PLUGIN_FILE,
    'src/plugins/runtime/tool-runner.ts': TOOL_RUNNER_FILE,
    'src/services/execute.ts': CLEAN_SERVICE_FILE,
  };
}

/** A service calling plugin.run directly on line 4: one no-direct-plugin-run finding. */
export const VIOLATING_SERVICE_FILE = `import type { Plugin } from '../plugins/plugin';

export function bypass(plugin: Plugin, input: unknown): Promise<unknown> {
  return plugin.run(input);
}
`;
