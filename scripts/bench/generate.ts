import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PLANTED_MARKER, type GeneratedFile } from './generator/file.js';
import { layerFiles } from './generator/layer-files.js';
import { domainFiles } from './generator/module-files.js';
import { planProject, type ProjectPlan } from './generator/plan.js';
import { pluginFiles } from './generator/plugin-files.js';
import { plantedFiles } from './generator/planted-files.js';
import { createRandom } from './generator/prng.js';
import { runtimeFiles } from './generator/runtime-files.js';
import { fillerFiles, sharedFiles } from './generator/shared-files.js';

/** Where a violation was planted: the scanner must report exactly these, no more, no less. */
export interface PlantedViolation {
  ruleId: string;
  /** Relative to the project root, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
}

/** What the project is made of, for the report. */
export interface Composition {
  plugins: number;
  pipelines: number;
  domains: number;
  moduleFiles: number;
  lines: number;
}

export interface GeneratedProject {
  dir: string;
  files: number;
  seed: number;
  composition: Composition;
  planted: PlantedViolation[];
  plantedByRule: Record<string, number>;
}

export interface GenerateOptions {
  files?: number;
  seed?: number;
  /** Default: <repo>/.bench/project-<files>. */
  outDir?: string;
}

export const DEFAULT_FILES = 2000;
export const DEFAULT_SEED = 0x5eed;
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    types: [],
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

/** The project's text, file by file, in a fixed order; nothing touches the disk. */
export function renderProject(files: number, seed: number): { plan: ProjectPlan; rendered: GeneratedFile[] } {
  const random = createRandom(seed);
  const plan = planProject(random, files);
  const rendered = [
    ...runtimeFiles(),
    ...sharedFiles(),
    ...pluginFiles(plan, random),
    ...layerFiles(plan, random),
    ...plan.domains.flatMap((domain) => domainFiles(domain, random)),
    ...fillerFiles(random, plan.fillers),
    ...plantedFiles(),
  ];
  return { plan, rendered };
}

/** Reads the planted violations back from the marker comments, so they cannot drift from the code. */
export function findPlanted(files: readonly GeneratedFile[]): PlantedViolation[] {
  const found: PlantedViolation[] = [];
  for (const file of files) {
    file.text.split('\n').forEach((text, index) => {
      const at = text.indexOf(PLANTED_MARKER);
      if (at !== -1) found.push({ ruleId: text.slice(at + PLANTED_MARKER.length).trim(), file: file.path, line: index + 1 });
    });
  }
  return found;
}

/**
 * Writes a synthetic project laid out like packages/runtime. The directory is emptied first so
 * a smaller N never leaves files of a bigger one behind. An empty execution-governance config
 * pins the defaults, so a config higher up (the repo's own) cannot change what the bench measures.
 */
export function generateProject(options: GenerateOptions = {}): GeneratedProject {
  const files = options.files ?? DEFAULT_FILES;
  const seed = options.seed ?? DEFAULT_SEED;
  const dir = path.resolve(options.outDir ?? path.join(REPO_ROOT, '.bench', `project-${files}`));
  const { plan, rendered } = renderProject(files, seed);
  if (rendered.length !== files) throw new Error(`generator bug: planned ${files} files, rendered ${rendered.length}`);
  if (new Set(rendered.map((f) => f.path)).size !== files) throw new Error('generator bug: two files share a path');

  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of rendered) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'execution-governance.config.json'), '{}\n');

  const planted = findPlanted(rendered);
  const plantedByRule: Record<string, number> = {};
  for (const violation of planted) plantedByRule[violation.ruleId] = (plantedByRule[violation.ruleId] ?? 0) + 1;
  const composition: Composition = {
    plugins: plan.plugins.length,
    pipelines: plan.pipelines.length,
    domains: plan.domains.length,
    moduleFiles: rendered.filter((f) => f.path.startsWith('src/modules/')).length,
    lines: rendered.reduce((total, f) => total + f.text.split('\n').length - 1, 0),
  };
  return { dir, files, seed, composition, planted, plantedByRule };
}

function main(): void {
  const { values } = parseArgs({
    options: { files: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  });
  const project = generateProject({
    files: values.files === undefined ? undefined : Number(values.files),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    outDir: values.out,
  });
  process.stdout.write(`generated ${project.files} files in ${path.relative(process.cwd(), project.dir) || '.'} (seed ${project.seed})\n`);
  process.stdout.write(`planted violations: ${project.planted.length} (${Object.entries(project.plantedByRule).map(([rule, n]) => `${rule} ${n}`).join(', ')})\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
