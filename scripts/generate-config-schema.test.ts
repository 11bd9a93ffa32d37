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

  it('describes every key, at every depth (editor hovers are never empty)', () => {
    type Node = { description?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; allOf?: Node[]; $ref?: string };
    const schema = JSON.parse(renderConfigSchema()) as Node & { $defs?: Record<string, Node> };
    const resolve = (node: Node): Node => (node.$ref?.startsWith('#/$defs/') ? (schema.$defs?.[node.$ref.slice(8)] ?? node) : node);
    const described = (node: Node): boolean =>
      Boolean(node.description ?? resolve(node).description ?? [...(node.anyOf ?? []), ...(node.allOf ?? [])].some(described));
    const missing: string[] = [];
    const walk = (node: Node, at: string, seen: Set<Node>): void => {
      const target = resolve(node);
      if (seen.has(target)) return;
      seen.add(target);
      for (const [key, child] of Object.entries(target.properties ?? {})) {
        if (!described(child)) missing.push(`${at}.${key}`);
        walk(child, `${at}.${key}`, seen);
      }
      if (target.items) walk(target.items, `${at}[]`, seen);
      for (const branch of [...(target.anyOf ?? []), ...(target.allOf ?? [])]) walk(branch, at, seen);
    };
    walk(schema, '$', new Set());
    expect(missing).toEqual([]);
  });
});
