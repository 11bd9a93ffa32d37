import { lines, type GeneratedFile } from './file.js';
import type { PluginSpec, ProjectPlan } from './plan.js';
import type { Random } from './prng.js';

const DIR = 'src/plugins/builtin';

function basePlugin(): GeneratedFile {
  return {
    path: `${DIR}/base-plugin.ts`,
    text: `import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';

export abstract class BasePlugin implements Plugin {
  abstract readonly name: string;
  abstract readonly version: string;
  readonly capabilities: readonly string[] = ['analyze'];

  abstract run(input: PluginInput, context: PluginContext): Promise<PluginOutput>;

  protected ok(data: Record<string, unknown>, warnings: string[] = []): PluginOutput {
    return { ok: true, data, warnings };
  }

  protected fail(reason: string): PluginOutput {
    return { ok: false, data: {}, warnings: [reason] };
  }
}
`,
  };
}

/**
 * A plugin body, as lines inside `run`. `result(data, warnings)` renders the return value in
 * the plugin's style (base classes have helpers, literals build the object).
 */
function body(random: Random, spec: PluginSpec, result: (data: string, warnings: string) => string): string[] {
  const threshold = random.int(2, 90);
  switch (random.int(0, 2)) {
    case 0:
      return [
        `const values = Object.values(input).filter((value): value is number => typeof value === 'number');`,
        `const total = sumBy(values, (value) => value);`,
        `context.log('debug', \`${spec.id}: \${values.length} numeric fields\`);`,
        `const warnings = values.filter((value) => value > ${threshold}).map((value) => \`value \${value} above ${threshold}\`);`,
        `return ${result('{ total, mean: values.length ? total / values.length : 0 }', 'warnings')};`,
      ];
    case 1:
      return [
        `const text = typeof input['text'] === 'string' ? input['text'] : '';`,
        `const words = text.split(/\\s+/).filter((word) => word.length > 0);`,
        `const byLength = groupBy(words, (word) => word.length);`,
        `context.log('info', \`${spec.id}: \${words.length} words\`);`,
        `return ${result('{ words: words.length, longest: Math.max(0, ...byLength.keys()) }', `words.length > ${threshold} ? ['long input'] : []`)};`,
      ];
    default:
      return [
        `const raw = input['items'];`,
        `const items = Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [];`,
        `const unique = uniqueBy(items, (item) => item.toLowerCase());`,
        `context.log('debug', \`${spec.id}: \${unique.length}/\${items.length} unique\`);`,
        `return ${result('{ unique: unique.length, duplicates: items.length - unique.length }', `unique.length < items.length ? ['duplicates'] : []`)};`,
      ];
  }
}

/** Imports only the shared helpers the body uses, as a linter-clean codebase would. */
function helpersImport(bodyLines: readonly string[]): string | undefined {
  const joined = bodyLines.join('\n');
  const used = ['groupBy', 'sumBy', 'uniqueBy'].filter((name) => joined.includes(`${name}(`));
  return used.length > 0 ? `import { ${used.join(', ')} } from '../../modules/shared/collections';` : undefined;
}

function pluginFile(random: Random, spec: PluginSpec): GeneratedFile {
  const version = `${random.int(0, 3)}.${random.int(0, 20)}.${random.int(0, 9)}`;
  const caps = random
    .sample(['analyze', 'score', 'redact', 'index', 'report'], random.int(1, 3))
    .map((c) => `'${c}'`)
    .join(', ');
  const literal = (data: string, warnings: string) => `{ ok: true, data: ${data}, warnings: ${warnings} }`;
  const isBase = spec.style === 'base-class';
  const runBody = body(random, spec, isBase ? (data, warnings) => `this.ok(${data}, ${warnings})` : literal);
  const indented = runBody.map((line) => `    ${line}`);
  const helpers = helpersImport(runBody);
  const contract = `import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';`;
  let text: string;
  switch (spec.style) {
    case 'class':
      text = lines(
        helpers,
        contract,
        ``,
        `export class ${spec.symbol} implements Plugin {`,
        `  readonly name = '${spec.id}';`,
        `  readonly version = '${version}';`,
        `  readonly capabilities = [${caps}] as const;`,
        `  private invocations = 0;`,
        ``,
        `  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {`,
        `    this.invocations += 1;`,
        ...indented,
        `  }`,
        `}`,
      );
      break;
    case 'base-class':
      text = lines(
        helpers,
        `import type { PluginContext, PluginInput, PluginOutput } from '../plugin';`,
        `import { BasePlugin } from './base-plugin';`,
        ``,
        `export class ${spec.symbol} extends BasePlugin {`,
        `  readonly name = '${spec.id}';`,
        `  readonly version = '${version}';`,
        `  override readonly capabilities = [${caps}];`,
        ``,
        `  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {`,
        `    if (Object.keys(input).length === 0) return this.fail('empty input');`,
        ...indented,
        `  }`,
        `}`,
      );
      break;
    case 'annotated':
      text = lines(
        helpers,
        `import type { Plugin } from '../plugin';`,
        ``,
        `export const ${spec.symbol}: Plugin = {`,
        `  name: '${spec.id}',`,
        `  version: '${version}',`,
        `  capabilities: [${caps}],`,
        `  async run(input, context) {`,
        ...indented,
        `  },`,
        `};`,
      );
      break;
    case 'satisfies':
      text = lines(
        helpers,
        contract,
        ``,
        `export const ${spec.symbol} = {`,
        `  name: '${spec.id}',`,
        `  version: '${version}',`,
        `  capabilities: [${caps}],`,
        `  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {`,
        ...indented,
        `  },`,
        `} satisfies Plugin;`,
      );
      break;
  }
  return { path: `${DIR}/${spec.id}.ts`, text };
}

function index(plan: ProjectPlan): GeneratedFile {
  const isClass = (p: PluginSpec) => p.style === 'class' || p.style === 'base-class';
  return {
    path: `${DIR}/index.ts`,
    text: lines(
      `import type { Plugin } from '../plugin';`,
      ...plan.plugins.map((p) => `import { ${p.symbol} } from './${p.id}';`),
      ``,
      `export function builtinPlugins(): Plugin[] {`,
      `  return [`,
      ...plan.plugins.map((p) => `    ${isClass(p) ? `new ${p.symbol}()` : p.symbol},`),
      `  ];`,
      `}`,
    ),
  };
}

/** Built-in plugins in all four shapes the guard must recognise, plus their base and index. */
export function pluginFiles(plan: ProjectPlan, random: Random): GeneratedFile[] {
  return [basePlugin(), ...plan.plugins.map((spec) => pluginFile(random, spec)), index(plan)];
}
