import type { Category } from '../case.js';
import { miniProject, violationReported } from '../project.js';

/** Ways to nest an expression or statement `depth` levels deep (or chain it `depth` long). */
const SHAPES: ReadonlyArray<{ name: string; build(depth: number): string }> = [
  { name: 'parentheses', build: (d) => `export const v = ${'('.repeat(d)}1${')'.repeat(d)};\n` },
  { name: 'nested calls', build: (d) => `const f = (x: unknown) => x;\nexport const v = ${'f('.repeat(d)}1${')'.repeat(d)};\n` },
  { name: 'a + a + … chain', build: (d) => `const a = 'x';\nexport const v = ${Array.from({ length: d }, () => 'a').join(' + ')};\n` },
  {
    name: 'string concatenation chain',
    build: (d) => `export let state: 'LOADED' | 'FAILED' = 'LOADED';\nstate = ('LOADED' + ${Array.from({ length: d }, () => "''").join(' + ')}) as 'LOADED';\n`,
  },
  { name: 'nested arrays', build: (d) => `export const v = ${'['.repeat(d)}${']'.repeat(d)};\n` },
  { name: 'nested object literals', build: (d) => `export const v = ${'{ a: '.repeat(d)}1${' }'.repeat(d)};\n` },
  { name: 'nested ternaries', build: (d) => `declare const c: boolean;\nexport const v = ${'c ? 1 : '.repeat(d)}0;\n` },
  { name: 'arrow chain', build: (d) => `export const v = ${'() => '.repeat(d)}1;\n` },
  { name: 'nested blocks', build: (d) => `export function f() {\n${'{'.repeat(d)}${'}'.repeat(d)}\n}\n` },
  { name: 'nested ifs', build: (d) => `declare const c: boolean;\nexport function f() {\n${'if (c) '.repeat(d)}return 1;\n}\n` },
  { name: 'property chain', build: (d) => `declare const o: any;\nexport const v = o${'.run'.repeat(d)};\n` },
  { name: 'method-call chain', build: (d) => `declare const o: any;\nexport const v = o${'.run()'.repeat(d)};\n` },
  { name: 'nested template literals', build: (d) => `export const v = ${'`${'.repeat(d)}1${'}`'.repeat(d)};\n` },
  { name: 'nested generic types', build: (d) => `export type T = ${'Array<'.repeat(d)}string${'>'.repeat(d)};\n` },
  { name: 'nested namespaces', build: (d) => `${'namespace N { '.repeat(d)}export const run = 1;${' }'.repeat(d)}\n` },
  { name: 'unary chain', build: (d) => `export const v = ${'!'.repeat(d)}1;\n` },
  { name: 'unclosed parentheses', build: (d) => `export const v = ${'('.repeat(d)}1;\n` },
];

const DEPTHS = [50, 200, 500, 1000, 2000, 2500, 3000, 5000, 8000];

/** One deeply nested (or very long chained) construct in a small project with a known violation. */
export const deepNesting: Category = {
  name: 'deep-nesting',
  description:
    'parentheses, calls, arrays, objects, ternaries, arrows, blocks, ifs, member chains, templates, generics, namespaces and `a + a + …` nested or chained 50–8,000 deep',
  generate(random) {
    const shape = random.pick(SHAPES);
    const depth = random.pick(DEPTHS);
    const file = 'src/deep/nested.ts';
    return {
      category: this.name,
      title: `${shape.name} × ${depth}`,
      files: miniProject({ [file]: shape.build(depth) }),
      args: random.chance(0.3) ? ['--format', 'json'] : [],
      // Whatever happens to the deep file, every other file must still be scanned.
      check: violationReported,
    };
  },
};
