import * as path from 'node:path';
import { run } from '../packages/scanner/src/index.js';

// `pnpm scan`: the CI gate on this repository's own runtime, with the repo-root config.
const repoRoot = path.resolve(import.meta.dirname, '..');

process.exitCode = run(['--project', 'packages/runtime/tsconfig.json', '--config', 'execution-governance.config.json', ...process.argv.slice(2)], {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: repoRoot,
});
