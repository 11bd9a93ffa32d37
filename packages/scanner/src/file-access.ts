import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TypeScriptModule } from '@execgov/core';
import type * as ts from 'typescript';
import { UnreadableFileError } from './errors.js';

/** errno codes of a path that exists but cannot be read as needed (ENOENT is "missing", reported elsewhere). */
const ACCESS_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'ELOOP', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG', 'EIO', 'EMFILE', 'ENFILE']);

const ACCESS_HINT = 'make it readable (and directories listable) by the user running the scan, or exclude it in the tsconfig';

const toPosix = (fileName: string) => fileName.replace(/\\/g, '/');

function describeCode(code: string): string {
  return code === 'EACCES' || code === 'EPERM' ? `permission denied, ${code}` : code;
}

/**
 * A file-system error raised while the scan read its inputs (by us, TypeScript or a loader), as
 * the known error it is: exit 2 naming the path, never a stack trace. Undefined for anything else.
 */
export function unreadablePathError(error: unknown, cwd: string): UnreadableFileError | undefined {
  const { code, path: at } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !ACCESS_CODES.has(code) || typeof at !== 'string') return undefined;
  return new UnreadableFileError(`${toPosix(path.relative(cwd, at)) || '.'} cannot be read (${describeCode(code)})`, ACCESS_HINT);
}

/** Directory names TypeScript never enters when it expands `include` (its default excludes). */
const NEVER_ENTERED: ReadonlySet<string> = new Set(['node_modules', 'bower_components', 'jspm_packages']);

/** Excluded directories as absolute path prefixes: plain paths and `dir/**` forms (other globs are not prefixes). */
function excludedPrefixes(parsed: ts.ParsedCommandLine, tsconfigDir: string): string[] {
  const raw = (parsed.raw as { exclude?: unknown } | undefined)?.exclude;
  const specs = Array.isArray(raw) ? raw.filter((spec): spec is string => typeof spec === 'string') : [];
  const outputs = [parsed.options.outDir, parsed.options.declarationDir].filter((dir): dir is string => typeof dir === 'string');
  return [
    ...specs.filter((spec) => !/[*?[{]/.test(spec.replace(/\/\*\*(\/\*)?$/, ''))).map((spec) => path.resolve(tsconfigDir, spec.replace(/\/\*\*(\/\*)?$/, ''))),
    ...outputs.map((dir) => path.resolve(tsconfigDir, dir)),
  ];
}

/**
 * TypeScript skips a directory it cannot list without a word, so its files would silently drop out
 * of the scan: the tsconfig's `include` directories are walked (as TypeScript walks them) and the
 * first one that cannot be listed stops the scan with its path.
 */
export function assertListableDirectories(tsm: TypeScriptModule, parsed: ts.ParsedCommandLine, tsconfig: string, cwd: string): void {
  const excluded = excludedPrefixes(parsed, path.dirname(tsconfig));
  const isExcluded = (dir: string) => excluded.some((prefix) => dir === prefix || dir.startsWith(prefix + path.sep));
  const pending = Object.entries(parsed.wildcardDirectories ?? {}).map(([dir, flags]) => ({
    dir: path.resolve(dir),
    recursive: (flags & tsm.WatchDirectoryFlags.Recursive) !== 0,
  }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(next.dir, { withFileTypes: true });
    } catch (error) {
      const unreadable = unreadablePathError(error, cwd);
      if (unreadable) throw unreadable;
      continue; // missing: `include` may name directories that do not exist
    }
    if (!next.recursive) continue;
    for (const entry of entries) {
      if (!entry.isDirectory() || NEVER_ENTERED.has(entry.name) || entry.name.startsWith('.')) continue;
      const child = path.join(next.dir, entry.name);
      if (!isExcluded(child)) pending.push({ dir: child, recursive: true });
    }
  }
}

/** Why a file the program needs is not in it: "does not exist", or the errno that kept it out. */
export function whyUnreadable(fileName: string): string {
  try {
    fs.accessSync(fileName, fs.constants.R_OK);
    return 'cannot be read';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === undefined ? 'does not exist' : `cannot be read (${describeCode(code)})`;
  }
}
