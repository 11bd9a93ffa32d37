import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../packages/core/src/rule-ids.js';
import { ScaffoldError, planScaffold, writeScaffold, type ScaffoldChange } from './new-rule.js';
import * as fs from 'node:fs';
import * as os from 'node:os';

const root = path.resolve(import.meta.dirname, '..');

function plan(ruleId: string): Map<string, ScaffoldChange> {
  return new Map(planScaffold({ root, ruleId, description: 'Example rule for the scaffold test.' }).map((c) => [c.file, c]));
}

describe('new-rule scaffold (planned against this repository, nothing written)', () => {
  const changes = plan('no-example-thing');

  it('creates the check, adapter, doc, both tests and a fixture under one id', () => {
    const created = [...changes.values()]
      .filter((c) => c.kind === 'create')
      .map((c) => c.file)
      .sort();
    expect(created).toEqual([
      'fixtures/no-example-thing/execution-governance.config.json',
      'fixtures/no-example-thing/src/example.ts',
      'fixtures/no-example-thing/tsconfig.json',
      'packages/core/src/rules/no-example-thing.ts',
      'packages/core/tests/rules/no-example-thing.test.ts',
      'packages/eslint-plugin/docs/rules/no-example-thing.md',
      'packages/eslint-plugin/src/rules/no-example-thing.ts',
      'packages/eslint-plugin/tests/rules/no-example-thing.test.ts',
    ]);
  });

  it('registers the rule in the one id list, the rules table and the plugin (schema and defaults derive from the list)', () => {
    const text = (file: string) => changes.get(file)?.text ?? '';
    expect(text('packages/core/src/rule-ids.ts')).toMatch(/'valid-lifecycle-states',\n  'no-example-thing',\n\] as const;/);
    expect(text('packages/core/src/rules/index.ts')).toContain("import { noExampleThing } from './no-example-thing.js';");
    expect(text('packages/core/src/rules/index.ts')).toMatch(/'no-example-thing': noExampleThing,\n\};/);
    expect(changes.has('packages/core/src/config/schema.ts')).toBe(false);
    expect(changes.has('packages/core/src/config/defaults.ts')).toBe(false);
    const fixtureConfig = JSON.parse(text('fixtures/no-example-thing/execution-governance.config.json')) as { rules: Record<string, string> };
    expect(Object.keys(fixtureConfig.rules)).toEqual([...RULE_IDS]);
    expect(text('packages/eslint-plugin/src/index.ts')).toContain("import { noExampleThing } from './rules/no-example-thing.js';");
    expect(text('packages/eslint-plugin/src/index.ts')).toMatch(/'no-example-thing': noExampleThing,\n\};/);
  });

  it('writes TypeScript that parses, and a doc with every required heading', () => {
    for (const change of changes.values()) {
      if (!change.file.endsWith('.ts')) continue;
      const output = ts.transpileModule(change.text, { reportDiagnostics: true, fileName: change.file });
      expect(output.diagnostics ?? [], change.file).toEqual([]);
    }
    const doc = changes.get('packages/eslint-plugin/docs/rules/no-example-thing.md')!.text;
    for (const heading of [
      '# no-example-thing',
      '## Rule details',
      '## Examples',
      '### ❌ Incorrect',
      '### ✅ Correct',
      '## Options',
      '## When not to use it',
    ]) {
      expect(doc.split('\n')).toContain(heading);
    }
  });

  it('refuses an existing rule, a non-kebab id and an empty description', () => {
    expect(() => plan('no-direct-plugin-run')).toThrow(ScaffoldError);
    expect(() => plan('NoThing')).toThrow(/kebab-case/);
    expect(() => planScaffold({ root, ruleId: 'no-thing', description: ' ' })).toThrow(/description is empty/);
  });

  it('keeps working once a fifth rule exists: scaffolding two rules in a row edits every registration twice', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-scaffold-'));
    try {
      for (const file of ['packages/core/src/rule-ids.ts', 'packages/core/src/rules/index.ts', 'packages/eslint-plugin/src/index.ts']) {
        fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        fs.copyFileSync(path.join(root, file), path.join(copy, file));
      }
      writeScaffold(copy, planScaffold({ root: copy, ruleId: 'no-fifth-thing', description: 'The fifth rule.' }));
      const sixth = new Map(planScaffold({ root: copy, ruleId: 'no-sixth-thing', description: 'The sixth rule.' }).map((c) => [c.file, c.text]));
      expect(sixth.get('packages/core/src/rule-ids.ts')).toMatch(/'no-fifth-thing',\n  'no-sixth-thing',\n\] as const;/);
      expect(sixth.get('packages/core/src/rules/index.ts')).toMatch(/'no-fifth-thing': noFifthThing,\n  'no-sixth-thing': noSixthThing,\n\};/);
      expect(sixth.get('packages/eslint-plugin/src/index.ts')).toMatch(/'no-fifth-thing': noFifthThing,\n  'no-sixth-thing': noSixthThing,\n\};/);
      const config = JSON.parse(sixth.get('fixtures/no-sixth-thing/execution-governance.config.json')!) as { rules: Record<string, string> };
      expect(Object.keys(config.rules)).toEqual([...RULE_IDS, 'no-fifth-thing']);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
