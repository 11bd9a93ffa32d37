import type { Logger } from './logger.js';
import { builtinPlugins } from './plugins/builtin/index.js';
import type { Plugin } from './plugins/plugin.js';
import { PluginRegistry } from './plugins/registry.js';
import { ToolRunner } from './plugins/runtime/tool-runner.js';
import { BullMqJobWorker } from './services/execution/job-worker-bullmq.js';
import { PluginExecutionService } from './services/execution/plugin-execution-service.js';

/** What a worker process needs; the composition root of `pnpm worker`, as app.ts is of `pnpm start`. */
export interface WorkerDeps {
  queueUrl: string;
  queueName?: string;
  /** Default: the built-in plugins, as `pnpm start` registers them. */
  plugins?: Plugin[];
  logger: Logger;
  concurrency?: number;
  defaultTimeoutMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
}

/** What the process entry holds: a way to stop. */
export interface WorkerHandle {
  /** Stops taking jobs; running ones get `deadlineMs`, then BullMQ's stalled check hands them on. */
  close(deadlineMs: number): Promise<void>;
}

/**
 * Wires plugins → ToolRunner → PluginExecutionService → BullMqJobWorker and starts taking jobs.
 * ToolRunner reports each finished run to the worker, which counts it in Redis.
 */
export async function startWorker(deps: WorkerDeps): Promise<WorkerHandle> {
  const registry = new PluginRegistry();
  for (const plugin of deps.plugins ?? builtinPlugins()) registry.register(plugin);
  registry.initializeAll();
  for (const snapshot of registry.snapshots()) {
    if (snapshot.state === 'UNAVAILABLE') deps.logger.warn({ plugin: snapshot.name, reason: snapshot.reason }, 'plugin unavailable');
  }
  let worker: BullMqJobWorker | undefined;
  const runner = new ToolRunner({
    registry,
    logger: deps.logger,
    defaultTimeoutMs: deps.defaultTimeoutMs,
    onRunRecorded: (run) => worker?.recordRun(run),
  });
  worker = new BullMqJobWorker({
    url: deps.queueUrl,
    queueName: deps.queueName,
    executor: new PluginExecutionService({ runner }),
    concurrency: deps.concurrency,
    lockDurationMs: deps.lockDurationMs,
    stalledIntervalMs: deps.stalledIntervalMs,
    maxStalledCount: deps.maxStalledCount,
    logger: deps.logger,
  });
  await worker.start();
  const started = worker;
  return { close: (deadlineMs) => started.close(deadlineMs) };
}
