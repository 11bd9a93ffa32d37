import pino from 'pino';
import { configFromEnv, redactUrl } from './config.js';
import { startWorker } from './worker-app.js';

// `pnpm worker`: a process that runs queued jobs with the built-in plugins. Same environment
// variables as `pnpm start`; EXECGOV_QUEUE_URL is required (workers share jobs through Redis).
// This file sits in the `worker-entry` layer: it may reach the runtime only through worker-app.ts.
const logger = pino({ name: 'execgov-worker' });

let config;
try {
  config = configFromEnv();
} catch (error) {
  logger.error((error as Error).message);
  process.exit(2);
}
if (config.EXECGOV_QUEUE_URL === undefined) {
  logger.error('EXECGOV_QUEUE_URL is not set: a worker takes jobs from Redis, e.g. EXECGOV_QUEUE_URL=redis://127.0.0.1:6379 pnpm worker');
  process.exit(2);
}

const worker = await startWorker({
  queueUrl: config.EXECGOV_QUEUE_URL,
  queueName: config.EXECGOV_QUEUE_NAME,
  logger,
  concurrency: config.EXECGOV_CONCURRENCY,
  lockDurationMs: config.EXECGOV_LOCK_DURATION_MS,
  stalledIntervalMs: config.EXECGOV_STALLED_INTERVAL_MS,
  maxStalledCount: config.EXECGOV_MAX_STALLED_COUNT,
});
logger.info({ queue: config.EXECGOV_QUEUE_NAME, redis: redactUrl(config.EXECGOV_QUEUE_URL), concurrency: config.EXECGOV_CONCURRENCY }, 'worker ready');

const deadlineMs = config.SHUTDOWN_DEADLINE_MS;
let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, deadline_ms: deadlineMs }, 'worker shutting down');
  setTimeout(() => process.exit(1), deadlineMs + 5_000).unref();
  worker.close(deadlineMs).then(
    () => {
      logger.info('worker shutdown complete');
      process.exitCode = 0;
    },
    (error: unknown) => {
      logger.error({ err: error }, 'worker shutdown failed');
      process.exitCode = 1;
    },
  );
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
