import type { Category } from '../case.js';
import { fixtureProject, sourceFiles } from '../project.js';
import type { Random } from '../random.js';

/** Tokens that tend to derail a parser or a rule's assumptions about shape. */
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  "'",
  '"',
  '`',
  '${',
  '/*',
  '*/',
  '//',
  '<',
  '>',
  '=>',
  '...',
  '?.',
  '!',
  '#',
  '@',
  'as',
  'satisfies',
  'import',
  'export',
  'enum',
  'declare',
  'namespace',
  'class',
  'async',
  'await',
  'yield',
  'new',
  'typeof',
  'keyof',
  'infer',
  '\u0000',
  '\u2028',
  '\\u{',
  ';',
  ',',
  '.run',
  '["run"]',
  '?',
  ':',
  '=',
];

/** Well-formed TypeScript that exercises unusual declarations, imports and member reads. */
const SNIPPETS = [
  "import * as pluginModule from './plugin.js';\nexport const viaNamespace = (pluginModule as any).run;\nexport const nsRead = pluginModule.run;\n",
  "export async function viaDynamicImport() { return (await import('./plugin.js')).run; }\n",
  "import * as self from './self.js';\nexport const run = 1;\nexport const again = self.run;\n",
  'export const sum = ' +
    Array.from({ length: 300 }, () => 'a')
      .join(' + ')
      .replace(/^/, '') +
    ';\nconst a = 1;\n',
  'export default class { run() { return 1; } }\nexport const anon = new (class { run = 2; })().run;\n',
  "declare module 'virtual' { export const run: number; }\ndeclare global { interface Window { run(): void } }\n",
  'namespace N { export namespace M { export const run = 1; } }\nexport const nsMember = N.M.run;\n',
  'enum E { A = "RUNNING", B = "SUCCESS" }\nenum E { C = 3 }\nexport const e = E.B;\n',
  'export function* gen() { yield* gen(); }\nlabel: for (;;) { break label; }\n',
  'const key = Symbol("run");\nexport const bySymbol = { [key]: 1 }[key];\nexport const { run: renamed = 3 } = {} as { run?: number };\n',
  'export const getter = { get run() { return 1; }, set run(v: number) {} }.run;\n',
  'type Deep<T> = T extends [infer H, ...infer R] ? [H, ...Deep<R>] : [];\nexport type D = Deep<[1, 2, 3]>;\n',
  'export const tagged = String.raw`${1}${`${`x`}`}`;\n',
  '// execution-governance-disable-next-line no-direct-plugin-run\n// execution-governance-disable-next-line bogus-rule -- reason\nexport {};\n',
  "export = {};\nimport fs = require('fs');\n",
  'export const state: any = {}; state.state = "ERROR"; state["metrics"] = null;\n',
  'abstract class Base { abstract run(): void; }\nexport class Impl extends Base { override run() {} }\nnew Impl().run();\n',
  'export const arr = [..."run"].map((c) => c)["run" as never];\n',
];

function mutate(random: Random, text: string): string {
  const at = () => random.int(0, text.length);
  switch (random.int(0, 6)) {
    case 0: {
      const start = at();
      return text.slice(0, start) + text.slice(start + random.int(1, 80));
    }
    case 1: {
      const start = at();
      const chunk = text.slice(start, start + random.int(1, 200));
      const into = at();
      return text.slice(0, into) + chunk + text.slice(into);
    }
    case 2: {
      const into = at();
      return text.slice(0, into) + random.pick(TOKENS) + text.slice(into);
    }
    case 3: {
      const lines = text.split('\n');
      const i = random.int(0, lines.length - 1);
      const j = random.int(0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 4:
      return text.slice(0, at());
    case 5: {
      const lines = text.split('\n');
      lines.splice(random.int(0, lines.length), 0, random.pick(SNIPPETS));
      return lines.join('\n');
    }
    default:
      return `${text}\n${random.pick(SNIPPETS)}`;
  }
}

/** A repository fixture with one to three source files mutated (token noise, cuts, odd snippets). */
export const mutatedFixtures: Category = {
  name: 'mutated-fixtures',
  description: 'repository fixtures with sources cut, duplicated, shuffled or spiked with tokens and unusual TypeScript',
  generate(random, corpus) {
    const { name, files } = fixtureProject(random, corpus);
    const sources = sourceFiles(files);
    const changed: string[] = [];
    for (let n = random.int(1, 3); n > 0; n -= 1) {
      const file = random.pick(sources);
      let text = files[file] as string;
      const times = random.int(1, 4);
      for (let i = 0; i < times; i += 1) text = mutate(random, text);
      files[file] = text;
      changed.push(file);
    }
    // The self-import snippet needs its target.
    files['src/self.ts'] ??= 'export const run = 1;\n';
    const args = random.chance(0.3) ? ['--format', random.pick(['json', 'sarif', 'github'])] : [];
    return { category: this.name, title: `${name}: mutated ${[...new Set(changed)].join(', ')}`, files, args };
  },
};
