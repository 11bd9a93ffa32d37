import * as path from 'node:path';
import type { FileImport } from './inspect.js';

/** A proposed layer, top first, with why it sits where it does. */
export interface ProposedLayer {
  name: string;
  glob: string;
  reason: string;
}

/** Layers from the folder structure plus the folders left out, with reasons. */
export interface LayerProposal {
  layers: ProposedLayer[];
  skipped: string[];
  /** Folders every layer may use (globs): bottom folders imported across levels (utilities). */
  sharedFolders: string[];
}

function toPosix(file: string): string {
  return file.replace(/\\/g, '/');
}

/** Folder names that by convention hold code every part of a project uses. */
const UTILITY_NAME = /^(utils?|libs?|shared|common|helpers?|support|types|constants)$/i;

/** The deepest directory holding every file (e.g. `<root>/src`). */
export function sourceRoot(files: readonly string[]): string {
  if (files.length === 0) return '';
  let root = path.dirname(files[0] as string);
  for (const file of files) {
    while (root !== path.dirname(root) && !file.startsWith(root + path.sep)) root = path.dirname(root);
  }
  return root;
}

/**
 * Layers from the top-level folders under the source root, ordered by their value imports: a
 * folder that imports another sits above it. A cycle keeps its stronger direction (more imports);
 * a folder's depth is its longest import path down to a folder importing none. Folders with no
 * import to or from another folder are left out: nothing says where they belong.
 */
export function proposeLayers(files: readonly string[], imports: readonly FileImport[], shared: ReadonlySet<string>, configDir: string): LayerProposal {
  const root = sourceRoot(files);
  const folderOf = (file: string): string | undefined => {
    const relative = path.relative(root, file).split(path.sep);
    return relative.length > 1 ? relative[0] : undefined;
  };
  const folders = [...new Set(files.map(folderOf).filter((f): f is string => f !== undefined))].sort();
  const counts = new Map<string, number>();
  for (const { from, to } of imports) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (!a || !b || a === b || shared.has(to)) continue;
    counts.set(`${a}>${b}`, (counts.get(`${a}>${b}`) ?? 0) + 1);
  }
  const edges = new Map<string, Set<string>>(folders.map((f) => [f, new Set<string>()]));
  for (const [key, count] of counts) {
    const [a, b] = key.split('>') as [string, string];
    const back = counts.get(`${b}>${a}`) ?? 0;
    if (count > back || (count === back && a < b)) edges.get(a)?.add(b);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (folder: string): number => {
    const known = depth.get(folder);
    if (known !== undefined) return known;
    if (visiting.has(folder)) return 0;
    visiting.add(folder);
    const value = Math.max(0, ...[...(edges.get(folder) ?? [])].map((next) => depthOf(next) + 1));
    visiting.delete(folder);
    depth.set(folder, value);
    return value;
  };
  const connected = (folder: string) => (edges.get(folder)?.size ?? 0) > 0 || [...edges.values()].some((targets) => targets.has(folder));
  const rootGlob = toPosix(path.relative(configDir, root));
  const globOf = (folder: string) => `${rootGlob ? `${rootGlob}/` : ''}${folder}/**`;
  // Each layer may use only itself and the next one down. A bottom folder imported across levels
  // that three or more folders import, or named like one (util, lib, common…), is a utility:
  // shared, not the lowest layer. Any other stays a layer, and what skips it is what the scan reports.
  const sharedFolderSet = new Set<string>();
  let kept: string[] = [];
  for (;;) {
    depth.clear();
    for (const folder of sharedFolderSet) edges.delete(folder);
    for (const targets of edges.values()) for (const folder of sharedFolderSet) targets.delete(folder);
    kept = folders.filter((folder) => !sharedFolderSet.has(folder) && connected(folder)).sort((a, b) => depthOf(b) - depthOf(a) || (a < b ? -1 : 1));
    const index = new Map(kept.map((folder, i) => [folder, i]));
    const importers = new Map<string, Set<string>>();
    let crosses = false;
    for (const key of counts.keys()) {
      const [a, b] = key.split('>') as [string, string];
      if (!index.has(a) || !index.has(b)) continue;
      importers.set(b, (importers.get(b) ?? new Set()).add(a));
      if (index.get(b) !== index.get(a)! + 1) crosses = true;
    }
    const utilities = crosses
      ? kept.filter((folder) => (edges.get(folder)?.size ?? 0) === 0 && ((importers.get(folder)?.size ?? 0) >= 3 || UTILITY_NAME.test(folder)))
      : [];
    if (utilities.length === 0) break;
    for (const folder of utilities) sharedFolderSet.add(folder);
  }
  const layers: ProposedLayer[] = kept.map((folder) => {
    const below = [...(edges.get(folder) ?? [])].sort();
    const imported = below.map((b) => `${b} (${counts.get(`${folder}>${b}`)} import${counts.get(`${folder}>${b}`) === 1 ? '' : 's'})`);
    return {
      name: folder,
      glob: globOf(folder),
      reason: below.length > 0 ? `imports ${imported.join(', ')}` : 'imports no other layer: the bottom',
    };
  });
  return {
    layers,
    skipped: folders.filter((folder) => !sharedFolderSet.has(folder) && !connected(folder)),
    sharedFolders: [...sharedFolderSet].sort().map(globOf),
  };
}
