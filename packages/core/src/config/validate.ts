import type { z } from 'zod';
import { configSchema, type Severity } from './schema.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { RULE_IDS, type RuleId } from '../rule-ids.js';

/** One problem in a config: where (a JSON path such as `$.guards[0].type`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * A config that failed validation (`kind` "invalid"), or that names types, members, files or
 * states the program does not have (`kind` "mismatch"). `source` names the file (or "rule options").
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  readonly source: string;
  readonly kind: 'invalid' | 'mismatch';
  constructor(source: string, issues: readonly ConfigIssue[], kind: 'invalid' | 'mismatch' = 'invalid') {
    const what = kind === 'invalid' ? 'Invalid execution-governance config' : 'execution-governance config does not match the program';
    super(`${what} (${source}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
    this.kind = kind;
  }
}

/** The config after parsing (before defaults), as the one schema infers it. */
type Parsed = z.output<typeof configSchema>;

/** The sections a config file may leave to the defaults; only written ones are checked against the program. */
export const CHECKED_SECTIONS = ['guards', 'layers', 'shared', 'runner', 'lifecycle'] as const;
export type CheckedSection = (typeof CHECKED_SECTIONS)[number];

/** Readonly all the way down. */
type DeepReadonly<T> = T extends (infer E)[] ? ReadonlyArray<DeepReadonly<E>> : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/**
 * A validated config with every default applied; frozen. Paths are relative to `configDir`.
 * Inferred from the schema: every section is required, `rules` holds one severity per rule id.
 */
export type ResolvedConfig = DeepReadonly<
  Required<Omit<Parsed, '$schema' | 'rules'>> & {
    configFile: string | null;
    configDir: string;
    rules: Record<RuleId, Severity>;
    reportUntyped: boolean;
    reportPresenceChecks: boolean;
    /** The sections written in the config (or rule options), not taken from the defaults. */
    explicit: CheckedSection[];
  }
>;

/** A guard as rules see it (resolved, readonly). */
export type ResolvedGuard = ResolvedConfig['guards'][number];

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates a raw config object (parsed JSON or rule options), applies defaults per top-level
 * key, and returns it frozen. Throws a ConfigError listing every problem with its JSON path.
 */
export function resolveConfig(
  raw: unknown,
  { configFile, configDir, source, explicit: given }: { configFile: string | null; configDir: string; source?: string; explicit?: readonly CheckedSection[] },
): ResolvedConfig {
  // Only a missing config means the defaults: a file holding `null` is as wrong as one holding `[]`.
  const parsed = configSchema.safeParse(raw === undefined ? {} : raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
    throw new ConfigError(source ?? configFile ?? 'config', issues);
  }
  const config = parsed.data;
  const rules = { ...DEFAULT_CONFIG.rules, ...config.rules };
  const severities = Object.fromEntries(RULE_IDS.map((id) => [id, rules[id]])) as Record<RuleId, Severity>;
  const resolved: ResolvedConfig = {
    configFile,
    configDir,
    include: config.include ?? DEFAULT_CONFIG.include,
    exclude: config.exclude ?? DEFAULT_CONFIG.exclude,
    guards: config.guards ?? DEFAULT_CONFIG.guards,
    layers: config.layers ?? DEFAULT_CONFIG.layers,
    shared: config.shared ?? DEFAULT_CONFIG.shared,
    runner: config.runner ?? DEFAULT_CONFIG.runner,
    lifecycle: config.lifecycle ?? DEFAULT_CONFIG.lifecycle,
    rules: severities,
    reportUntyped: rules.reportUntyped,
    reportPresenceChecks: rules.reportPresenceChecks,
    configChecks: config.configChecks ?? DEFAULT_CONFIG.configChecks,
    // Overrides spell every section out, so they say which ones were written (see applyOverrides).
    explicit: given ? [...given] : CHECKED_SECTIONS.filter((section) => config[section] !== undefined),
  };
  return deepFreeze(resolved);
}
