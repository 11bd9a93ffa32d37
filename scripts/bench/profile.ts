import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FILES, REPO_ROOT, generateProject } from './generate.js';
import { profileTool } from './profile-run.js';
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
  const { wallSeconds, profileFile, summary, split } = profileTool(tool, path.join(benchDir, 'cpuprofiles', toolId));
  process.stdout.write(`${tool.label} on ${files} files: ${wallSeconds.toFixed(2)} s wall under the profiler\n`);
  process.stdout.write(`profile: ${path.relative(REPO_ROOT, profileFile)}\n\nsplit:\n`);
  for (const row of split) process.stdout.write(`  ${row.seconds.toFixed(2).padStart(7)} s ${(100 * row.share).toFixed(1).padStart(5)}%  ${row.part}\n`);
  process.stdout.write(`\n${summary}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
