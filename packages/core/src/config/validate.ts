import { configSchema, type Guard, type Layer, type LifecycleConfig, type RunnerConfig, type Severity } from './schema.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { RULE_IDS, type RuleId } from '../rule-ids.js';

/** One problem in a config: where (a JSON path such as `$.guards[0].type`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** A config that failed validation. `source` names the file (or "rule options"). */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  readonly source: string;
  constructor(source: string, issues: readonly ConfigIssue[]) {
    super(`Invalid execution-governance config (${source}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
  }
}

/** A validated config with every default applied; frozen. Paths are relative to `configDir`. */
export interface ResolvedConfig {
  readonly configFile: string | null;
  readonly configDir: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly guards: readonly Guard[];
  readonly layers: readonly Layer[];
  readonly shared: readonly string[];
  readonly runner: RunnerConfig;
  readonly lifecycle: LifecycleConfig;
  readonly rules: Readonly<Record<RuleId, Severity>>;
  readonly reportUntyped: boolean;
}

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
  { configFile, configDir, source }: { configFile: string | null; configDir: string; source?: string },
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
  return deepFreeze({
    configFile,
    configDir,
    include: config.include ?? [...DEFAULT_CONFIG.include],
    exclude: config.exclude ?? [...DEFAULT_CONFIG.exclude],
    guards: config.guards ?? structuredClone(DEFAULT_CONFIG.guards) as unknown as Guard[],
    layers: config.layers ?? structuredClone(DEFAULT_CONFIG.layers) as unknown as Layer[],
    shared: config.shared ?? [...DEFAULT_CONFIG.shared],
    runner: config.runner ?? structuredClone(DEFAULT_CONFIG.runner) as unknown as RunnerConfig,
    lifecycle: config.lifecycle ?? structuredClone(DEFAULT_CONFIG.lifecycle) as unknown as LifecycleConfig,
    rules: severities,
    reportUntyped: rules.reportUntyped,
  });
}
