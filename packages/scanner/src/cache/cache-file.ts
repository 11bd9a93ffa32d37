import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { reportedFindingSchema } from '../result.js';

/** Marks a file as ours; a file without it is foreign and is never trusted. */
export const CACHE_KIND = 'execution-governance-scan-cache';
/** Bumped whenever the layout below changes; an older cache is then rebuilt. */
export const CACHE_FORMAT = 1;

const probe = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), value: z.string().nullable() }),
  z.strictObject({ kind: z.enum(['file', 'dir']), value: z.boolean() }),
  z.strictObject({ kind: z.enum(['real', 'list']), value: z.string().nullable() }),
]);

const fileState = z.strictObject({
  hash: z.string().nullable().describe('Content hash; null when the file could not be read.'),
  stat: z.tuple([z.number(), z.number(), z.number()]).nullable().describe('size, mtime, ctime when hashed; null when too recent to trust.'),
});

const fileResult = z.strictObject({
  analyzed: z.boolean(),
  config: z.string().nullable().describe('The config file that applied; null for the defaults.'),
  findings: z.array(reportedFindingSchema),
});

const projectRecord = z.strictObject({
  tsconfig: z.string(),
  optionsHash: z.string(),
  globals: z.array(z.string()).describe("Files that can change any file's types: libs, scripts, global and module augmentations."),
  deps: z.record(z.string(), z.array(z.string())).describe('Direct dependencies of every file the programs held.'),
  results: z.record(z.string(), fileResult),
});

/** The whole cache file. */
export const cacheSchema = z.strictObject({
  kind: z.literal(CACHE_KIND),
  format: z.literal(CACHE_FORMAT),
  key: z.string().describe('Tool, TypeScript, working directory and options: another key means start over.'),
  planProbes: z.record(z.string(), probe).describe('What tsconfig parsing read (tsconfigs, extends, directory listings).'),
  plans: z.array(z.strictObject({ tsconfig: z.string(), fileNames: z.array(z.string()) })),
  probes: z.record(z.string(), probe).describe('What module resolution asked the file system.'),
  configProbes: z.record(z.string(), z.string().nullable()).describe('Candidate config files and their content hash (null: absent).'),
  files: z.record(z.string(), fileState),
  projects: z.array(projectRecord),
});

export type ScanCache = z.infer<typeof cacheSchema>;
export type FileState = z.infer<typeof fileState>;
export type FileResult = z.infer<typeof fileResult>;
export type ProjectRecord = z.infer<typeof projectRecord>;

const DEFAULT_DIR = path.join('node_modules', '.cache', 'execution-governance');

/** Nearest directory at or above `cwd` holding a package.json (where node_modules/.cache belongs), else cwd. */
function packageRoot(cwd: string): string {
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
  const shown = path.basename(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    note(`cache ${file} is corrupt or truncated (not JSON); ignoring it and rebuilding it (${shown})`);
    return undefined;
  }
  const header = raw as { kind?: unknown; format?: unknown; key?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.kind !== CACHE_KIND) {
    note(`cache ${file} is not a scan cache of this tool; ignoring it and overwriting it`);
    return undefined;
  }
  // Another format, tool version, TypeScript or setting: nothing in it applies, start over quietly.
  if (header.format !== CACHE_FORMAT || header.key !== key) return undefined;
  const parsed = cacheSchema.safeParse(raw);
  if (!parsed.success) {
    note(`cache ${file} is damaged (${parsed.error.issues[0]?.path.join('.') ?? '$'}: ${parsed.error.issues[0]?.message}); ignoring it and rebuilding it`);
    return undefined;
  }
  return parsed.data;
}

/**
 * Writes the cache atomically: a temporary file beside it, then rename(2), so a reader (or a
 * second scan writing at the same time) sees the old file or a whole new one, never a mix.
 */
export function writeCache(file: string, cache: ScanCache, note: (message: string) => void): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(cache));
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    note(`cache ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next scan starts cold`);
  }
}
