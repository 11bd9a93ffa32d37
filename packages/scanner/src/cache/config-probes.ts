import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '@execgov/core/files';
import { hashText, readText } from './probes.js';

/** Candidate config files and their content hash (null: absent). */
export type ConfigProbes = Record<string, string | null>;

/**
 * Records the config lookup of `fileName` as the analyzer does it: the explicit `--config`, or
 * each `execution-governance.config.json` from the file's directory up to the first that exists.
 * A file's findings stay valid while every candidate on its chain answers the same.
 */
export function recordConfigChain(probes: ConfigProbes, fileName: string, explicit: string | undefined): void {
  recordConfigLookup(probes, path.dirname(fileName), explicit);
}

/** Records the config lookup that starts in `dir` (as for a file in it, or for the working directory). */
export function recordConfigLookup(probes: ConfigProbes, dir: string, explicit: string | undefined): void {
  for (const candidate of configChain(dir, explicit)) {
    if (candidate in probes) {
      if (probes[candidate] !== null) return;
      continue;
    }
    const text = readText(candidate);
    probes[candidate] = text === null ? null : hashText(text);
    if (text !== null) return;
  }
}

/** The candidates the lookup starting in `start` may ask, nearest first. */
function* configChain(start: string, explicit: string | undefined): Generator<string> {
  if (explicit !== undefined) {
    yield explicit;
    return;
  }
  for (let dir = start; ; dir = path.dirname(dir)) {
    yield path.join(dir, CONFIG_FILE_NAME);
    if (path.dirname(dir) === dir) return;
  }
}

/** Candidates whose answer changed since they were recorded. */
export function changedConfigs(probes: ConfigProbes): Set<string> {
  const changed = new Set<string>();
  for (const [candidate, recorded] of Object.entries(probes)) {
    const text = readText(candidate);
    if ((text === null ? null : hashText(text)) !== recorded) changed.add(candidate);
  }
  return changed;
}

/** True when the config lookup of `fileName` passes a changed candidate before (or at) the one it used. */
export function configChanged(fileName: string, usedConfig: string | null, changed: ReadonlySet<string>, explicit: string | undefined): boolean {
  if (changed.size === 0) return false;
  return lookupChanged(path.dirname(fileName), usedConfig, changed, explicit);
}

/** True when the config lookup starting in `dir` passes a changed candidate before (or at) the one it found. */
export function lookupChanged(dir: string, usedConfig: string | null, changed: ReadonlySet<string>, explicit: string | undefined): boolean {
  if (changed.size === 0) return false;
  for (const candidate of configChain(dir, explicit)) {
    if (changed.has(candidate)) return true;
    if (candidate === usedConfig) return false;
  }
  return false;
}
