#!/usr/bin/env node
import { runCli } from './cli.js';
import { DAEMON_ENV } from './daemon/client.js';
import type { DaemonSpec } from './daemon/protocol.js';
import { serveDaemon } from './daemon/server.js';

// A reader that stops early (`scan-execution-violations | head`, a pager quit) closes the pipe.
// That is no failure of the scan: stop quietly with the exit code the scan computed (or 0 while
// --watch waits), as git and grep do, instead of Node's unhandled-error stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const daemon = process.env[DAEMON_ENV];
if (daemon !== undefined) {
  // Started by a `--daemon` scan (src/daemon/client.ts) to serve the scans after it.
  delete process.env[DAEMON_ENV];
  serveDaemon(JSON.parse(daemon) as DaemonSpec);
} else {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
}
