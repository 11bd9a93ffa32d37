import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import { builtinPlugins } from './plugins/builtin/index.js';

// Process entry: configuration from the environment, listen, graceful shutdown.
let config;
try {
  config = configFromEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const shutdownDeadlineMs = config.SHUTDOWN_DEADLINE_MS;

const app = await buildApp({
  logger: true,
  plugins: builtinPlugins(),
  shutdownDeadlineMs,
  concurrency: config.EXECGOV_CONCURRENCY,
  maxFinishedJobs: config.EXECGOV_MAX_FINISHED_JOBS,
  queueUrl: config.EXECGOV_QUEUE_URL,
  queueName: config.EXECGOV_QUEUE_NAME,
  retry: config.EXECGOV_RETRY,
  limits: { maxJobs: config.EXECGOV_MAX_QUEUED_JOBS, maxBytes: config.EXECGOV_MAX_QUEUED_BYTES, syncWaitMs: config.EXECGOV_SYNC_WAIT_MS },
}).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal, deadline_ms: shutdownDeadlineMs }, 'shutting down');
  // Backstop: if something still holds the loop after the drain, exit anyway.
  setTimeout(() => process.exit(1), shutdownDeadlineMs + 5_000).unref();
  app.close().then(
    () => {
      app.log.info('shutdown complete');
      process.exitCode = 0;
    },
    (error: unknown) => {
      app.log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    },
  );
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

try {
  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  process.exit(1);
}
