export { buildApp, type AppDeps } from './app.js';
export {
  createErrorEnvelope,
  ERROR_TYPES,
  publicBody,
  RuntimeError,
  statusFor,
  toErrorEnvelope,
  type ErrorEnvelope,
  type ErrorType,
  type PublicError,
} from './errors.js';
export { silentLogger, type Logger } from './logger.js';
export { builtinPlugins, hashTextPlugin, textStatsPlugin } from './plugins/builtin/index.js';
export {
  canTransition,
  definePlugin,
  LIFECYCLE_TRANSITIONS,
  type Plugin,
  type PluginContext,
  type PluginLifecycleState,
} from './plugins/plugin.js';
export { PluginRegistry, type PluginMetrics, type PluginRecord, type PluginSnapshot } from './plugins/registry.js';
export { DEFAULT_TIMEOUT_MS, ToolRunner, type RunRequest, type RunResult } from './plugins/runtime/tool-runner.js';
export { testingPlugins } from './plugins/testing/index.js';
export { AnalysisExecutionService, type AnalysisOutcome, type AnalysisRequest } from './services/execution/analysis-execution-service.js';
export { JobExecutionService, type JobExecutionServiceOptions } from './services/execution/job-execution-service.js';
export { InMemoryJobStore, JOB_STATUSES, type Job, type JobStatus, type JobStore } from './services/execution/job-store.js';
export { PluginExecutionService } from './services/execution/plugin-execution-service.js';
