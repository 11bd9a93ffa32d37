import * as fs from 'node:fs';
import type { FileState } from './cache-file.js';
import { hashText, readText } from './probes.js';

/** A file changed within this many ms of a scan may change again unseen within the clock's tick. */
const RACY_MS = 2000;

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The state to record for a file whose text TypeScript read during a scan that started at
 * `startedAt`. The stat is kept only when the file is older than the scan (minus a clock tick):
 * a file written during or just before the scan is re-hashed next time, as git does for
 * "racily clean" entries.
 */
export function recordState(file: string, text: string, startedAt: number): FileState {
  const stat = statOf(file);
  const settled = stat !== undefined && stat.mtimeMs < startedAt - RACY_MS && stat.ctimeMs < startedAt - RACY_MS;
  return { hash: hashText(text), stat: settled ? [stat.size, stat.mtimeMs, stat.ctimeMs] : null };
}

/** True when two states record the same hash and the same stat (or both no stat). */
export function sameState(a: FileState, b: FileState): boolean {
  return a.hash === b.hash && (a.stat === b.stat || (a.stat !== null && b.stat !== null && a.stat.every((value, i) => value === b.stat![i])));
}

/**
 * Whether the file's content differs from the recorded state (or it is gone), with the state to
 * record now. An unchanged size, mtime and ctime answer without reading; otherwise the content
 * hash decides, so a fresh checkout (new mtimes, same text) is still a hit, and its new stat is
 * kept for the next scan.
 */
export function checkState(file: string, recorded: FileState, startedAt: number): { changed: boolean; state: FileState } {
  const stat = statOf(file);
  if (!stat) return { changed: recorded.hash !== null, state: { hash: null, stat: null } };
  if (recorded.stat && stat.size === recorded.stat[0] && stat.mtimeMs === recorded.stat[1] && stat.ctimeMs === recorded.stat[2]) {
    return { changed: false, state: recorded };
  }
  const text = readText(file);
  if (text === null) return { changed: recorded.hash !== null, state: { hash: null, stat: null } };
  const state = recordState(file, text, startedAt);
  return { changed: state.hash !== recorded.hash, state };
}
