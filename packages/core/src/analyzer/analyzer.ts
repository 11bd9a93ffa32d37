import * as path from 'node:path';
import type * as ts from 'typescript';
import { analyzeSourceFile, isAnalyzedFile } from '../analyze.js';
import { BaselineError, conventionalBaseline, parseBaseline } from '../baseline.js';
import { checkConfigAgainstProgram, combineConfigChecks, programCoversConfig, type ConfigCheckOutcome } from '../config/check-against-program.js';
import { applyOverrides } from '../config/overrides.js';
import { createConfigResolver } from '../config/resolver.js';
import type { ConfigInput } from '../config/schema.js';
import { ConfigError, type ResolvedConfig } from '../config/validate.js';
import { createRuleContext } from '../context.js';
import type { AnalyzerHost } from '../host/host.js';
import { createBatchMemo } from '../host/batch.js';
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
  /**
   * The caller sees every program and settles the config checks itself from `configChecks()`
   * (the scanner: an entry is a problem only when no program satisfies it). Otherwise each file's
   * analysis applies this program's check (ESLint, editors).
   */
  deferConfigChecks?: boolean;
  /**
   * Every file of the whole program when `program` is rooted at a few of them (an incremental
   * scan): config checks match globs against these and leave entries about other files undecided.
   */
  programFiles?: readonly string[] | undefined;
  /** ESLint applies its own `eslint-disable` directives (see AnalyzeOptions.eslintDirectives); the CLI leaves it to the core. */
  eslintDirectives?: 'apply' | 'leave-to-eslint';
}

/** One config checked against this analyzer's program (see checkConfigAgainstProgram). */
export interface ConfigCheckReport {
  config: ResolvedConfig;
  /** What a ConfigError about this config names: the file, plus the rule options laid over it. */
  source: string;
  outcomes: readonly ConfigCheckOutcome[];
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
  /** Report suppression comments naming no rule (default: only when every rule runs). */
  reportUnknownRules?: boolean;
}

/** A file's findings, or the config problem that kept it from being analysed. */
export type FileAnalysis = { findings: readonly Finding[]; config: ResolvedConfig; analyzed: boolean; configWarning?: ConfigError } | { error: ConfigError };

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
  /** The config checks of every config met so far (one per config and rule options). */
  configChecks(): ConfigCheckReport[];
  /**
   * The fingerprints of the baseline that applies under `config`: `file` (relative to the working
   * directory) when given, else the one `conventionalBaseline` picks on the config's chain (beside
   * the nearest config, from `config` upward, that has one), else none. Re-read when its text
   * changes, like configs.
   */
  baselineFor(config: ResolvedConfig, file?: string): BaselineFingerprints | undefined;
}

/** A baseline's fingerprints, or why it cannot be used. */
export type BaselineFingerprints = { file: string; fingerprints: ReadonlySet<string> } | { file: string; error: BaselineError };

/**
 * Creates the analysis session for `program`: config resolution (nearest config above each file,
 * re-read when its text changes), one rule context per config (type matchers, layer maps and
 * other per-program caches live there), and findings cached per file and config.
 */
