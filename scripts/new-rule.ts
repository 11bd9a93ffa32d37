import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `node --import tsx scripts/new-rule.ts <rule-id> "<one-sentence description>"`: lays out a new
 * rule everywhere the convention wants it — the core check, its registration (the one rule-id
 * list and the rules table; the config schema and defaults derive from the list), the ESLint adapter and its registration, the
 * doc, both tests and a fixture project — so the meta test's sets stay equal from the first commit.
 * The generated check reports nothing and the generated doc's ❌ block expects a finding, so the
 * meta test fails until the rule is written: the scaffold is a start, never a finished rule.
 */

export interface ScaffoldOptions {
  root: string;
  ruleId: string;
  description: string;
}

/** One file the scaffold writes or edits, relative to the repository root. */
export interface ScaffoldChange {
  file: string;
  kind: 'create' | 'edit';
  text: string;
}

/** A user error: printed as one line with a hint, exit 2 (like the scanner's). */
export class ScaffoldError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Inserts `addition` right before the first match of `anchor` after `after` (if given). */
function insertBefore(text: string, anchor: string, addition: string, file: string, after?: string): string {
  const from = after === undefined ? 0 : text.indexOf(after);
  const at = from === -1 ? -1 : text.indexOf(anchor, from);
  if (at === -1) {
    throw new ScaffoldError(
      `${file} no longer has the line the scaffold edits (${JSON.stringify(anchor.trim())})`,
      "update scripts/new-rule.ts to the file's new shape",
    );
  }
  return text.slice(0, at) + addition + text.slice(at);
}

/** Inserts `line` after the last line starting with `prefix`. */
function insertAfterLast(text: string, prefix: string, line: string, file: string): string {
  const lines = text.split('\n');
  const index = lines.map((l) => l.startsWith(prefix)).lastIndexOf(true);
  if (index === -1)
    throw new ScaffoldError(`${file} has no line starting with ${JSON.stringify(prefix)}`, "update scripts/new-rule.ts to the file's new shape");
  lines.splice(index + 1, 0, line);
  return lines.join('\n');
}

/** The rule ids declared in rule-ids.ts (the one list), read from its text. */
function existingRuleIds(ruleIdsText: string): string[] {
  const list = /RULE_IDS = \[([\s\S]*?)\] as const/.exec(ruleIdsText)?.[1] ?? '';
  return [...list.matchAll(/'([a-z0-9-]+)'/g)].map((match) => match[1]!);
}

function coreRule(id: string, description: string): string {
  return `import type { RuleModule } from '../types.js';

type MessageId = 'violation';

/** ${description} */
export const ${camel(id)}: RuleModule<MessageId> = {
  id: '${id}',
  meta: {
    description: ${JSON.stringify(description)},
    messages: {
      violation: 'Describe what is wrong here and what to do instead.',
    },
  },
  // Called once per file: filter by text first and return no listeners when there is nothing to
  // do; the analyzer's one walk calls the listeners by syntax kind. Ask context.checker only
  // about the candidates left, and context.report() what is wrong.
  create(context) {
    void context;
    return undefined;
  },
};
`;
}

function adapter(id: string): string {
  return `import { adapterMeta, type AdapterOptions } from '../adapter-meta.js';
import { createRule } from '../create-rule.js';
import { reportCoreFindings } from '../report-findings.js';

/** ESLint front end of the core rule \`${id}\`; the check itself lives in @execgov/core. */
export const ${camel(id)} = createRule<AdapterOptions, string>({
  name: '${id}',
  meta: adapterMeta('${id}'),
  create: (context, options) => reportCoreFindings(context, '${id}', options),
});
`;
}

function doc(id: string, description: string): string {
  return `# ${id}

${description}

## Rule details

Why the rule exists: what goes wrong when the code does this.

## Examples

### ❌ Incorrect

\`\`\`ts title="src/services/execution/job-execution-service.ts"
// Code that the rule reports.
\`\`\`

### ✅ Correct

\`\`\`ts title="src/services/execution/job-execution-service.ts"
// The same intent, written the sanctioned way.
\`\`\`

## Options

The keys of \`execution-governance.config.json\` this rule reads (see docs/configuration.md).

## When not to use it

When the codebase has no such convention.
`;
}

function eslintTest(id: string): string {
  return `import { ${camel(id)} } from '../../src/rules/${id}.js';
import { createRuleTester, projectFile } from '../rule-tester.js';

const file = projectFile('src/services/execution/job-execution-service.ts');

createRuleTester().run('${id}', ${camel(id)}, {
  valid: [{ name: 'code written the sanctioned way', filename: file, code: 'export const ok = 1;\\n' }],
  invalid: [{ name: 'code the rule reports', filename: file, code: 'export const bad = 1;\\n', errors: [{ messageId: 'violation' }] }],
});
`;
}

