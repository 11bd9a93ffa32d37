import type { Category, Outcome } from '../case.js';
import { miniProject } from '../project.js';
import type { Random } from '../random.js';

/** Pieces of command lines, right and wrong; a case strings a few together. */
const FRAGMENTS: ReadonlyArray<(r: Random) => string[]> = [
  () => ['--project', 'tsconfig.json'],
  () => ['-p', '.'],
  () => ['-p', 'missing/tsconfig.json'],
  () => ['-p', 'src'],
  () => ['-p', 'src/plugins/plugin.ts'],
  () => ['-p', 'package.json'],
  () => ['--project'],
  () => ['--project='],
  () => ['--config', 'missing.json'],
  () => ['--config', 'src'],
  () => ['--config', 'tsconfig.json'],
  () => ['-c'],
  (r) => ['--format', r.pick(['text', 'json', 'sarif', 'github', 'xml', '', 'TEXT', 'json '])],
  () => ['-f'],
  () => ['--baseline', 'missing-baseline.json'],
  () => ['--baseline', 'tsconfig.json'],
  () => ['--baseline', 'src'],
  () => ['--baseline', 'baseline.json', '--update-baseline'],
  () => ['--update-baseline'],
  () => ['src/services'],
  () => ['does-not-exist'],
  () => ['src/plugins/plugin.ts'],
  () => ['--'],
  () => ['-'],
  () => ['--help'],
  () => ['-v'],
  () => ['-pv'],
  () => ['--unknown-flag'],
  () => ['-x'],
  (r) => ['--format=json', `--project=${r.pick(['tsconfig.json', '', '.'])}`],
  (r) => [`--${'x'.repeat(r.int(1, 10_000))}`],
  (r) => ['x'.repeat(r.int(1, 100_000))],
  () => ['line\nbreak', 'tab\there', 'esc\u001b[31m'],
  () => ['日本語/✓.ts'],
];

/** `--update-baseline` into a directory that does not exist: the baseline owner's fix. */
const MISSING_DIR_BASELINE = ['--baseline', 'missing-dir/baseline.json', '--update-baseline'];

const helpOrVersionWorks =
  (args: readonly string[]) =>
  (outcome: Outcome): string | undefined => {
    const asksHelp = args.length === 1 && (args[0] === '--help' || args[0] === '-v');
    return asksHelp && outcome.exitCode !== 0 ? `${args[0]} alone did not exit 0` : undefined;
  };

/** Random combinations of right and wrong flags, values and paths. */
export const commandLine: Category = {
  name: 'command-line',
  description: 'random mixes of flags with missing, empty, wrong or huge values, unknown flags, missing paths and baselines',
  generate(random) {
    if (random.chance(0.08)) {
      return {
        category: this.name,
        title: MISSING_DIR_BASELINE.join(' '),
        files: miniProject(),
        args: MISSING_DIR_BASELINE,
      };
    }
    const args = Array.from({ length: random.int(1, 4) }, () => random.pick(FRAGMENTS)(random)).flat();
    const shown = args.map((arg) => (arg.length > 40 ? `${arg.slice(0, 20)}…(${arg.length} chars)` : JSON.stringify(arg))).join(' ');
    const files = miniProject(random.chance(0.5) ? { 'baseline.json': random.pick(['{"schemaVersion":1,"findings":[]}', '{', 'null', '[]']) } : {});
    return { category: this.name, title: shown, files, args, check: helpOrVersionWorks(args) };
  },
};