export function createAnalyzer({
  ts: tsModule,
  program,
  cwd,
  host = createNodeHost(),
  configFile,
  deferConfigChecks = false,
  programFiles,
  eslintDirectives = 'apply',
}: AnalyzerOptions): Analyzer {
  const resolver = createConfigResolver({ host, configFile, defaultsDir: cwd });
  // Keyed by config object: a config whose text changed is a new object, so nothing stale is kept.
  const contexts = new WeakMap<ResolvedConfig, Map<string, RuleContext | ConfigError>>();
  const findings = new WeakMap<RuleContext, WeakMap<ts.SourceFile, Map<string, { findings: Finding[]; analyzed: boolean }>>>();
  // Checked once per context (program × config × options); the contexts of a replaced config drop out.
  const checks = new Map<RuleContext, ConfigCheckReport>();
  const checked = new WeakMap<RuleContext, ConfigError | null>();

  const checkFor = (ctx: RuleContext, options: AnalyzeFileOptions): ConfigCheckReport => {
    let report = checks.get(ctx);
    if (!report) {
      const file = ctx.config.configFile ?? 'defaults';
      const overridden = Object.keys(options.overrides ?? {}).length > 0;
      const source = overridden ? `${file} with ${options.overridesSource ?? 'overrides'}` : file;
      report = { config: ctx.config, source, outcomes: checkConfigAgainstProgram(ctx, { programFiles }) };
      for (const [other, old] of checks) if (old.config.configFile === ctx.config.configFile && old.source === source) checks.delete(other);
      checks.set(ctx, report);
    }
    return report;
  };

  /** This program's verdict on the file's config, when the analyzer applies it (not deferred, not off). */
  const mismatchFor = (ctx: RuleContext, options: AnalyzeFileOptions): ConfigError | null => {
    if (deferConfigChecks || ctx.config.configChecks === 'off') return null;
    let error = checked.get(ctx);
    if (error === undefined) {
      const report = checkFor(ctx, options);
      // A program below the config (one package under a monorepo's root config) cannot tell a glob
      // naming another package from a typo, except one that can only match below its own root.
      const sees = (directory: string) => programCoversConfig(program, directory);
      const issues = combineConfigChecks([report.outcomes], { onlyContent: !sees(ctx.config.configDir), sees });
      error = issues.length > 0 ? new ConfigError(report.source, issues, 'mismatch') : null;
      checked.set(ctx, error);
    }
    return error;
  };

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

  const baselines = new Map<string, { text: string; result: BaselineFingerprints }>();
  // ESLint asks for every file: the file system is asked once per batch, as for configs.
  const batch = createBatchMemo();
  const baselineFor = (config: ResolvedConfig, file?: string): BaselineFingerprints | undefined => {
    const target =
      file !== undefined ? path.resolve(cwd, file) : batch.get(`baseline\u0000${config.configFile}`, () => conventionalBaseline(config.configFile, host));
    if (target === undefined) return undefined;
    const text = batch.get(`text\u0000${target}`, () => host.readFile(target));
    if (text === undefined)
      return { file: target, error: new BaselineError(`baseline ${target} cannot be read (${host.fileExists(target) ? 'EACCES' : 'ENOENT'})`) };
    let cached = baselines.get(target);
    if (!cached || cached.text !== text) {
      let result: BaselineFingerprints;
      try {
        result = { file: target, fingerprints: new Set(parseBaseline(text, target).findings.map((entry) => entry.fingerprint)) };
      } catch (error) {
        if (!(error instanceof BaselineError)) throw error;
        result = { file: target, error };
      }
      baselines.set(target, (cached = { text, result }));
    }
    return cached.result;
  };

  return {
    program,
    baselineFor,
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
      if (deferConfigChecks && ctx.config.configChecks !== 'off') checkFor(ctx, options);
      const mismatch = mismatchFor(ctx, options);
      if (mismatch && ctx.config.configChecks === 'error') return { error: mismatch };
      let byFile = findings.get(ctx);
      if (!byFile) findings.set(ctx, (byFile = new WeakMap()));
      let byRules = byFile.get(sourceFile);
      if (!byRules) byFile.set(sourceFile, (byRules = new Map()));
      const rulesKey = `${options.rules ? [...options.rules].sort().join(',') : '*'}\u0000${options.reportUnknownRules ?? ''}`;
      let cached = byRules.get(rulesKey);
      if (!cached) {
        const analyzed = isAnalyzedFile(ctx, sourceFile);
        const ruleOptions = {
          eslintDirectives,
          ...(options.rules ? { rules: options.rules } : {}),
          ...(options.reportUnknownRules !== undefined ? { reportUnknownRules: options.reportUnknownRules } : {}),
        };
        cached = { findings: analyzed ? analyzeSourceFile(ctx, sourceFile, ruleOptions) : [], analyzed };
        byRules.set(rulesKey, cached);
      }
      return { findings: cached.findings, config: ctx.config, analyzed: cached.analyzed, ...(mismatch ? { configWarning: mismatch } : {}) };
    },
    configChecks: () => [...checks.values()],
  };
}
