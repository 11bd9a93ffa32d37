import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Category, Entry, FuzzCase, Outcome } from '../case.js';
import { miniProject, PLUGIN_FILE, VIOLATION_FILE } from '../project.js';
import type { Random } from '../random.js';

const chmod = (relative: string, mode: number) => (root: string) => fs.chmodSync(path.join(root, relative), mode);

/** Unreadable paths need a user root is not: these cases run the scanner unprivileged. */
const UNREADABLE: ReadonlyArray<{ name: string; target: string; mode: number }> = [
  { name: 'unreadable source file', target: VIOLATION_FILE, mode: 0o000 },
  { name: 'unreadable guarded-type file', target: PLUGIN_FILE, mode: 0o000 },
  { name: 'unreadable source directory', target: 'src/services', mode: 0o000 },
  { name: 'untraversable source directory', target: 'src/services', mode: 0o644 },
  { name: 'unlistable source directory', target: 'src/services', mode: 0o311 },
  { name: 'unreadable tsconfig', target: 'tsconfig.json', mode: 0o000 },
  { name: 'unreadable config', target: 'execution-governance.config.json', mode: 0o000 },
  { name: 'unreadable package.json', target: 'package.json', mode: 0o000 },
];

/** Odd but legal trees: links, loops, directories where files are expected, odd names. */
const ODD_TREES: ReadonlyArray<{ name: string; extra(random: Random): Record<string, Entry> }> = [
  { name: 'symlink loop', extra: () => ({ 'src/loop': { symlink: '.' }, 'src/loop2': { symlink: 'loop3' }, 'src/loop3': { symlink: 'loop2' } }) },
  { name: 'dangling symlink', extra: () => ({ 'src/dangling.ts': { symlink: 'does-not-exist.ts' } }) },
  { name: 'symlink to /dev/null', extra: () => ({ 'src/null.ts': { symlink: '/dev/null' } }) },
  { name: 'symlinked source directory', extra: () => ({ 'src/alias': { symlink: 'services' } }) },
  { name: 'directory named like a source file', extra: () => ({ 'src/folder.ts': { directory: true } }) },
  { name: 'empty source file', extra: () => ({ 'src/empty.ts': '' }) },
  { name: 'spaces, quotes and unicode in names', extra: () => ({ 'src/with space/it\'s "quoted" ✓ 日本.ts': 'export const x = 1;\n' }) },
  {
    name: 'deep directory path',
    extra: (r) => ({ [`src/${Array.from({ length: r.int(20, 60) }, (_, i) => `d${i}`).join('/')}/deep.ts`]: 'export const deep = 1;\n' }),
  },
  { name: 'long file name', extra: () => ({ [`src/${'n'.repeat(240)}.ts`]: 'export const long = 1;\n' }) },
  { name: 'garbage declaration file', extra: (r) => ({ 'src/types.d.ts': r.bytes(200) }) },
  { name: 'node_modules inside src', extra: () => ({ 'src/node_modules/pkg/index.ts': 'export const = ;' }) },
];

const namesPath =
  (target: string) =>
  (outcome: Outcome): string | undefined => {
    if (outcome.exitCode !== 2) return undefined;
    const shown = outcome.stdout + outcome.stderr;
    return shown.includes(target) || shown.includes(path.basename(target)) ? undefined : `exit 2 without naming ${target}`;
  };

/** Unreadable files and directories (run unprivileged), links, loops and odd names. */
export const fileSystem: Category = {
  name: 'file-system',
  description:
    'unreadable files and directories (EACCES, scanner run as an unprivileged user), symlink loops, dangling links, /dev/null, directories named *.ts, odd names',
  generate(random) {
    if (random.chance(0.5)) {
      const unreadable = random.pick(UNREADABLE);
      const files = miniProject(unreadable.target.endsWith('config.json') ? { [unreadable.target]: '{}\n' } : {});
      const fuzzCase: FuzzCase = {
        category: this.name,
        title: `${unreadable.name} (mode ${unreadable.mode.toString(8).padStart(3, '0')})`,
        files,
        args: [],
        prepare: chmod(unreadable.target, unreadable.mode),
        unprivileged: true,
        check: namesPath(unreadable.target),
      };
      return fuzzCase;
    }
    const odd = random.pick(ODD_TREES);
    return { category: this.name, title: odd.name, files: miniProject(odd.extra(random)), args: [] };
  },
};
