import type { Category, Entry, Outcome } from '../case.js';
import { miniProject, TSCONFIG } from '../project.js';
import type { Random } from '../random.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const withOptions = (options: Record<string, unknown>) => json({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, ...options } });

/** tsconfigs tsc rejects (or reads with errors): the scan must stop with exit 2, file and reason. */
const BROKEN: ReadonlyArray<{ name: string; make(random: Random): Record<string, Entry> }> = [
  {
    name: 'one character removed',
    make: (r) => {
      const t = json(TSCONFIG);
      const at = r.int(0, t.length - 2);
      return { 'tsconfig.json': t.slice(0, at) + t.slice(at + 1) };
    },
  },
  {
    name: 'truncated',
    make: (r) => {
      const t = json(TSCONFIG);
      return { 'tsconfig.json': t.slice(0, r.int(0, t.length - 3)) };
    },
  },
  { name: 'missing comma', make: () => ({ 'tsconfig.json': '{ "compilerOptions": { "strict": true "noEmit": true }, "include": ["src"] }' }) },
  { name: 'unquoted garbage', make: () => ({ 'tsconfig.json': '{ compilerOptions: strict }' }) },
  { name: 'empty file', make: () => ({ 'tsconfig.json': '' }) },
  { name: 'null', make: () => ({ 'tsconfig.json': 'null' }) },
  { name: 'array', make: () => ({ 'tsconfig.json': '[]' }) },
  { name: 'number', make: () => ({ 'tsconfig.json': '42' }) },
  { name: 'binary bytes', make: (r) => ({ 'tsconfig.json': r.bytes(r.int(1, 300)) }) },
  { name: 'non-array paths', make: () => ({ 'tsconfig.json': withOptions({ baseUrl: '.', paths: { '@/*': './src/*' } }) }) },
  { name: 'paths as a string', make: () => ({ 'tsconfig.json': withOptions({ paths: 'src' }) }) },
  { name: 'include as a number', make: () => ({ 'tsconfig.json': json({ ...TSCONFIG, include: 5 }) }) },
  { name: 'files as a string', make: () => ({ 'tsconfig.json': json({ compilerOptions: TSCONFIG.compilerOptions, files: 'src/plugins/plugin.ts' }) }) },
  { name: 'compilerOptions as an array', make: () => ({ 'tsconfig.json': json({ compilerOptions: [], include: ['src'] }) }) },
  { name: 'unknown compiler option', make: () => ({ 'tsconfig.json': withOptions({ notAnOption: true }) }) },
  { name: 'invalid target', make: () => ({ 'tsconfig.json': withOptions({ target: 'ES1' }) }) },
  { name: 'unknown lib', make: () => ({ 'tsconfig.json': withOptions({ lib: ['nope'] }) }) },
  {
    name: 'option of the wrong type',
    make: (r) => ({ 'tsconfig.json': withOptions({ [r.pick(['strict', 'module', 'jsx', 'types', 'rootDir', 'outDir'])]: r.pick([1, {}, [1], 'x', null]) }) }),
  },
  { name: 'missing extends', make: () => ({ 'tsconfig.json': json({ ...TSCONFIG, extends: './missing.json' }) }) },
  { name: 'extends a package that is not installed', make: () => ({ 'tsconfig.json': json({ ...TSCONFIG, extends: '@nope/tsconfig' }) }) },
  { name: 'circular extends', make: () => ({ 'tsconfig.json': json({ ...TSCONFIG, extends: './b.json' }), 'b.json': json({ extends: './tsconfig.json' }) }) },
  { name: 'extends a broken file', make: () => ({ 'tsconfig.json': json({ ...TSCONFIG, extends: './base.json' }), 'base.json': '{ "compilerOptions": { ' }) },
  { name: 'missing reference', make: () => ({ 'tsconfig.json': json({ files: [], references: [{ path: './missing' }] }) }) },
  {
    name: 'reference cycle',
    make: () => ({
      'tsconfig.json': json({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, composite: true }, references: [{ path: './other' }] }),
      'other/tsconfig.json': json({ files: [], references: [{ path: '..' }] }),
    }),
  },
  { name: 'references as an object', make: () => ({ 'tsconfig.json': json({ ...TSCONFIG, references: { path: '.' } }) }) },
  { name: 'no inputs', make: () => ({ 'tsconfig.json': json({ compilerOptions: TSCONFIG.compilerOptions, include: ['nothing-here'] }) }) },
  { name: 'listed file missing', make: () => ({ 'tsconfig.json': json({ compilerOptions: TSCONFIG.compilerOptions, files: ['src/missing.ts'] }) }) },
  { name: 'listed file is a directory', make: () => ({ 'tsconfig.json': json({ compilerOptions: TSCONFIG.compilerOptions, files: ['src'] }) }) },
  { name: 'tsconfig is a directory', make: () => ({ 'tsconfig.json': { directory: true } }) },
  {
    name: 'BOM, comments and trailing commas (valid)',
    make: () => ({
      'tsconfig.json': `\ufeff// comment\n{ /* c */ "compilerOptions": { "strict": true, "types": [], "lib": ["ES2022"], }, "include": ["src",], }\n`,
    }),
  },
  {
    name: 'deeply nested JSON',
    make: (r) => {
      const d = r.pick([100, 1000, 10_000]);
      return { 'tsconfig.json': `{ "x": ${'['.repeat(d)}${']'.repeat(d)}, "include": ["src"] }` };
    },
  },
];

/** A broken tsconfig must end in exit 2 and name it; a valid odd one must scan. */
function expectation(name: string) {
  return (outcome: Outcome): string | undefined => {
    if (name.includes('(valid)')) return outcome.exitCode === 1 ? undefined : `a valid tsconfig did not scan (exit ${outcome.exitCode})`;
    return undefined;
  };
}

/** tsconfigs that are malformed JSON, of the wrong shape, or point at what is not there. */
export const brokenTsconfigs: Category = {
  name: 'broken-tsconfigs',
  description:
    'JSON syntax errors, wrong value types (incl. non-array paths), unknown options, missing/circular extends and references, no inputs, odd but valid JSONC',
  generate(random) {
    const broken = random.pick(BROKEN);
    return { category: this.name, title: broken.name, files: miniProject(broken.make(random)), args: [], check: expectation(broken.name) };
  },
};
