import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What one file-system question answered when a program or a tsconfig was built: module
 * resolution and tsconfig parsing are pure functions of these answers (and the options), so
 * while every recorded answer is still the same, so is every resolution and every file list.
 * `text`: content hash or null (absent); `file` / `dir`: exists; `real`: realpath; `list`:
 * hash of a directory's entries.
 */
export type Probe = { kind: 'text'; value: string | null } | { kind: 'file' | 'dir'; value: boolean } | { kind: 'real' | 'list'; value: string | null };

/** Probes by path and kind (`kind:path`), so the same path asked two ways keeps both answers. */
export type ProbeTable = Record<string, Probe>;

/** Content hash used everywhere in the cache (files, configs, probes). */
export function hashText(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** A file's text as TypeScript reads it (UTF-8, byte-order mark dropped), or null. */
export function readText(file: string): string | null {
  try {
    // Most candidates asked about (config files up the tree) are absent: a stat says so without the cost of a thrown ENOENT.
    if (fs.statSync(file, { throwIfNoEntry: false }) === undefined) return null;
    const text = fs.readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** As `ts.sys.realpath`: a path that cannot be resolved stands for itself. */
function realpathOf(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

/** Entries of a directory with their kinds, hashed; null when it cannot be listed. */
export function listingHash(dir: string): string | null {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).map((entry) => `${entry.name}\0${entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : 'o'}`);
    return hashText(entries.sort().join('\n'));
  } catch {
    return null;
  }
}

/** The answer a probe would get now. */
function ask(kind: Probe['kind'], file: string): Probe {
  switch (kind) {
    case 'text': {
      const text = readText(file);
      return { kind, value: text === null ? null : hashText(text) };
    }
    case 'file':
      return { kind, value: isFile(file) };
    case 'dir':
      return { kind, value: isDirectory(file) };
    case 'real':
      return { kind, value: realpathOf(file) };
    case 'list':
      return { kind, value: listingHash(file) };
  }
}

/** The first recorded probe whose answer changed, as `kind:path`, or undefined when none did. */
export function firstChangedProbe(table: ProbeTable): string | undefined {
  for (const [key, recorded] of Object.entries(table)) {
    const file = key.slice(key.indexOf(':') + 1);
    if (ask(recorded.kind, file).value !== recorded.value) return key;
  }
  return undefined;
}

/** Directories TypeScript's include globs never enter unless named explicitly. */
const SKIPPED_DIRS = new Set(['node_modules', 'bower_components', 'jspm_packages']);

/**
 * Records the listing of `root` and every directory below it that an include glob can reach, so
 * a file added, removed or renamed anywhere there changes a probe. Walks more than TypeScript
 * needs (excludes are ignored), which costs a few readdirs, never an answer.
 */
export function recordTree(table: ProbeTable, root: string, includes: readonly string[] | undefined): void {
  const named = (name: string) => (includes ?? []).some((spec) => spec.includes(name));
  const visit = (dir: string, depth: number): void => {
    const key = `list:${dir}`;
    if (key in table || depth > 64) return;
    table[key] = { kind: 'list', value: listingHash(dir) };
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      if ((SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')) && !named(entry.name)) continue;
      visit(path.join(dir, entry.name), depth + 1);
    }
  };
  visit(path.resolve(root), 0);
}

/** A probe recorder: wraps file-system functions so each answer they give is kept. */
export function createProbeRecorder(table: ProbeTable = {}) {
  const record = (kind: Probe['kind'], file: string, value: Probe['value']) => {
    (table as Record<string, Probe>)[`${kind}:${path.resolve(file)}`] = { kind, value } as Probe;
  };
  return {
    table,
    fileExists(inner: (file: string) => boolean) {
      return (file: string) => {
        const answer = inner(file);
        record('file', file, answer);
        return answer;
      };
    },
    directoryExists(inner: (dir: string) => boolean) {
      return (dir: string) => {
        const answer = inner(dir);
        record('dir', dir, answer);
        return answer;
      };
    },
    readFile(inner: (file: string) => string | undefined) {
      return (file: string) => {
        const text = inner(file);
        record('text', file, text === undefined ? null : hashText(text));
        return text;
      };
    },
    realpath(inner: (file: string) => string) {
      return (file: string) => {
        const answer = inner(file);
        record('real', file, answer);
        return answer;
      };
    },
    getDirectories(inner: (dir: string) => string[]) {
      return (dir: string) => {
        record('list', dir, listingHash(dir));
        return inner(dir);
      };
    },
  };
}

/** A probe recorder. */
export type ProbeRecorder = ReturnType<typeof createProbeRecorder>;
