import type * as ts from 'typescript';
import { analyzeSourceFile, isAnalyzedFile } from '../analyze.js';
import { applyOverrides } from '../config/overrides.js';
import { createConfigResolver } from '../config/resolver.js';
import type { ConfigInput } from '../config/schema.js';
import { ConfigError, type ResolvedConfig } from '../config/validate.js';
import { createRuleContext } from '../context.js';
import type { AnalyzerHost } from '../host/host.js';
import { createNodeHost } from '../host/node-host.js';
import type { RuleId } from '../rule-ids.js';
import type { Finding, RuleContext, TypeScriptModule } from '../types.js';

export interface AnalyzerOptions {
  /** The TypeScript module `program` was built with (never the core's own). */
  ts: TypeScriptModule;
  program: ts.Program;
  /** Where the defaults are anchored when no config file is found: the working directory. */
  cwd: string;
  /** File access for config lookup (default: the real file system). */
  host?: AnalyzerHost;
  /** A config file that applies to every file (the CLI's `--config`), instead of the nearest one. */
  configFile?: string | undefined;
}

export interface AnalyzeFileOptions {
  /** Config keys laid over the file's config (ESLint rule options), and where they come from. */
  overrides?: ConfigInput;
  overridesSource?: string;
  /**
   * Only these rules (default: every rule the config enables). A front end that knows which of
   * its rules are on (ESLint) passes them, so rules it turned off cost nothing.
   */
  rules?: readonly RuleId[];
}

/** A file's findings, or the config problem that kept it from being analysed. */
export type FileAnalysis =
  | { findings: readonly Finding[]; config: ResolvedConfig; analyzed: boolean }
  | { error: ConfigError };

/** The one analysis session for one program, shared by every front end. */
export interface Analyzer {
  readonly program: ts.Program;
  /** The config that applies to `fileName` (throws ConfigError). */
  configFor(fileName: string): ResolvedConfig;
  /**
   * Every rule the file's config enables, in one walk, with suppressions applied. Computed once
   * per file and config: the four ESLint adapters share one analysis, as the CLI does.
   * `analyzed` is false when the config's include/exclude leave the file out.
   */
  analyzeFile(sourceFile: ts.SourceFile, options?: AnalyzeFileOptions): FileAnalysis;
}

/**
 * Creates the analysis session for `program`: config resolution (nearest config above each file,
 * re-read when its text changes), one rule context per config (type matchers, layer maps and
 * other per-program caches live there), and findings cached per file and config.
 */
export function createAnalyzer({ ts: tsModule, program, cwd, host = createNodeHost(), configFile }: AnalyzerOptions): Analyzer {
  const resolver = createConfigResolver({ host, configFile, defaultsDir: cwd });
  // Keyed by config object: a config whose text changed is a new object, so nothing stale is kept.
  const contexts = new WeakMap<ResolvedConfig, Map<string, RuleContext | ConfigError>>();
  const findings = new WeakMap<RuleContext, WeakMap<ts.SourceFile, Map<string, { findings: Finding[]; analyzed: boolean }>>>();

  const contextFor = (base: ResolvedConfig, options: AnalyzeFileOptions): RuleContext | ConfigError => {
    const overrides = options.overrides ?? {};
    const key = JSON.stringify(overrides);
    let byOverrides = contexts.get(base);
    if (!byOverrides) contexts.set(base, (byOverrides = new Map()));
    let ctx = byOverrides.get(key);
    if (!ctx) {
      try {
        ctx = createRuleContext(tsModule, program, applyOverrides(base, overrides, options.overridesSource ?? 'overrides'));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        ctx = error;
      }
      byOverrides.set(key, ctx);
    }
    return ctx;
  };

  return {
    program,
    configFor: (fileName) => resolver.configFor(fileName),
    analyzeFile(sourceFile, options = {}) {
      let ctx: RuleContext | ConfigError;
      try {
        ctx = contextFor(resolver.configFor(sourceFile.fileName), options);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        ctx = error;
      }
      if (ctx instanceof ConfigError) return { error: ctx };
      let byFile = findings.get(ctx);
      if (!byFile) findings.set(ctx, (byFile = new WeakMap()));
      let byRules = byFile.get(sourceFile);
      if (!byRules) byFile.set(sourceFile, (byRules = new Map()));
      const rulesKey = options.rules ? [...options.rules].sort().join(',') : '*';
      let cached = byRules.get(rulesKey);
      if (!cached) {
        const analyzed = isAnalyzedFile(ctx, sourceFile);
        const ruleOptions = options.rules ? { rules: options.rules } : {};
        cached = { findings: analyzed ? analyzeSourceFile(ctx, sourceFile, ruleOptions) : [], analyzed };
        byRules.set(rulesKey, cached);
      }
      return { findings: cached.findings, config: ctx.config, analyzed: cached.analyzed };
    },
  };
}
