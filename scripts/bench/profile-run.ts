import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { profileSplit, summarizeProfile, totalsOf, type CpuProfile, type SplitRow } from './profile-summary.js';
import type { Tool } from './tools.js';

export interface ProfiledRun {
  wallSeconds: number;
  profileFile: string;
  summary: string;
  split: SplitRow[];
}

/**
 * Runs a measured tool once under `node --cpu-prof` (never timed with the others: the profiler
 * slows it down) and summarizes where its CPU time went.
 */
export function profileTool(tool: Tool, profileDir: string): ProfiledRun {
  if (!tool.command) throw new Error(`${tool.label} is not available: ${tool.unavailable ?? ''}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profileDir, ...tool.command.args], {
    cwd: tool.command.cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!tool.okExits.includes(child.status ?? -1)) throw new Error(`${tool.label} exited ${child.status}: ${child.stderr.slice(0, 500)}`);
  const name = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no .cpuprofile written in ${profileDir}`);
  const profileFile = path.join(profileDir, name);
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  return { wallSeconds, profileFile, summary: summarizeProfile(profile), split: profileSplit(totalsOf(profile)) };
}
