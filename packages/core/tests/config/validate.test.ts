import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, resolveConfig } from '../../src/index.js';

const where = { configFile: '/repo/execution-governance.config.json', configDir: '/repo' };

function issuesOf(raw: unknown): string[] {
  try {
    resolveConfig(raw, where);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('resolveConfig', () => {
  it('applies every default to an empty config and freezes the result', () => {
    const config = resolveConfig({}, where);
    expect(config.guards).toEqual(DEFAULT_CONFIG.guards);
    expect(config.layers.map((layer) => layer.name)).toEqual(DEFAULT_CONFIG.layers.map((layer) => layer.name));
    expect(config.rules).toEqual({
      'no-direct-plugin-run': 'error',
      'no-layer-bypass': 'error',
      'tool-runner-invariants': 'error',
      'valid-lifecycle-states': 'error',
    });
    expect(config.reportUntyped).toBe(false);
    expect(Object.isFrozen(config) && Object.isFrozen(config.guards[0]) && Object.isFrozen(config.guards[0]!.members)).toBe(true);
  });

  it('replaces a top-level key wholesale and merges rules key by key', () => {
    const config = resolveConfig({ layers: [], rules: { 'no-layer-bypass': 'warn', reportUntyped: true } }, where);
    expect(config.layers).toEqual([]);
    expect(config.rules['no-layer-bypass']).toBe('warn');
    expect(config.rules['no-direct-plugin-run']).toBe('error');
    expect(config.reportUntyped).toBe(true);
  });

  it('fills guard defaults (access "any", no sanctioned file)', () => {
    const config = resolveConfig({ guards: [{ name: 'tool', type: { name: 'Tool', package: 'ai' }, members: ['execute'] }] }, where);
    expect(config.guards[0]).toMatchObject({ access: 'any', allowIn: [] });
  });

  it('names the JSON path of every problem at once', () => {
    expect(
      issuesOf({
        guards: [{ name: 'x', type: { name: 'P', from: 'a.ts', package: 'p' }, members: [], access: 'read' }],
        layers: [{ name: 'api' }],
        rules: { 'no-direct-plugin-run': 'on', 'made-up-rule': 'error' },
        unknownKey: true,
      }),
    ).toEqual([
      '$.guards[0].type: give exactly one of "from" (a file) or "package"',
      '$.guards[0].members: Too small: expected array to have >=1 items',
      '$.guards[0].access: Invalid option: expected one of "any"|"write"',
      '$.layers[0].files: Invalid input: expected array, received undefined',
      '$.rules["no-direct-plugin-run"]: Invalid option: expected one of "error"|"warn"|"off"',
      '$.rules: Unrecognized key: "made-up-rule"',
      '$: Unrecognized key: "unknownKey"',
    ]);
  });

  it('rejects a config that is not an object', () => {
    expect(issuesOf([1, 2])).toEqual(['$: Invalid input: expected object, received array']);
  });

  it('rejects a config that is not an object, null included, and treats only a missing one as the defaults', () => {
    for (const raw of [null, [], 0, 'config', true]) expect(issuesOf(raw), JSON.stringify(raw)).toHaveLength(1);
    expect(issuesOf(null)[0]).toMatch(/^\$: .*object/);
    expect(issuesOf(undefined)).toEqual([]);
  });

  it('rejects globs picomatch cannot use with the JSON path, in every key that holds one', () => {
    const long = 'a'.repeat(65_537);
    const guard = { name: 'g', type: { name: 'Plugin', from: long }, members: ['run'], allowIn: [long] };
    const runner = { ...DEFAULT_CONFIG.runner, file: long };
    const issues = issuesOf({ include: [long], exclude: ['ok/**', long], shared: [long], guards: [guard], layers: [{ name: 'a', files: [long] }], runner });
    expect(issues.map((issue) => issue.split(':')[0])).toEqual([
      '$.include[0]',
      '$.exclude[1]',
      '$.guards[0].type.from',
      '$.guards[0].allowIn[0]',
      '$.layers[0].files[0]',
      '$.shared[0]',
      '$.runner.file',
    ]);
    expect(issues[0]).toContain('at most 65536 characters');
    expect(issuesOf({ include: ['a'.repeat(65_536)] })).toEqual([]);
  });
});
