import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from './validate.js';
import { createGlobMatcher, toPosix } from '../paths.js';

/**
 * The files among `fileNames` that declare what `config` guards by type: each guard's `type.from`
 * and the lifecycle's (for the rules that read them). What such a file says decides what is
 * guarded in every file under the config, whether or not that file imports it: an incremental
 * scan re-analyses everything when one of them, or what it imports, changes.
 */
export function typeAnchors(config: ResolvedConfig, fileNames: readonly string[]): string[] {
  const on = (rule: keyof ResolvedConfig['rules']) => config.rules[rule] !== 'off';
  const globs: string[] = [];
  if (on('no-direct-plugin-run') || on('tool-runner-invariants')) {
    for (const guard of config.guards) if (guard.type.from !== undefined) globs.push(guard.type.from);
  }
  if (on('valid-lifecycle-states') && config.lifecycle.type.from !== undefined) globs.push(config.lifecycle.type.from);
  if (globs.length === 0) return [];
  // A `from` is most often a plain path: found by name, not by matching every file against it.
  const plain = globs.filter((glob) => !picomatch.scan(glob).isGlob);
  const patterns = globs.filter((glob) => picomatch.scan(glob).isGlob);
  const named = new Set(plain.map((glob) => toPosix(path.resolve(config.configDir, glob))));
  const matches = patterns.length > 0 ? createGlobMatcher(config.configDir) : undefined;
  return fileNames.filter((fileName) => named.has(toPosix(fileName)) || (matches !== undefined && matches(fileName, patterns)));
}
