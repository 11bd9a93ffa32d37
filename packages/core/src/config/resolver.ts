import * as path from 'node:path';
import { createBatchMemo } from '../host/batch.js';
import type { AnalyzerHost } from '../host/host.js';
import { CONFIG_FILE_NAME, defaultConfig, parseConfigText, unreadableConfigError } from './load.js';
import { ConfigError, type ResolvedConfig } from './validate.js';

/** Which config applies to each file, decided in one place for every front end. */
export interface ConfigResolver {
  /**
   * The config for `fileName`: the explicit file when one was given (the CLI's `--config`), else
   * the nearest `execution-governance.config.json` above the file, else the defaults anchored at
   * `defaultsDir`. Throws ConfigError when that config is invalid.
   */
  configFor(fileName: string): ResolvedConfig;
}

export interface ConfigResolverOptions {
  host: AnalyzerHost;
  /** A config file that applies to every file, overriding the upward search. */
  configFile?: string | undefined;
  /** Where the defaults are anchored when no config file is found (the working directory). */
  defaultsDir: string;
}

type Parsed = { text: string; config: ResolvedConfig } | { text: string; error: ConfigError };

/**
 * A resolver whose answers stay fresh for long-lived processes (editors, watch mode): the file
 * system is asked again on every macrotask, while a synchronous batch (one file's rules in ESLint,
 * a whole CLI scan) asks it once per directory. A config is re-parsed only when its text changed,
 * so an unchanged config keeps its identity, and with it every cache keyed on it.
 */
export function createConfigResolver({ host, configFile, defaultsDir }: ConfigResolverOptions): ConfigResolver {
  const parsedByPath = new Map<string, Parsed>();
  const defaults = defaultConfig(defaultsDir);
  // Answers for the current batch only; cleared when the event loop turns.
  const batch = createBatchMemo();
  const readText = (file: string): string | undefined => batch.get(`text\u0000${file}`, () => host.readFile(file));
  const nearest = (dir: string): string | null =>
    batch.get(`nearest\u0000${dir}`, () => {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      const parent = path.dirname(dir);
      return host.fileExists(candidate) ? candidate : parent === dir ? null : nearest(parent);
    });

  const load = (file: string): ResolvedConfig => {
    const text = readText(file);
    if (text === undefined) throw unreadableConfigError(file, host);
    let parsed = parsedByPath.get(file);
    if (!parsed || parsed.text !== text) {
      try {
        parsed = { text, config: parseConfigText(file, text) };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        parsed = { text, error };
      }
      parsedByPath.set(file, parsed);
    }
    if ('error' in parsed) throw parsed.error;
    return parsed.config;
  };

  const explicit = configFile === undefined ? undefined : path.resolve(defaultsDir, configFile);
  return {
    configFor(fileName) {
      if (explicit) return load(explicit);
      const found = nearest(path.dirname(path.resolve(fileName)));
      return found ? load(found) : defaults;
    },
  };
}
