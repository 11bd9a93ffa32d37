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
export { canTransition, definePlugin, LIFECYCLE_TRANSITIONS, type Plugin, type PluginContext, type PluginLifecycleState } from './plugins/plugin.js';
export { PluginRegistry, type PluginMetrics, type PluginRecord, type PluginSnapshot } from './plugins/registry.js';
export { DEFAULT_TIMEOUT_MS, ToolRunner, type RunRecord, type RunRequest, type RunResult, type ToolRunnerOptions } from './plugins/runtime/tool-runner.js';
export { testingPlugins } from './plugins/testing/index.js';
export { AnalysisExecutionService, type AnalysisOutcome, type AnalysisRequest } from './services/execution/analysis-execution-service.js';
export { configFromEnv, type RuntimeConfig } from './config.js';
export { DEFAULT_JOB_LIMITS, JobExecutionService, type JobExecutionServiceOptions, type JobLimits } from './services/execution/job-execution-service.js';
export type { JobListener, JobQueue, JobSubmission, QueueDepth, RetryPolicies, RetryPolicy, RunMetrics } from './services/execution/job-queue.js';
export { BullMqJobQueue, type BullMqJobQueueOptions } from './services/execution/job-queue-bullmq.js';
export { InMemoryJobQueue, type InMemoryJobQueueOptions } from './services/execution/job-queue-memory.js';
export { InMemoryJobStore, JOB_STATUSES, type Job, type JobHistoryEntry, type JobStatus, type JobStore } from './services/execution/job-store.js';
export { BullMqJobWorker, type BullMqJobWorkerOptions } from './services/execution/job-worker-bullmq.js';
export { startWorker, type WorkerDeps, type WorkerHandle } from './worker-app.js';
export { PluginExecutionService } from './services/execution/plugin-execution-service.js';
