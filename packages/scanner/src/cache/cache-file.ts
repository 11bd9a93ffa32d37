import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportedFinding } from '../result.js';
import type { ConfigCheck } from '../scan.js';
import type { ProbeTable } from './probes.js';

/** Marks a file as ours; a file without it is foreign and is never trusted. */
export const CACHE_KIND = 'execution-governance-scan-cache';
/** Bumped whenever the layout below changes; an older cache is then rebuilt. */
export const CACHE_FORMAT = 4;

/** What the cache knows of one file's content. */
export interface FileState {
  /** Content hash; null when the file could not be read. */
  hash: string | null;
  /** size, mtime, ctime when hashed; null when too recent to trust. */
  stat: [number, number, number] | null;
}

/** The cached analysis of one file. */
export interface FileResult {
  analyzed: boolean;
  /** The config file that applied; null for the defaults. */
  config: string | null;
  findings: ReportedFinding[];
}

/** What one tsconfig's programs told us. */
export interface ProjectRecord {
  tsconfig: string;
  optionsHash: string;
  /** Files that can change any file's types: libs, scripts, global and module augmentations. */
  globals: string[];
  /** Files that declare what a config guards by type (a guard's or the lifecycle's `from`): a change to one, or to what it imports, reaches every file. */
  anchors: string[];
  /** Direct dependencies of every file the programs held. */
  deps: Record<string, string[]>;
  results: Record<string, FileResult>;
  /**
   * Set on a record read from disk: every file it depends on has a recorded state. Lets a scan
   * that finds nothing changed use the record without reading its dependencies at all.
   */
  depsStated?: boolean;
  /**
   * What the programs said about each config that applied (its entries checked against them),
   * merged over scans: a warm scan's rooted program decides what it can and the rest stands.
   */
  checks: ConfigCheck[];
}

/** The whole cache, in memory (absolute paths everywhere). */
export interface ScanCache {
  kind: typeof CACHE_KIND;
  format: typeof CACHE_FORMAT;
  /** Tool, TypeScript, working directory and options: another key means start over. */
  key: string;
  /** What tsconfig parsing read (tsconfigs, extends, directory listings). */
  planProbes: ProbeTable;
  plans: { tsconfig: string; fileNames: string[] }[];
  /** What module resolution asked the file system. */
  probes: ProbeTable;
  /** Candidate config files and their content hash (null: absent). */
  configProbes: Record<string, string | null>;
  files: Record<string, FileState>;
  projects: ProjectRecord[];
  /** The config found from the working directory (null: the defaults); it validated when recorded. */
  rootConfig: string | null;
}

/**
 * The body as written: every path once in `paths`, referred to by index elsewhere (a 2,000-file
 * project repeats each absolute path dozens of times in its dependency lists). Probe tables are
 * small and keep their `kind:path` keys.
 */
interface StoredBody {
  paths: string[];
  planProbes: ProbeTable;
  plans: { tsconfig: number; fileNames: number[] }[];
  probes: ProbeTable;
  configProbes: Record<string, string | null>;
  /** By path index: [hash] or [hash, size, mtime, ctime]. */
  files: Record<string, [string | null] | [string | null, number, number, number]>;
  projects: {
    tsconfig: number;
    optionsHash: string;
    globals: number[];
    anchors: number[];
    deps: Record<string, number[]>;
    /** By path index: [analyzed (0/1), config path index or -1, findings]. */
    results: Record<string, [0 | 1, number, ReportedFinding[]]>;
    checks: ConfigCheck[];
  }[];
  rootConfig: string | null;
}

function encode(cache: ScanCache): StoredBody {
  const paths: string[] = [];
  const indexes = new Map<string, number>();
  const at = (file: string): number => {
    let index = indexes.get(file);
    if (index === undefined) {
      index = paths.push(file) - 1;
      indexes.set(file, index);
    }
    return index;
  };
  const files: StoredBody['files'] = {};
  for (const [file, state] of Object.entries(cache.files)) files[at(file)] = state.stat ? [state.hash, ...state.stat] : [state.hash];
  return {
    paths,
    planProbes: cache.planProbes,
    plans: cache.plans.map((plan) => ({ tsconfig: at(plan.tsconfig), fileNames: plan.fileNames.map(at) })),
    probes: cache.probes,
    configProbes: cache.configProbes,
    files,
    projects: cache.projects.map((project) => {
      const deps: Record<string, number[]> = {};
      for (const [from, targets] of Object.entries(project.deps)) deps[at(from)] = targets.map(at);
      const results: Record<string, [0 | 1, number, ReportedFinding[]]> = {};
      for (const [file, result] of Object.entries(project.results)) {
        results[at(file)] = [result.analyzed ? 1 : 0, result.config === null ? -1 : at(result.config), result.findings];
      }
      return {
        tsconfig: at(project.tsconfig),
        optionsHash: project.optionsHash,
        globals: project.globals.map(at),
        anchors: project.anchors.map(at),
        deps,
        results,
        checks: project.checks,
      };
    }),
    rootConfig: cache.rootConfig,
  };
}

