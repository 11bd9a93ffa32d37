import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { envelopeServerOptions, registerErrorHandling } from './api/error-handler.js';
import { registerRoutes } from './api/routes/index.js';
import { sharedSchemas } from './api/schemas.js';
import type { Plugin } from './plugins/plugin.js';
import { PluginRegistry } from './plugins/registry.js';
import { ToolRunner } from './plugins/runtime/tool-runner.js';
import { AnalysisExecutionService } from './services/execution/analysis-execution-service.js';
import { DEFAULT_JOB_LIMITS, JobExecutionService, type JobLimits } from './services/execution/job-execution-service.js';
import type { JobQueue, RetryPolicies } from './services/execution/job-queue.js';
import { BullMqJobQueue } from './services/execution/job-queue-bullmq.js';
import { withDeadline } from './services/execution/job-queue-deadline.js';
import { InMemoryJobQueue } from './services/execution/job-queue-memory.js';
import type { JobStore } from './services/execution/job-store.js';
import { InMemoryJobStore } from './services/execution/job-store.js';
import { PluginExecutionService } from './services/execution/plugin-execution-service.js';
import { redactUrl } from './config.js';

/** What the composition root needs; every field has a production default. */
export interface AppDeps {
  plugins?: Plugin[];
  /** Fastify's `logger` option: false (silent), true, or pino options. */
  logger?: FastifyServerOptions['logger'];
  bodyLimitBytes?: number;
  concurrency?: number;
  defaultTimeoutMs?: number;
  maxFinishedJobs?: number;
  /** The in-memory queue's store (ignored with `queueUrl`). */
  jobStore?: JobStore;
  /** Redis URL: jobs go to BullMQ for `pnpm worker` processes. Unset: jobs run in this process. */
  queueUrl?: string;
  queueName?: string;
  /** Attempts and backoff per plugin. */
  retry?: RetryPolicies;
  /** Bounds on unfinished jobs (count, payload bytes) and the `Retry-After` to send past them. */
  limits?: Partial<JobLimits>;
  /** How long to wait for Redis at startup. */
  queueConnectTimeoutMs?: number;
  /** How long `app.close()` lets running jobs finish before aborting them. */
  shutdownDeadlineMs?: number;
}

/** Wires routes → analysis → jobs → plugin execution → ToolRunner → plugins. Never listens. */
export async function buildApp(deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...envelopeServerOptions(),
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024,
    // Strict input: no type coercion, no silently dropped fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: true } },
  });
  // JSON only: with the text/plain parser gone, every other content type is a 415.
  app.removeContentTypeParser('text/plain');

  const registry = new PluginRegistry();
  for (const plugin of deps.plugins ?? []) registry.register(plugin);
  registry.initializeAll();
  for (const snapshot of registry.snapshots()) {
    if (snapshot.state === 'UNAVAILABLE') app.log.warn({ plugin: snapshot.name, reason: snapshot.reason }, 'plugin unavailable');
  }

  const runner = new ToolRunner({ registry, logger: app.log, defaultTimeoutMs: deps.defaultTimeoutMs });
  const executor = new PluginExecutionService({ runner });
  const queue = await createQueue(deps, executor, app.log);
  const limits = { ...DEFAULT_JOB_LIMITS, ...deps.limits };
  const jobs = new JobExecutionService({ executor, queue, limits });
  const analysis = new AnalysisExecutionService({ jobs, registry });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '@execgov/runtime', version: '0.1.0', description: 'Reference execution runtime' },
    },
    // Components keep their $id (Job, Plugin, ErrorResponse) instead of def-0, def-1...
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  for (const schema of sharedSchemas) app.addSchema(schema);
  let draining = false;
  registerErrorHandling(app, { isDraining: () => draining, retryAfterSeconds: limits.retryAfterSeconds });
  registerRoutes(app, analysis);

  const deadline = deps.shutdownDeadlineMs ?? 10_000;
  // preClose runs after Fastify stops routing new requests (503) but before it waits on open ones.
  app.addHook('preClose', async () => {
    draining = true;
    await analysis.shutdown(deadline);
  });
  return app;
}

/** The in-memory queue (default), or BullMQ when a Redis URL is given; fails fast if Redis does not answer. */
async function createQueue(deps: AppDeps, executor: PluginExecutionService, logger: FastifyBaseLogger): Promise<JobQueue> {
  if (deps.queueUrl === undefined) {
    return new InMemoryJobQueue({
      executor,
      store: deps.jobStore ?? new InMemoryJobStore({ maxFinished: deps.maxFinishedJobs }),
      concurrency: deps.concurrency,
      retry: deps.retry,
      logger,
    });
  }
  const queue = new BullMqJobQueue({ url: deps.queueUrl, queueName: deps.queueName, retry: deps.retry, maxFinished: deps.maxFinishedJobs, logger });
  const timeoutMs = deps.queueConnectTimeoutMs ?? 10_000;
  const ready = await withDeadline(queue.ready(), timeoutMs).catch((error: unknown) => ({ done: false as const, error }));
  if (ready.done) return queue;
  await queue.close(1_000);
  throw new Error(`Redis at ${redactUrl(deps.queueUrl)} did not answer within ${timeoutMs} ms (EXECGOV_QUEUE_URL).`, {
    cause: 'error' in ready ? ready.error : undefined,
  });
}
