import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Module, createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** A CommonJS module loaded through a V8 code cache, and how to keep that cache up to date. */
export interface CodeCachedModule<T> {
  exports: T;
  /** Whether V8 accepted the cached code (false: none yet, stale, or rejected). */
  accepted: boolean;
  /** Writes the code compiled so far (call it after the work, so lazily compiled functions are in it); a no-op when the cache was accepted. */
  save(): void;
}

/** The CommonJS wrapper, as Node's loader puts it around a module's source. */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;

/**
 * What the cached code was compiled from and for: V8 checks its own version and flags and the
 * source's length, and rejects a mismatch; the file's path, size and mtime and Node's version
 * and architecture also decide here, so a cache for another TypeScript is never even offered.
 */
function cacheKeyOf(file: string, stat: fs.Stats): string {
  return createHash('sha1').update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.versions.v8}\0${process.arch}`).digest('hex');
}

function checksumOf(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The cached code when the file holds one for `key` and is whole. V8 checks only its version,
 * flags, the source's length and the data's length before running the code (its checksum is
 * verified in debug builds only), so a bit flipped inside would run as bytecode: the file
 * carries our own checksum of the data, and a file that fails it is never handed to V8.
 */
function readCachedData(cacheFile: string, key: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const end = file.indexOf(0x0a);
  if (end === -1) return undefined;
  const [fileKey, checksum] = file.toString('latin1', 0, end).split(' ');
  const data = file.subarray(end + 1);
  return fileKey === key && data.length > 0 && checksum === checksumOf(data) ? data : undefined;
}

/**
 * Loads the CommonJS file `specifier` resolves to (from `from`) as Node's loader would, but
 * compiled with V8's code cache kept in `cacheFile`: compiling TypeScript's 9 MB file and the
 * functions a scan calls costs a warm scan more than re-analysing a changed file. A missing,
 * stale, damaged or rejected cache only means a normal compile (and a new cache on `save`).
 * The module lands in the require cache, so every later `require` gets this same instance.
 */
export function requireWithCodeCache<T>(from: string, specifier: string, cacheFile: string): CodeCachedModule<T> {
  const requireFrom = createRequire(from);
  const file = requireFrom.resolve(specifier);
  const loaded = requireFrom.cache[file];
  if (loaded?.loaded) return { exports: loaded.exports as T, accepted: true, save: () => undefined };

  const stat = fs.statSync(file);
  const key = cacheKeyOf(file, stat);
  const cachedData = readCachedData(cacheFile, key);
  const source = fs.readFileSync(file, 'utf8');
  let script: vm.Script;
  try {
    script = new vm.Script(`${WRAPPER[0]}${source}${WRAPPER[1]}`, { filename: file, cachedData });
  } catch {
    // Not a CommonJS script (a future ES-module-only build, say): Node's own loader knows what to do.
    return { exports: requireFrom(specifier) as T, accepted: true, save: () => undefined };
  }
  const accepted = cachedData !== undefined && !script.cachedDataRejected;

  const requireInModule = createRequire(file);
  const module = new Module(file);
  module.filename = file;
  module.paths = requireInModule.resolve.paths('typescript') ?? [];
  requireFrom.cache[file] = module;
  try {
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
    wrapper.call(module.exports, module.exports, requireInModule, module, file, path.dirname(file));
  } catch (error) {
    delete requireFrom.cache[file];
    throw error;
  }
  module.loaded = true;

  return {
    exports: module.exports as T,
    accepted,
    save() {
      if (accepted) return;
      const temporary = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const data = script.createCachedData();
        fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${key} ${checksumOf(data)}\n`, 'latin1'), data]));
        fs.renameSync(temporary, cacheFile);
      } catch {
        // Only a speed-up: the next scan compiles as usual.
        fs.rmSync(temporary, { force: true });
      }
    },
  };
}

/** A CommonJS module loaded on first use (`get`), through a V8 code cache once `useCodeCache` names one. */
export interface LazyModule<T> {
  get(): T;
  /** Sets the code cache file (a `--cache` scan: where the user lets us keep state); returns the function that writes it after the scan. */
  useCodeCache(file: string): () => void;
}

/**
 * `specifier` resolved from `from`, loaded when first asked for. With `codeCache: false` (an ES
 * module, which V8's script cache cannot hold) it is always a plain `require`.
 */
export function lazyModule<T>(from: string, specifier: string, { codeCache = true }: { codeCache?: boolean } = {}): LazyModule<T> {
  let loaded: { exports: T } | undefined;
  let cache: { file: string; save?: () => void } | undefined;
  return {
    get() {
      if (loaded) return loaded.exports;
      if (cache && codeCache) {
        const module = requireWithCodeCache<T>(from, specifier, cache.file);
        cache.save = module.save;
        loaded = { exports: module.exports };
      } else {
        loaded = { exports: createRequire(from)(specifier) as T };
      }
      return loaded.exports;
    },
    useCodeCache(file) {
      cache = { file };
      return () => cache?.save?.();
    },
  };
}
