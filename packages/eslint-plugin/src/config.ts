import * as path from 'node:path';
import { findConfigFile, loadConfigFile, resolveConfig, type ConfigInput, type ResolvedConfig } from '@execgov/core';

/**
 * The config for a linted file: the nearest `execution-governance.config.json` above it (the
 * same file the CLI reads), else the defaults anchored at ESLint's cwd (the CLI anchors them at
 * its cwd too). Throws ConfigError; the caller reports it.
 */
export function fileConfig(fileName: string, cwd: string): ResolvedConfig {
  const found = findConfigFile(path.dirname(fileName));
  if (found) return loadConfigFile(found);
  return resolveConfig({}, { configFile: null, configDir: cwd, source: 'defaults' });
}

/**
 * Rule options override the file config key by key (`rules` entry by entry). The merge is
 * re-validated by the core so options obey exactly what a config file obeys.
 */
export function withOptions(base: ResolvedConfig, options: ConfigInput, source: string): ResolvedConfig {
  if (Object.keys(options).length === 0) return base;
  const { configFile, configDir, reportUntyped, rules, ...keys } = base;
  const merged = { ...keys, ...options, rules: { ...rules, reportUntyped, ...options.rules } };
  return resolveConfig(merged, { configFile, configDir, source });
}
