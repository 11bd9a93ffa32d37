import type { ResolvedConfig } from './validate.js';
import { createGlobMatcher } from '../paths.js';

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
  const matches = createGlobMatcher(config.configDir);
  return fileNames.filter((fileName) => matches(fileName, globs));
}
