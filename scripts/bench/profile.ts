import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FILES, REPO_ROOT, generateProject } from './generate.js';
import { summarizeProfile, type CpuProfile } from './profile-summary.js';
import { defineTools, type ToolId } from './tools.js';

/**
 * Where does a tool's time go? Runs one measured tool once under `node --cpu-prof` on the bench
 * project and prints time by phase, by rule and checker call, and the hottest functions.
 * Usage: node --import tsx scripts/bench/profile.ts [--files N] [--tool scanner|eslint-governance|eslint-typed|tsc]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { files: { type: 'string' }, tool: { type: 'string' } } });
  const files = values.files === undefined ? DEFAULT_FILES : Number(values.files);
  const toolId = (values.tool ?? 'scanner') as ToolId;
  // Its own directory: a bench running meanwhile keeps its project and ESLint configs intact.
  const benchDir = path.join(REPO_ROOT, '.bench', 'profile');
  const project = generateProject({ files, outDir: path.join(benchDir, `project-${files}`) });
  const tool = (await defineTools(project, benchDir)).find((t) => t.id === toolId);
  if (!tool) throw new Error(`unknown --tool ${toolId}`);
  if (!tool.command) throw new Error(`${tool.label} is not available: ${tool.unavailable ?? ''}`);

  const profileDir = path.join(benchDir, 'cpuprofiles', toolId);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profileDir, ...tool.command.args], {
    cwd: tool.command.cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (!tool.okExits.includes(child.status ?? -1)) throw new Error(`${tool.label} exited ${child.status}: ${child.stderr.slice(0, 500)}`);
  const [profileFile] = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
  if (!profileFile) throw new Error(`no .cpuprofile written in ${profileDir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(profileDir, profileFile), 'utf8')) as CpuProfile;
  process.stdout.write(`${tool.label} on ${files} files: ${wall.toFixed(2)} s wall under the profiler\nprofile: ${path.relative(REPO_ROOT, path.join(profileDir, profileFile))}\n\n`);
  process.stdout.write(`${summarizeProfile(profile)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
