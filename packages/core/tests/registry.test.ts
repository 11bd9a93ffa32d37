import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, RULE_IDS, configSchema, getConfigJsonSchema, resolveConfig, rules } from '../src/index.js';

// The rule list is declared once (rule-ids.ts); everything else derives from it or is checked here.
// The boolean options that sit beside the rule severities in `rules`.
const OPTION_KEYS = ['reportUntyped', 'reportPresenceChecks'];

describe('one rule registry', () => {
  const ids = [...RULE_IDS].sort();

  it('the rules table holds exactly the declared ids, each rule under its own id', () => {
    expect(Object.keys(rules).sort()).toEqual(ids);
    for (const id of RULE_IDS) expect(rules[id].id).toBe(id);
  });

  it('the config schema, its JSON Schema and the defaults name every rule and nothing else', () => {
    const ruleKeys = Object.keys(configSchema.shape.rules.unwrap().shape).filter((key) => !OPTION_KEYS.includes(key));
    expect(ruleKeys.sort()).toEqual(ids);
    const json = getConfigJsonSchema() as { properties: { rules: { properties: Record<string, unknown> } } };
    expect(
      Object.keys(json.properties.rules.properties)
        .filter((key) => !OPTION_KEYS.includes(key))
        .sort(),
    ).toEqual(ids);
    expect(
      Object.keys(DEFAULT_CONFIG.rules)
        .filter((key) => !OPTION_KEYS.includes(key))
        .sort(),
    ).toEqual(ids);
  });

  it('a resolved config has one severity per rule', () => {
    const config = resolveConfig({ rules: { 'no-layer-bypass': 'warn' } }, { configFile: null, configDir: '/' });
    expect(Object.keys(config.rules).sort()).toEqual(ids);
    expect(config.rules['no-layer-bypass']).toBe('warn');
  });

  it('every rule has a core test and a fixture project', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const tests = fs
      .readdirSync(path.join(root, 'packages/core/tests/rules'))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.test.ts'.length));
    expect(tests.sort()).toEqual(ids);
    const fixtureText = fs
      .readdirSync(path.join(root, 'fixtures'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(root, 'fixtures', f), 'utf8'))
      .join('\n');
    for (const id of RULE_IDS) expect(fixtureText, `a fixture line marked // expect: ${id}`).toContain(`// expect: ${id}`);
  });
});
