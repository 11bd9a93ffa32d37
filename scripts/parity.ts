import { checkParity } from './parity/check.js';
import { runCliBin } from './parity/front-ends.js';

// `pnpm parity`: the CLI (built bin, as CI runs it) and ESLint must report the same findings on
// every fixture project; any difference fails the run.
const report = await checkParity(runCliBin);
if (report.ok) {
  process.stdout.write(`parity OK: ${report.findings} findings across ${report.fixtures} fixtures\n`);
} else {
  process.stderr.write(`parity FAILED (${report.lines.length} differences):\n${report.lines.map((line) => `  ${line}`).join('\n')}\n`);
  process.exitCode = 1;
}
