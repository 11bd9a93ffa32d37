import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { expectationsInText } from '../expectations/markers.js';
import type { LineFinding } from '../parity/compare.js';

/** What the project is made of, for the report. */
export interface Composition {
  /** Copies of the template's `sample` slice, the last one possibly partial. */
  clones: number;
  plugins: number;
  pipelines: number;
  domains: number;
  moduleFiles: number;
  lines: number;
}

export interface GeneratedProject {
  dir: string;
  files: number;
  composition: Composition;
  /** Read back from the `// expect:` markers of the written files. */
  planted: LineFinding[];
  plantedByRule: Record<string, number>;
}

export interface GenerateOptions {
  files?: number;
  /** Default: <repo>/.bench/project-<files>. */
  outDir?: string;
}

/** One file of the template or of the corpus: path relative to the project root, forward slashes. */
export interface CorpusFile {
  path: string;
  text: string;
}

export const DEFAULT_FILES = 2000;
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The committed template project (type-checked by `pnpm typecheck`). */
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'scripts/bench/template');
/**
 * Files whose path holds this word form the slice that is cloned; in their path and text the word
 * is renamed (`sample` / `Sample`) per clone. Every other file is written once.
 */
const SLICE_WORD = 'sample';
// Single words, so kebab-case, camelCase and PascalCase renames stay one token; none is a word the
// template already uses (catalog, legacy, shared) or an entity name (Account, Order…).
const CLONE_WORDS = [
  'billing',
  'inventory',
  'shipping',
  'identity',
  'audit',
  'search',
  'pricing',
  'reporting',
  'notifications',
  'payments',
  'analytics',
  'scheduling',
  'storage',
  'compliance',
  'tenancy',
  'workflow',
  'documents',
  'messaging',
  'support',
  'fleet',
  'procurement',
  'ledger',
  'tax',
  'loyalty',
  'marketing',
];

function listFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, full) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

/** The template's files, split into those written once and the slice cloned N times. */
export function readTemplate(dir = TEMPLATE_DIR): { fixed: CorpusFile[]; slice: CorpusFile[] } {
  const files = listFiles(dir)
    .sort()
    .map((file) => ({ path: file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
  const inSlice = (file: CorpusFile) => file.path.split('/').some((part) => part.includes(SLICE_WORD));
  return { fixed: files.filter((f) => !inSlice(f)), slice: orderByImports(files.filter(inSlice)) };
}

/**
 * Orders the slice so each file comes after the slice files it imports: any prefix of the order
 * type-checks, so the last clone can be cut short to make the file count exact.
 */
function orderByImports(slice: CorpusFile[]): CorpusFile[] {
  const byPath = new Map(slice.map((file) => [file.path.replace(/\.tsx?$/, ''), file]));
  const ordered: CorpusFile[] = [];
  const state = new Map<CorpusFile, 'visiting' | 'done'>();
  const visit = (file: CorpusFile, chain: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') throw new Error(`the template's ${SLICE_WORD} slice has an import cycle: ${[...chain, file.path].join(' → ')}`);
    state.set(file, 'visiting');
    for (const { fileName } of ts.preProcessFile(file.text, true, false).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = byPath.get(path.posix.join(path.posix.dirname(file.path), fileName).replace(/\.js$/, ''));
      if (target) visit(target, [...chain, file.path]);
    }
    state.set(file, 'done');
    ordered.push(file);
  };
  for (const file of slice) visit(file, []);
  return ordered;
}

/** The name of clone `index`: the template's own word first (the fixed files import it), then new words. */
export function cloneName(index: number): string {
  if (index === 0) return SLICE_WORD;
  const word = CLONE_WORDS[(index - 1) % CLONE_WORDS.length] as string;
  const round = Math.floor((index - 1) / CLONE_WORDS.length);
  return round === 0 ? word : `${word}${round + 1}`;
}

function rename(text: string, name: string): string {
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  return text.replaceAll(SLICE_WORD, name).replaceAll(SLICE_WORD.charAt(0).toUpperCase() + SLICE_WORD.slice(1), pascal);
}

/** The corpus's text, file by file; nothing touches the disk. Exactly `files` files under src/. */
export function renderCorpus(files: number, template = readTemplate()): { files: CorpusFile[]; clones: number } {
  const sources = template.fixed.filter((f) => f.path.startsWith('src/'));
  const minimum = sources.length + template.slice.length;
  if (!Number.isInteger(files) || files < minimum) throw new Error(`the bench corpus needs at least ${minimum} files (the template) (got ${files})`);
  const rendered = [...template.fixed];
  let clones = 0;
  for (let left = files - sources.length; left > 0; left -= template.slice.length, clones += 1) {
    const name = cloneName(clones);
    for (const file of template.slice.slice(0, left)) rendered.push({ path: rename(file.path, name), text: rename(file.text, name) });
  }
  return { files: rendered, clones };
}

/**
 * Writes the corpus: the template once, its slice cloned with renamed modules until there are
 * `files` source files. The directory is emptied first so a smaller N leaves nothing of a bigger
 * one. The template's empty execution-governance config pins the defaults, so a config higher up
 * (the repo's own) cannot change what the bench measures.
 */
export function generateProject(options: GenerateOptions = {}): GeneratedProject {
  const files = options.files ?? DEFAULT_FILES;
  const dir = path.resolve(options.outDir ?? path.join(REPO_ROOT, '.bench', `project-${files}`));
  const { files: rendered, clones } = renderCorpus(files);
  if (new Set(rendered.map((f) => f.path)).size !== rendered.length)
    throw new Error('two corpus files share a path: a clone name collides with a template path');

  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of rendered) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }

  const sources = rendered.filter((f) => f.path.startsWith('src/'));
  const planted = sources.flatMap((f) => expectationsInText(f.path, f.text));
  const plantedByRule: Record<string, number> = {};
  for (const violation of planted) plantedByRule[violation.rule] = (plantedByRule[violation.rule] ?? 0) + 1;
  const modules = sources.filter((f) => f.path.startsWith('src/modules/'));
  const composition: Composition = {
    clones,
    plugins: sources.filter((f) => /^src\/plugins\/builtin\/(?!index\.ts$|base-plugin\.ts$)/.test(f.path)).length,
    pipelines: sources.filter((f) => /^src\/services\/execution\/job-[^/]+\.ts$/.test(f.path)).length,
    domains: new Set(modules.map((f) => f.path.split('/')[2])).size,
    moduleFiles: modules.length,
    lines: sources.reduce((total, f) => total + f.text.split('\n').length - 1, 0),
  };
  return { dir, files: sources.length, composition, planted, plantedByRule };
}

function main(): void {
  const { values } = parseArgs({ options: { files: { type: 'string' }, out: { type: 'string' } } });
  const project = generateProject({ files: values.files === undefined ? undefined : Number(values.files), outDir: values.out });
  process.stdout.write(
    `wrote ${project.files} files (${project.composition.clones} clones of the template slice) in ${path.relative(process.cwd(), project.dir) || '.'}\n`,
  );
  process.stdout.write(
    `planted violations: ${project.planted.length} (${Object.entries(project.plantedByRule)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ')})\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
