#!/usr/bin/env node
import { run } from './run.js';

// A reader that stops early (`scan-execution-violations | head`, a pager quit) closes the pipe.
// That is no failure of the scan: stop quietly with the exit code the scan computed (or 0 while
// --watch waits), as git and grep do, instead of Node's unhandled-error stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
