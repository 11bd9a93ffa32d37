import type { ConfigInput } from './schema.js';
import { resolveConfig, type ResolvedConfig } from './validate.js';

/**
 * A config with `overrides` laid over it key by key (`rules` entry by entry), as ESLint rule
 * options override the file config. The merge is validated like any config file.
 */
export function applyOverrides(base: ResolvedConfig, overrides: ConfigInput, source: string): ResolvedConfig {
  if (Object.keys(overrides).length === 0) return base;
  const { configFile, configDir, reportUntyped, rules, ...keys } = base;
  const merged = { ...keys, ...overrides, rules: { ...rules, reportUntyped, ...overrides.rules } };
  return resolveConfig(merged, { configFile, configDir, source });
}
