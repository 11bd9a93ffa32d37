import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_FILE_NAME, CONFIG_FILE_NAME, ConfigError, configDigest, findConfigFile, loadConfig } from '../../src/index.js';

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-config-'));
  fs.mkdirSync(path.join(root, 'app/src/deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'app', CONFIG_FILE_NAME), JSON.stringify({ layers: [], rules: { reportUntyped: true } }));
  fs.writeFileSync(path.join(root, 'broken.json'), '{\n  "rules": {\n    "x": 1,,\n  }\n}');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('config loading', () => {
  it('finds the nearest config upward and resolves paths against its folder', () => {
    const start = path.join(root, 'app/src/deep');
    expect(findConfigFile(start)).toBe(path.join(root, 'app', CONFIG_FILE_NAME));
    const config = loadConfig({ startDir: start });
    expect(config.configDir).toBe(path.join(root, 'app'));
    expect(config.reportUntyped).toBe(true);
    expect(config.layers).toEqual([]);
  });

  it('falls back to the defaults, relative to the start folder, when there is no config', () => {
    const config = loadConfig({ startDir: root });
    expect(config.configFile).toBeNull();
    expect(config.configDir).toBe(root);
    expect(config.guards.map((guard) => guard.name)).toEqual(['plugin-run', 'registry-state']);
  });

  it('says where a file is not valid JSON, with line and column', () => {
    const error = (() => {
      try {
        loadConfig({ startDir: root, configFile: 'broken.json' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.message).toMatch(/^not valid JSON at line 3, column 12: /);
  });

  it('reports a missing explicit config file as a config error, not a crash', () => {
    expect(() => loadConfig({ startDir: root, configFile: 'missing.json' })).toThrow(/cannot read the file \(ENOENT\)/);
  });
});

describe('configDigest (ESLint --cache keys on it)', () => {
  it('changes when a config or the baseline beside it changes, and not otherwise', () => {
    const start = path.join(root, 'app/src/deep');
    const before = configDigest(start);
    expect(configDigest(start)).toBe(before);
    const baseline = path.join(root, 'app', BASELINE_FILE_NAME);
    fs.writeFileSync(baseline, '{"schemaVersion":1,"findings":[]}');
    const withBaseline = configDigest(start);
    expect(withBaseline).not.toBe(before);
    fs.writeFileSync(baseline, '{"schemaVersion":1,"findings":[{"fingerprint":"f","ruleId":"r","file":"x","message":""}]}');
    expect(configDigest(start)).not.toBe(withBaseline);
    fs.rmSync(baseline);
    expect(configDigest(start)).toBe(before);
  });
});
