import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASELINE_FILE_NAME,
  CONFIG_FILE_NAME,
  ConfigError,
  configDigest,
  conventionalBaseline,
  createBaselineLocator,
  createNodeHost,
  findConfigFile,
  loadConfig,
} from '../../src/index.js';

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

describe('configDigest below the working directory (nested configs ESLint can meet)', () => {
  it('covers every config and baseline below, and nothing in node_modules or dot-directories', () => {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-digest-'));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(top, file)), { recursive: true });
        fs.writeFileSync(path.join(top, file), text);
      };
      write(CONFIG_FILE_NAME, '{}');
      write(`src/legacy/${CONFIG_FILE_NAME}`, '{}');
      const before = configDigest(top);
      write(`src/legacy/${CONFIG_FILE_NAME}`, '{"rules":{"no-layer-bypass":"off"}}');
      const edited = configDigest(top);
      expect(edited).not.toBe(before);
      write(`src/legacy/deeper/${BASELINE_FILE_NAME}`, '{"schemaVersion":1,"findings":[]}');
      const withBaseline = configDigest(top);
      expect(withBaseline).not.toBe(edited);
      write(`node_modules/dep/${CONFIG_FILE_NAME}`, '{}');
      write(`.git/${CONFIG_FILE_NAME}`, '{}');
      write(`.cache/x/${BASELINE_FILE_NAME}`, '{}');
      expect(configDigest(top)).toBe(withBaseline);
    } finally {
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});

describe('conventionalBaseline: the baseline beside the nearest config on the chain that has one', () => {
  it('a nested config without a baseline keeps the one above; one with a baseline uses its own; a baseline beside no config counts for nothing', () => {
    const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-chain-')));
    try {
      const write = (file: string, text = '{}') => {
        fs.mkdirSync(path.dirname(path.join(top, file)), { recursive: true });
        fs.writeFileSync(path.join(top, file), text);
      };
      for (const dir of ['', 'a/', 'a/b/', 'c/']) write(`${dir}${CONFIG_FILE_NAME}`);
      write(BASELINE_FILE_NAME);
      write(`c/${BASELINE_FILE_NAME}`);
      write(`a/no-config/${BASELINE_FILE_NAME}`);
      const host = createNodeHost();
      expect(conventionalBaseline(path.join(top, 'a/b', CONFIG_FILE_NAME), host)).toBe(path.join(top, BASELINE_FILE_NAME));
      expect(conventionalBaseline(path.join(top, 'c', CONFIG_FILE_NAME), host)).toBe(path.join(top, 'c', BASELINE_FILE_NAME));
      expect(conventionalBaseline(null, host)).toBeUndefined();
      const locate = createBaselineLocator({ host });
      expect(locate(path.join(top, 'a/no-config/x.ts'))).toBe(path.join(top, BASELINE_FILE_NAME));
      expect(locate(path.join(top, 'c/d/y.ts'))).toBe(path.join(top, 'c', BASELINE_FILE_NAME));
      // An explicit config (the CLI's --config, any name) governs every file: its chain starts beside it.
      write('conf/strict.json');
      write(`conf/${BASELINE_FILE_NAME}`);
      expect(createBaselineLocator({ host, configFile: path.join(top, 'conf/strict.json') })(path.join(top, 'c/y.ts'))).toBe(
        path.join(top, 'conf', BASELINE_FILE_NAME),
      );
    } finally {
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});
