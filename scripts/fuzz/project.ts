import type { Corpus, Entry } from './case.js';
import type { Random } from './random.js';

/** The tsconfig every generated project uses unless a case breaks it on purpose. */
export const TSCONFIG = {
  compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], types: [], module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true },
  include: ['src'],
};

/** The file the default config guards (`Plugin.run`). */
export const PLUGIN_FILE = 'src/plugins/plugin.ts';

/** A file that calls `plugin.run` outside the runner: the default config must report it. */
export const VIOLATION_FILE = 'src/services/violation.ts';

const PLUGIN_SOURCE = `export interface Plugin {
  readonly name: string;
  run(input: unknown): Promise<unknown>;
}
`;

const VIOLATION_SOURCE = `import type { Plugin } from '../plugins/plugin.js';

export async function direct(plugin: Plugin): Promise<unknown> {
  return plugin.run({});
}
`;

/**
 * A tiny project under the default config: the guarded Plugin type, one violation and the
 * given extra files. Scans in well under a second, so the generated file is what costs.
 */
export function miniProject(extra: Record<string, Entry> = {}): Record<string, Entry> {
  return {
    'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    'package.json': '{ "name": "fuzz-project", "private": true, "type": "module" }\n',
    [PLUGIN_FILE]: PLUGIN_SOURCE,
    [VIOLATION_FILE]: VIOLATION_SOURCE,
    ...extra,
  };
}

/** A copy of one repository fixture, picked at random. */
export function fixtureProject(random: Random, corpus: Corpus): { name: string; files: Record<string, Entry> } {
  const fixture = random.pick(corpus.fixtures);
  return { name: fixture.name, files: { ...fixture.files } };
}

/** The TypeScript sources among `files`, sorted. */
export function sourceFiles(files: Record<string, Entry>): string[] {
  return Object.keys(files)
    .filter((name) => name.endsWith('.ts') && typeof files[name] === 'string')
    .sort();
}

/** A check that the project's own violation is still reported: the other files were scanned. */
export function violationReported(outcome: { exitCode: number | null; stdout: string }): string | undefined {
  if (outcome.exitCode === 1 && outcome.stdout.includes(VIOLATION_FILE)) return undefined;
  return `the violation in ${VIOLATION_FILE} was not reported (exit ${outcome.exitCode}): one file stopped the scan of the others`;
}
