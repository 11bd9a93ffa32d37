import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '@execgov/core';
import { hashText, readText } from './probes.js';

/** Candidate config files and their content hash (null: absent). */
export type ConfigProbes = Record<string, string | null>;

/**
 * Records the config lookup of `fileName` as the analyzer does it: the explicit `--config`, or
 * each `execution-governance.config.json` from the file's directory up to the first that exists.
 * A file's findings stay valid while every candidate on its chain answers the same.
 */
export function recordConfigChain(probes: ConfigProbes, fileName: string, explicit: string | undefined): void {
  for (const candidate of configChain(fileName, explicit)) {
    if (candidate in probes) {
      if (probes[candidate] !== null) return;
      continue;
    }
    const text = readText(candidate);
    probes[candidate] = text === null ? null : hashText(text);
    if (text !== null) return;
  }
}

/** The candidates the lookup for `fileName` may ask, nearest first. */
function* configChain(fileName: string, explicit: string | undefined): Generator<string> {
  if (explicit !== undefined) {
    yield explicit;
    return;
  }
  for (let dir = path.dirname(fileName); ; dir = path.dirname(dir)) {
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
  for (const candidate of configChain(fileName, explicit)) {
    if (changed.has(candidate)) return true;
    if (candidate === usedConfig) return false;
  }
  return false;
}
