export { analyzeSourceFile, isAnalyzedFile, type AnalyzeOptions } from './analyze.js';
export {
  createAnalyzer,
  type AnalyzeFileOptions,
  type Analyzer,
  type AnalyzerOptions,
  type BaselineFingerprints,
  type ConfigCheckReport,
  type FileAnalysis,
} from './analyzer/analyzer.js';
export * as ast from './ast/index.js';
export {
  BASELINE_FILE_NAME,
  BaselineError,
  baselineSchema,
  conventionalBaseline,
  createBaselineLocator,
  matchBaseline,
  parseBaseline,
  readBaselineFile,
  type Baseline,
} from './baseline.js';
export { createRuleContext } from './context.js';
export { CONFIG_FILE_NAME, configDigest, defaultConfig, findConfigFile, loadConfig, loadConfigFile } from './config/load.js';
export {
  checkConfigAgainstProgram,
  combineConfigChecks,
  configChecksNothing,
  programCoversConfig,
  type ConfigCheckOutcome,
} from './config/check-against-program.js';
export { applyOverrides } from './config/overrides.js';
export { typeAnchors } from './config/type-anchors.js';
export { createConfigResolver, type ConfigResolver } from './config/resolver.js';
export { ConfigError, resolveConfig, type ConfigIssue, type ResolvedConfig, type ResolvedGuard } from './config/validate.js';
export { DEFAULT_CONFIG } from './config/defaults.js';
export { getConfigJsonSchema } from './config/json-schema.js';
export {
  configSchema,
  type ConfigInput,
  type Guard,
  type Layer,
  type LifecycleConfig,
  type RunnerConfig,
  type Severity,
  type TypeSpecifier,
} from './config/schema.js';
export type { AnalyzerHost } from './host/host.js';
export { createNodeHost } from './host/node-host.js';
export { DIAGNOSTIC_MESSAGES, INVALID_SUPPRESSION, SUPPRESSION_MESSAGES, formatMessage } from './messages.js';
export { RULE_DOCS_BASE_URL, RULE_IDS, isRuleId, ruleDocsUrl, type RuleId } from './rule-ids.js';
export { rules } from './rules/index.js';
export { ESLINT_NAMESPACE, parseSuppressions, type SuppressionDirective } from './suppressions.js';
export { isStackOverflow, tooDeeplyNestedFinding } from './too-deep.js';
export type {
  DiagnosticId,
  Finding,
  NodeListener,
  RuleContext,
  RuleFileContext,
  RuleListeners,
  RuleMeta,
  RuleModule,
  RuleReport,
  TypeScriptModule,
} from './types.js';
