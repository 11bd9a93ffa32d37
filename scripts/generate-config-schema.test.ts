import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, renderConfigSchema } from './generate-config-schema.js';

describe('packages/core/schema.json', () => {
  it('is the JSON Schema generated from the config schema (run `node --import tsx scripts/generate-config-schema.ts`)', () => {
    expect(fs.readFileSync(CONFIG_SCHEMA_FILE, 'utf8')).toBe(renderConfigSchema());
  });

  it('names every top-level config key', () => {
    const schema = JSON.parse(renderConfigSchema()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['$schema', 'configChecks', 'exclude', 'guards', 'include', 'layers', 'lifecycle', 'rules', 'runner', 'shared'].sort(),
    );
  });
});