function coreTest(id: string): string {
  return `import { describe, expect, it } from 'vitest';
import { analyzeVirtual, summarize } from '../helpers/rule-program.js';

describe('${id}', () => {
  it('reports the violation it exists for', () => {
    const { findings, errors } = analyzeVirtual('${id}', { 'src/a.ts': 'export const bad = 1;\\n' });
    expect(errors).toEqual([]);
    expect(summarize(findings)).toEqual(['src/a.ts:1:14 violation']);
  });
});
`;
}

/** Every file the scaffold creates or edits, computed without writing anything. */
export function planScaffold({ root, ruleId, description }: ScaffoldOptions): ScaffoldChange[] {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(ruleId)) {
    throw new ScaffoldError(`"${ruleId}" is not a kebab-case rule id`, 'use lowercase words joined by dashes, e.g. no-shadow-runner');
  }
  if (description.trim().length === 0) throw new ScaffoldError('the description is empty', 'pass one sentence saying what the rule enforces');
  const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
  const ruleIdsFile = 'packages/core/src/rule-ids.ts';
  if (read(ruleIdsFile).includes(`'${ruleId}'`)) throw new ScaffoldError(`rule "${ruleId}" already exists`, 'pick another id');

  const edits: Array<[string, (text: string, file: string) => string]> = [
    [ruleIdsFile, (t, f) => insertBefore(t, '] as const;', `  '${ruleId}',\n`, f)],
    [
      'packages/core/src/rules/index.ts',
      (t, f) =>
        insertBefore(
          insertAfterLast(t, 'import {', `import { ${camel(ruleId)} } from './${ruleId}.js';`, f),
          '};',
          `  '${ruleId}': ${camel(ruleId)},\n`,
          f,
          'export const rules',
        ),
    ],
    [
      'packages/eslint-plugin/src/index.ts',
      (t, f) =>
        insertBefore(
          insertAfterLast(t, 'import { ', `import { ${camel(ruleId)} } from './rules/${ruleId}.js';`, f),
          '};',
          `  '${ruleId}': ${camel(ruleId)},\n`,
          f,
          'export const rules',
        ),
    ],
  ];
  const creates: Array<[string, string]> = [
    [`packages/core/src/rules/${ruleId}.ts`, coreRule(ruleId, description)],
    [`packages/core/tests/rules/${ruleId}.test.ts`, coreTest(ruleId)],
    [`packages/eslint-plugin/src/rules/${ruleId}.ts`, adapter(ruleId)],
    [`packages/eslint-plugin/docs/rules/${ruleId}.md`, doc(ruleId, description)],
    [`packages/eslint-plugin/tests/rules/${ruleId}.test.ts`, eslintTest(ruleId)],
    [
      `fixtures/${ruleId}/tsconfig.json`,
      `${JSON.stringify({ compilerOptions: { strict: true, lib: ['ES2022'], types: [], module: 'ESNext', moduleResolution: 'Bundler', noEmit: true }, include: ['src'] }, null, 2)}\n`,
    ],
    [
      `fixtures/${ruleId}/execution-governance.config.json`,
      `${JSON.stringify({ rules: Object.fromEntries(existingRuleIds(read('packages/core/src/rule-ids.ts')).map((id) => [id, 'off'])) }, null, 2)}\n`,
    ],
    [`fixtures/${ruleId}/src/example.ts`, `// Each offending line ends with: // expect: ${ruleId}\nexport const example = 1;\n`],
  ];
  for (const [file] of creates) {
    if (fs.existsSync(path.join(root, file))) throw new ScaffoldError(`${file} already exists`, 'remove it or pick another id');
  }
  return [
    ...edits.map(([file, edit]): ScaffoldChange => ({ file, kind: 'edit', text: edit(read(file), file) })),
    ...creates.map(([file, text]): ScaffoldChange => ({ file, kind: 'create', text })),
  ];
}

/** Writes a planned scaffold. */
export function writeScaffold(root: string, changes: readonly ScaffoldChange[]): void {
  for (const change of changes) {
    const target = path.join(root, change.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, change.text);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(import.meta.dirname, '..');
  const [ruleId = '', description = ''] = process.argv.slice(2);
  try {
    const changes = planScaffold({ root, ruleId, description });
    writeScaffold(root, changes);
    for (const change of changes) process.stdout.write(`${change.kind === 'create' ? 'created' : 'edited '} ${change.file}\n`);
    // The shipped JSON Schema derives from the zod schema just edited.
    const schema = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-config-schema.ts'], { cwd: root, stdio: 'inherit' });
    process.stdout.write(`\nNext: write the check in packages/core/src/rules/${ruleId}.ts, then the doc's examples, the tests and fixtures/${ruleId}.\n`);
    process.exitCode = schema.status ?? 1;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    process.stderr.write(`error: ${error.message}\nhint: ${error.hint}\nusage: node --import tsx scripts/new-rule.ts <rule-id> "<one-sentence description>"\n`);
    process.exitCode = 2;
  }
}
