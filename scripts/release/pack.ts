import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCatalog, publishedManifest, type Manifest } from './manifest.js';

/** The repository root (this file lives in scripts/release). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Default directory the tarballs are written to (git-ignored). */
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, '.release');

/** One packed package. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
}

/** Files every tarball must hold, and what it must never hold. */
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE'];
const FORBIDDEN_FILE = /(^|\/)(\.tsbuildinfo|[^/]+\.map|tsconfig\.json|node_modules)$|^(src|tests)\//;

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function workspacePackages(root: string): { dir: string; manifest: Manifest }[] {
  const packagesDir = path.join(root, 'packages');
  return fs
    .readdirSync(packagesDir)
    .map((name) => path.join(packagesDir, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson<Manifest>(path.join(dir, 'package.json')) }));
}

function stage(dir: string, manifest: Manifest, root: string, stagingRoot: string): string {
  const staged = path.join(stagingRoot, path.basename(dir));
  fs.cpSync(dir, staged, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  fs.writeFileSync(path.join(staged, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (!fs.existsSync(path.join(staged, 'LICENSE'))) fs.copyFileSync(path.join(root, 'LICENSE'), path.join(staged, 'LICENSE'));
  return staged;
}

function check(packed: PackedPackage): void {
  const missing = REQUIRED_FILES.filter((file) => !packed.files.includes(file));
  const forbidden = packed.files.filter((file) => FORBIDDEN_FILE.test(file));
  if (missing.length > 0 || forbidden.length > 0) {
    throw new Error(
      `${packed.name}: tarball ${missing.length > 0 ? `lacks ${missing.join(', ')}` : ''}${missing.length > 0 && forbidden.length > 0 ? ' and ' : ''}${forbidden.length > 0 ? `ships ${forbidden.join(', ')}` : ''}`,
    );
  }
}

/**
 * Packs every public workspace package (built `dist` expected) into `outDir` with plain `npm
 * pack`, from a staged copy whose package.json carries real semver ranges. Returns the tarballs.
 */
export function packAll({ root = REPO_ROOT, outDir = DEFAULT_OUT_DIR }: { root?: string; outDir?: string } = {}): PackedPackage[] {
  const catalog = parseCatalog(fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8'));
  const all = workspacePackages(root);
  const versions = new Map(all.map(({ manifest }) => [manifest.name, manifest.version]));
  fs.mkdirSync(outDir, { recursive: true });
  const stagingRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-release-'));
  try {
    return all
      .filter(({ manifest }) => !manifest.private)
      .map(({ dir, manifest }) => {
        if (!fs.existsSync(path.join(dir, 'dist'))) throw new Error(`${manifest.name}: no dist/; run \`pnpm build\` first`);
        const staged = stage(dir, publishedManifest(manifest, catalog, versions), root, stagingRoot);
        const output = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
          cwd: staged,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const [info] = JSON.parse(output) as [{ filename: string; files: { path: string }[] }];
        const packed = {
          name: manifest.name,
          version: manifest.version,
          tarball: path.join(outDir, info.filename),
          files: info.files.map((f) => f.path).sort(),
        };
        check(packed);
        return packed;
      });
  } finally {
    fs.rmSync(stagingRoot, { recursive: true, force: true });
  }
}

// `pnpm release:pack [--out <dir>]`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 && process.argv[outIndex + 1] ? path.resolve(process.argv[outIndex + 1] as string) : DEFAULT_OUT_DIR;
  try {
    for (const packed of packAll({ outDir })) {
      process.stdout.write(`${packed.name}@${packed.version}  ${path.relative(process.cwd(), packed.tarball)}  (${packed.files.length} files)\n`);
    }
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
