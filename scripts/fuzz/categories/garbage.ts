import type { Category, Entry } from '../case.js';
import { miniProject, violationReported } from '../project.js';
import type { Random } from '../random.js';

const SOUP = [
  'function',
  'class',
  'interface',
  '=>',
  '{',
  '}',
  '(',
  ')',
  '<',
  '>',
  'extends',
  'run',
  'Plugin',
  ';',
  ':',
  'import',
  'from',
  "'x'",
  'as',
  'const',
  '=',
  'new',
  '.',
  ',',
  '...',
  '`',
  '${',
  '}',
  '?',
  '??',
  '#private',
  '@dec',
  '\n',
];

function garbage(random: Random): { kind: string; content: Entry } {
  const size = random.int(0, 4000);
  switch (random.int(0, 7)) {
    case 0:
      return { kind: 'random bytes', content: random.bytes(size) };
    case 1:
      return { kind: 'printable noise', content: Array.from({ length: size }, () => String.fromCharCode(random.int(32, 126))).join('') };
    case 2:
      return { kind: 'token soup', content: Array.from({ length: size / 4 }, () => random.pick(SOUP)).join(' ') };
    case 3:
      return { kind: 'NUL-filled', content: new Uint8Array(size) };
    case 4:
      return { kind: 'empty', content: '' };
    case 5:
      return { kind: 'unterminated literals', content: random.pick(['"abc', "'abc", '`abc${', '/* abc', '/abc', '<T,', '{'.repeat(50)]) };
    case 6:
      return { kind: 'long identifier', content: `export const ${'x'.repeat(random.int(1000, 200_000))} = 1;\n` };
    default:
      return { kind: 'control characters', content: Array.from({ length: size }, () => String.fromCharCode(random.int(0, 31))).join('') };
  }
}

/** A small project with one or more files of noise; the other files must still be scanned. */
export const garbageCategory: Category = {
  name: 'garbage',
  description: 'random bytes, noise, token soup, NULs, control characters and unterminated literals as .ts files',
  generate(random) {
    const extra: Record<string, Entry> = {};
    const kinds: string[] = [];
    for (let n = random.int(1, 3); n > 0; n -= 1) {
      const { kind, content } = garbage(random);
      extra[`src/garbage/g${n}.${random.pick(['ts', 'ts', 'ts', 'mts', 'cts', 'd.ts'])}`] = content;
      kinds.push(kind);
    }
    return { category: this.name, title: kinds.join(', '), files: miniProject(extra), args: [], check: violationReported };
  },
};