function decode(key: string, body: StoredBody): ScanCache {
  const { paths } = body;
  const files: Record<string, FileState> = {};
  for (const index in body.files) {
    const [hash, size, mtime, ctime] = body.files[index]!;
    files[paths[Number(index)]!] = { hash, stat: size === undefined ? null : [size, mtime!, ctime!] };
  }
  return {
    kind: CACHE_KIND,
    format: CACHE_FORMAT,
    key,
    planProbes: body.planProbes,
    plans: body.plans.map((plan) => ({ tsconfig: paths[plan.tsconfig]!, fileNames: plan.fileNames.map((i) => paths[i]!) })),
    probes: body.probes,
    configProbes: body.configProbes,
    files,
    projects: body.projects.map((project) => {
      // Most of the body: turned into paths only when a scan reads them (one that finds nothing
      // changed reads the results it reports and never the dependencies).
      let deps: Record<string, string[]> | undefined;
      let results: Record<string, FileResult> | undefined;
      let depsStated = true;
      for (const from in project.deps) {
        for (const target of project.deps[from]!) {
          if (!(target in body.files)) depsStated = false;
        }
      }
      return {
        tsconfig: paths[project.tsconfig]!,
        optionsHash: project.optionsHash,
        globals: project.globals.map((i) => paths[i]!),
        anchors: project.anchors.map((i) => paths[i]!),
        get deps() {
          if (!deps) {
            deps = {};
            for (const from in project.deps) deps[paths[Number(from)]!] = project.deps[from]!.map((i) => paths[i]!);
          }
          return deps;
        },
        get results() {
          if (!results) {
            results = {};
            for (const file in project.results) {
              const [analyzed, config, findings] = project.results[file]!;
              results[paths[Number(file)]!] = { analyzed: analyzed === 1, config: config === -1 ? null : paths[config]!, findings };
            }
          }
          return results;
        },
        depsStated,
        checks: project.checks,
      };
    }),
    rootConfig: body.rootConfig,
  };
}

const DEFAULT_DIR = path.join('node_modules', '.cache', 'execution-governance');

/** Nearest directory at or above `cwd` holding a package.json (where node_modules/.cache belongs), else cwd. */
export function packageRoot(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}

/**
 * The cache file for one invocation. A directory (the default, under node_modules/.cache/, or a
 * `--cache-location` ending in a separator or naming a directory) holds one file per working
 * directory + projects + config, so scans with different settings never evict each other.
 */
export function cacheFilePath(cwd: string, location: string | undefined, invocation: string): string {
  const name = `scan-${createHash('sha1').update(invocation).digest('hex').slice(0, 16)}.json`;
  if (location === undefined) return path.join(packageRoot(cwd), DEFAULT_DIR, name);
  const given = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (fs.existsSync(given) && fs.statSync(given).isDirectory());
  return isDir ? path.join(given, name) : given;
}

/**
 * Where V8's code cache for TypeScript or the bundled core is kept: in the default cache directory
 * of the nearest package, whatever `--cache-location` says: it belongs to the Node, TypeScript and
 * scanner install, not to the scan (a `--cache-location` directory holds the scan cache alone),
 * and every scan of the package shares one.
 */
export function codeCacheFile(cwd: string, module: 'typescript' | 'core'): string {
  return path.join(packageRoot(cwd), DEFAULT_DIR, `${module}.v8-cache`);
}

function checksumOf(body: string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * The file is one JSON object whose header comes first, in this order, so it is read without
 * parsing the body: `{"kind":…,"format":…,"key":…,"checksum":…,"body":{…}}`. The checksum
 * covers the body's exact text, so a truncated, bit-flipped or hand-edited file is caught
 * before anything in it is trusted, with no validation pass over the body.
 */
const HEADER = /^\{"kind":"([^"\\]*)","format":(\d+),"key":"([^"\\]*)","checksum":"([^"\\]*)","body":/;

/** Why a file that does not start with our header is not used: for the note. */
function classify(text: string, key: string): 'corrupt' | 'foreign' | 'other-version' | 'damaged' {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'corrupt';
  }
  const header = raw as { kind?: unknown; format?: unknown; key?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.kind !== CACHE_KIND) return 'foreign';
  // Another format, tool version, TypeScript or setting: nothing in it applies.
  if (header.format !== CACHE_FORMAT || header.key !== key) return 'other-version';
  return 'damaged';
}

/**
 * Reads the cache for `key`. Returns undefined when there is none or it must be rebuilt; a file
 * that is corrupt, truncated or not ours is ignored with a note (never an error, never trusted).
 */
export function readCache(file: string, key: string, note: (message: string) => void): ScanCache | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const header = HEADER.exec(text);
  let why: ReturnType<typeof classify>;
  if (!header) why = classify(text, key);
  else if (header[1] !== CACHE_KIND) why = 'foreign';
  else if (Number(header[2]) !== CACHE_FORMAT || header[3] !== key) why = 'other-version';
  else {
    const body = text.slice(header[0].length, text.endsWith('}') ? -1 : undefined);
    if (checksumOf(body) === header[4]) {
      try {
        return decode(key, JSON.parse(body) as StoredBody);
      } catch {
        why = 'damaged';
      }
    } else why = classify(text, key) === 'corrupt' ? 'corrupt' : 'damaged';
  }
  switch (why) {
    case 'corrupt':
      note(`cache ${file} is corrupt or truncated (not JSON); ignoring it and rebuilding it (${path.basename(file)})`);
      break;
    case 'foreign':
      note(`cache ${file} is not a scan cache of this tool; ignoring it and overwriting it`);
      break;
    case 'damaged':
      note(`cache ${file} is damaged (its checksum does not match its content); ignoring it and rebuilding it`);
      break;
    case 'other-version':
      // Another format, tool version, TypeScript or setting: start over quietly.
      break;
  }
  return undefined;
}

/**
 * Writes the cache atomically: a temporary file beside it, then rename(2), so a reader (or a
 * second scan writing at the same time) sees the old file or a whole new one, never a mix.
 */
export function writeCache(file: string, cache: ScanCache, note: (message: string) => void): void {
  const body = JSON.stringify(encode(cache));
  const text = `{"kind":${JSON.stringify(CACHE_KIND)},"format":${CACHE_FORMAT},"key":${JSON.stringify(cache.key)},"checksum":"${checksumOf(body)}","body":${body}}`;
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    note(`cache ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next scan starts cold`);
  }
}
