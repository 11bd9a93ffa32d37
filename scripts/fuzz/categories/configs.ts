import type { Category, Entry, Outcome } from '../case.js';
import { miniProject } from '../project.js';
import type { Random } from '../random.js';

const CONFIG = 'execution-governance.config.json';
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Globs picomatch may choke on: unbalanced, inverted ranges, extglobs, brace bombs, huge. */
const GLOBS: ReadonlyArray<(r: Random) => string> = [
  () => '[',
  () => '{a,b',
  () => '**/[z-a].ts',
  () => '!(',
  () => '+(a|b',
  () => '@(a|*(b|?(c)))'.repeat(20),
  () => '{a,b}'.repeat(20),
  () => '{1..100000}',
  () => '\\',
  () => '**/'.repeat(2000),
  (r) => 'a'.repeat(r.pick([65_537, 70_000, 200_000])),
  (r) => `**/${'*'.repeat(r.pick([100, 5000]))}.ts`,
  () => '/absolute/**',
  () => '../../../**',
  () => '\u0000',
  () => '\n',
];

/** Config files tsc never sees: wrong JSON, wrong shapes, odd values in every key. */
const CONFIGS: ReadonlyArray<{ name: string; make(r: Random): Entry }> = [
  { name: 'null', make: () => 'null' },
  { name: 'empty array', make: () => '[]' },
  { name: 'number', make: () => '0' },
  { name: 'string', make: () => '"config"' },
  { name: 'true', make: () => 'true' },
  { name: 'empty file', make: () => '' },
  {
    name: 'truncated JSON',
    make: (r) => {
      const t = json({ rules: { 'no-layer-bypass': 'off' } });
      return t.slice(0, r.int(1, t.length - 2));
    },
  },
  { name: 'JSON with comments', make: () => '// comment\n{ "rules": {} }' },
  { name: 'BOM before JSON', make: () => '\ufeff{}' },
  { name: 'binary bytes', make: (r) => r.bytes(r.int(1, 200)) },
  {
    name: 'deeply nested JSON',
    make: (r) => {
      const d = r.pick([1000, 10_000, 100_000]);
      return `{ "include": ${'['.repeat(d)}${']'.repeat(d)} }`;
    },
  },
  { name: 'odd glob in a list', make: (r) => json({ [r.pick(['include', 'exclude', 'shared'])]: [r.pick(GLOBS)(r)] }) },
  {
    name: 'odd glob in a guard',
    make: (r) => json({ guards: [{ name: 'g', type: { name: 'Plugin', from: r.pick(GLOBS)(r) }, members: ['run'], allowIn: [r.pick(GLOBS)(r)] }] }),
  },
  {
    name: 'odd glob in a layer',
    make: (r) =>
      json({
        layers: [
          { name: 'a', files: [r.pick(GLOBS)(r)] },
          { name: 'b', files: ['src/**'] },
        ],
      }),
  },
  {
    name: 'odd runner file glob',
    make: (r) =>
      json({
        runner: { file: r.pick(GLOBS)(r), class: 'X', method: 'run', validateInput: ['a'], validateOutput: ['b'], errorEnvelope: ['c'], recordMetrics: ['d'] },
      }),
  },
  {
    name: 'wrong type for a key',
    make: (r) =>
      json({ [r.pick(['include', 'exclude', 'guards', 'layers', 'shared', 'runner', 'lifecycle', 'rules'])]: r.pick([null, 1, 'x', {}, [1], true]) }),
  },
  { name: 'unknown key', make: () => json({ includes: ['src'] }) },
  { name: 'bad severity', make: (r) => json({ rules: { 'no-direct-plugin-run': r.pick(['fatal', 2, null, '']) } }) },
  { name: 'unknown rule', make: () => json({ rules: { 'no-such-rule': 'error' } }) },
  { name: 'guard type in neither file nor package', make: () => json({ guards: [{ name: 'g', type: { name: 'Plugin' }, members: ['run'] }] }) },
  { name: 'guard for a package', make: () => json({ guards: [{ name: 'g', type: { name: 'Plugin', package: 'not-installed' }, members: ['run'] }] }) },
  {
    name: 'guard on odd members',
    make: (r) =>
      json({
        guards: [
          {
            name: 'g',
            type: { name: r.pick(['Plugin', 'Promise', 'Object', 'Array', '__proto__', 'constructor']), from: r.pick(['**/*', 'src/plugins/plugin.ts']) },
            members: [r.pick(['run', 'constructor', '__proto__', 'toString', 'then', 'length', '[Symbol.iterator]'])],
            access: r.pick(['any', 'write']),
          },
        ],
      }),
  },
  {
    name: 'lifecycle of a non-union type',
    make: (r) => json({ lifecycle: { type: { name: r.pick(['Plugin', 'string', 'Array']), from: '**/*' }, states: ['A'], forbidden: ['B'] } }),
  },
  { name: 'empty lists', make: () => json({ include: [], exclude: [], guards: [], layers: [], shared: [] }) },
  { name: 'empty strings', make: () => json({ include: [''], guards: [{ name: '', type: { name: '', from: '' }, members: [''] }] }) },
  { name: '__proto__ and constructor keys', make: () => '{ "__proto__": { "rules": { "no-direct-plugin-run": "off" } }, "constructor": 1 }' },
  { name: 'duplicate keys', make: () => '{ "rules": {}, "rules": { "no-direct-plugin-run": "warn" } }' },
  {
    name: 'thousands of guards',
    make: (r) =>
      json({
        guards: Array.from({ length: r.int(500, 3000) }, (_, i) => ({
          name: `g${i}`,
          type: { name: 'Plugin', from: '**/plugin.ts' },
          members: ['run', `m${i}`],
        })),
      }),
  },
  {
    name: 'control characters in names',
    make: () => json({ guards: [{ name: 'g\u001b[31m\n', type: { name: 'Plugin\n', from: '**/plugin.ts' }, members: ['run\u0000'] }] }),
  },
  { name: 'config is a directory', make: () => ({ directory: true }) },
];

const rejected = (outcome: Outcome): string | undefined =>
  outcome.exitCode === 2 ? undefined : `a config that is not an object was accepted (exit ${outcome.exitCode})`;

/** execution-governance.config.json as null, arrays, bad JSON, odd globs, wrong types, huge. */
export const configs: Category = {
  name: 'configs',
  description: 'config files holding null/[]/scalars, bad or deep JSON, odd and 65k+ character globs, wrong types, unknown keys, huge guard lists',
  generate(random) {
    const config = random.pick(CONFIGS);
    const viaFlag = random.chance(0.3);
    const notAnObject = ['null', 'empty array', 'number', 'string', 'true'].includes(config.name);
    return {
      category: this.name,
      title: `${config.name}${viaFlag ? ' (--config)' : ''}`,
      files: miniProject({ [CONFIG]: config.make(random) }),
      args: viaFlag ? ['--config', CONFIG] : [],
      ...(notAnObject ? { check: rejected } : {}),
    };
  },
};
