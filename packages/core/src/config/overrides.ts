import type { ConfigInput } from './schema.js';
import { CHECKED_SECTIONS, resolveConfig, type ResolvedConfig } from './validate.js';

/**
 * A config with `overrides` laid over it key by key (`rules` entry by entry), as ESLint rule
 * options override the file config. The merge is validated like any config file.
 */
export function applyOverrides(base: ResolvedConfig, overrides: ConfigInput, source: string): ResolvedConfig {
  if (Object.keys(overrides).length === 0) return base;
  const { configFile, configDir, reportUntyped, reportPresenceChecks, rules, explicit, ...keys } = base;
  const merged = { ...keys, ...overrides, rules: { ...rules, reportUntyped, reportPresenceChecks, ...overrides.rules } };
  // The merge spells out every section; only those written in the file or the options are explicit.
  return resolveConfig(merged, { configFile, configDir, source, explicit: CHECKED_SECTIONS.filter((s) => explicit.includes(s) || overrides[s] !== undefined) });
}
