import type { Logger } from './logger.js';
import type { Plugin } from './plugins/plugin.js';
import { PluginRegistry } from './plugins/registry.js';
import { ToolRunner } from './plugins/runtime/tool-runner.js';
import { BullMqJobWorker } from './services/execution/job-worker-bullmq.js';
import { PluginExecutionService } from './services/execution/plugin-execution-service.js';

/** What a worker process needs; the composition root of `pnpm worker`, as app.ts is of `pnpm start`. */
export interface WorkerDeps {
  queueUrl: string;
  queueName?: string;
  plugins: Plugin[];
  logger: Logger;
  concurrency?: number;
  defaultTimeoutMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
}

/**
 * Wires plugins → ToolRunner → PluginExecutionService → BullMqJobWorker and starts taking jobs.
 * ToolRunner reports each finished run to the worker, which counts it in Redis.
 */
export async function startWorker(deps: WorkerDeps): Promise<BullMqJobWorker> {
  const registry = new PluginRegistry();
  for (const plugin of deps.plugins) registry.register(plugin);
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
  return worker;
}
