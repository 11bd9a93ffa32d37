import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '@execgov/core/files';
import { withDependencies, withDependents, type DependencyMap } from './graph.js';
import type { ProbeTable } from './probes.js';

/** Files changed since a git ref (absolute paths), from `--changed-since`. */
export interface ChangedFiles {
  ref: string;
  files: ReadonlySet<string>;
}

/** What a project's program told us: its dependency edges, global files, and what parsing and resolution read. */
export interface ScopeGraph {
  deps: DependencyMap;
  globals: Iterable<string>;
  planProbes: ProbeTable;
  probes: ProbeTable;
  explicitConfig: string | undefined;
  /** Files whose closure is not known yet (changed since the cache): kept in scope until it is. */
  stale?: ReadonlySet<string> | undefined;
}

function probedPaths(...tables: ProbeTable[]): Set<string> {
  const paths = new Set<string>();
  for (const table of tables) for (const key of Object.keys(table)) paths.add(key.slice(key.indexOf(':') + 1));
  return paths;
}

function isUnderDir(fileName: string, dir: string): boolean {
  return fileName.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/**
 * The files a `--changed-since` scan reports: those changed since the ref and those whose
 * dependency closure holds one; every file when the change can reach all of them (a global file
 * or its closure, a tsconfig or package.json that parsing or resolution read, the `--config`
 * file). A changed nested config brings in the files below it. Without `changed`: every file.
 */
export function changeScope(changed: ChangedFiles | undefined, graph: ScopeGraph): 'all' | Set<string> {
  if (!changed) return 'all';
  const globalClosure = withDependencies(graph.deps, graph.globals);
  let probed: Set<string> | undefined;
  const seeds = new Set<string>(graph.stale ?? []);
  const extra = new Set<string>();
  for (const file of changed.files) {
    if (path.basename(file) === CONFIG_FILE_NAME) {
      if (graph.explicitConfig !== undefined) {
        if (file === graph.explicitConfig) return 'all';
        continue;
      }
      for (const candidate of graph.deps.keys()) if (isUnderDir(candidate, path.dirname(file))) extra.add(candidate);
      continue;
    }
    if (graph.deps.has(file)) {
      if (globalClosure.has(file)) return 'all';
      seeds.add(file);
      continue;
    }
    probed ??= probedPaths(graph.planProbes, graph.probes);
    if (probed.has(file)) return 'all';
  }
  const scope = withDependents(graph.deps, seeds);
  for (const file of extra) scope.add(file);
  return scope;
}
