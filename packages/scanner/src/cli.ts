import { parseCommandLine, type Command } from './args.js';
import { scanThroughDaemon, stopDaemon } from './daemon/client.js';
import { run, type ExitCode, type RunIO } from './run.js';

/**
 * What the CLI entry (src/main.ts) runs: run(), plus what only a process of the CLI does, talking
 * to the daemon: `--daemon` scans and `--stop-daemon`. run() itself, as the package exports it,
 * scans in its caller's process.
 */
export async function runCli(argv: readonly string[], io: RunIO): Promise<ExitCode> {
  let command: Command | undefined;
  try {
    command = parseCommandLine(argv);
  } catch {
    // run() parses again and reports the usage error as it always does.
    return run(argv, io);
  }
  if (command.kind === 'stop-daemon') return stopDaemon(io);
  if (command.kind === 'scan' && command.options.daemon) {
    const options = command.options;
    return scanThroughDaemon(options, io, () => run(options, io));
  }
  return run(command.kind === 'scan' ? command.options : argv, io);
}
