import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getResultJsonSchema } from '../src/result.js';

const schemaFile = path.join(import.meta.dirname, '../result.schema.json');

describe('result.schema.json', () => {
  it('equals the JSON Schema generated from the zod schema (run `pnpm --filter @execgov/scanner generate:schema`)', () => {
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(`${JSON.stringify(getResultJsonSchema(), null, 2)}\n`);
  });

  it('documents every field a finding carries', () => {
    const schema = getResultJsonSchema() as { properties: { findings: { items: { required: string[] } } } };
    expect(schema.properties.findings.items.required.sort()).toEqual(
      ['absolutePath', 'column', 'data', 'endColumn', 'endLine', 'file', 'fingerprint', 'line', 'message', 'messageId', 'ruleId', 'severity'].sort(),
    );
  });
});
