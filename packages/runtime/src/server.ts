import { buildApp } from './app.js';
import { builtinPlugins } from './plugins/builtin/index.js';

// Process entry: configuration from the environment, listen, graceful shutdown.
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const shutdownDeadlineMs = Number(process.env.SHUTDOWN_DEADLINE_MS ?? 10_000);

const app = await buildApp({ logger: true, plugins: builtinPlugins(), shutdownDeadlineMs });

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
  await app.listen({ port, host });
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  process.exit(1);
}
