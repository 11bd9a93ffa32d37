import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  const profile = withOriginalSources(JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile);
  return { wallSeconds, profileFile, summary: summarizeProfile(profile), split: profileSplit(totalsOf(profile)) };
}

/**
 * The profile with each frame of a bundled file (the CLI's dist/bin.js and dist/core.cjs, see
 * scripts/build/bundle.ts) attributed to the source file its function comes from, read from the
 * bundle's source map: the split tells the rules apart by their files, which a bundle joins.
 * Frames of files without a map are left as they are.
 */
export function withOriginalSources(profile: CpuProfile): CpuProfile {
  const maps = new Map<string, { map: SourceMap; dir: string } | null>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      let found: { map: SourceMap; dir: string } | null = null;
      if (url.startsWith('file://')) {
        const file = fileURLToPath(url);
        const mapFile = `${file}.map`;
        if (fs.existsSync(mapFile))
          found = { map: new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]), dir: path.dirname(file) };
      }
      maps.set(url, found);
    }
    return maps.get(url);
  };
  return {
    ...profile,
    nodes: profile.nodes.map((node) => {
      const { url, lineNumber, columnNumber } = node.callFrame;
      const found = url && lineNumber !== undefined && lineNumber >= 0 ? mapOf(url) : undefined;
      if (!found) return node;
      const entry = found.map.findEntry(lineNumber!, columnNumber ?? 0) as { originalSource?: string };
      if (!entry.originalSource) return node;
      const original = entry.originalSource.startsWith('file://') ? entry.originalSource : pathToFileURL(path.resolve(found.dir, entry.originalSource)).href;
      return { ...node, callFrame: { ...node.callFrame, url: original } };
    }),
  };
}
