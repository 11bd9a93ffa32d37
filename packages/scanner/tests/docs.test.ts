import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, getConfigJsonSchema, resolveConfig } from '@execgov/core';
import { describe, expect, it } from 'vitest';
import { usage } from '../src/args.js';
import { CLEAN_LINE, reporters } from '../src/reporters/index.js';

const docsDir = path.resolve(import.meta.dirname, '../../../docs');
const examplesDir = path.join(docsDir, 'examples');
const configurationMd = fs.readFileSync(path.join(docsDir, 'configuration.md'), 'utf8');
const cliMd = fs.readFileSync(path.join(docsDir, 'cli.md'), 'utf8');

/** The ```json block right after `<!-- marker -->` in a markdown text. */
function jsonBlockAfter(markdown: string, marker: string): string {
  const match = new RegExp(`<!-- ${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->\\n\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(markdown);
  if (!match?.[1]) throw new Error(`no json block after <!-- ${marker} --> in the doc`);
  return match[1];
}

const examples = fs
  .readdirSync(examplesDir)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('docs/examples: configs for other codebases', () => {
  it('there are the two documented examples', () => {
    expect(examples).toEqual(['ai-sdk.execution-governance.config.json', 'rollup.execution-governance.config.json']);
  });

  for (const name of examples) {
    it(`${name} is valid for the core's resolveConfig`, () => {
      const file = path.join(examplesDir, name);
      const config = resolveConfig(JSON.parse(fs.readFileSync(file, 'utf8')), { configFile: file, configDir: examplesDir });
      expect(config.guards.length).toBeGreaterThan(0);
      expect(config.rules['no-direct-plugin-run']).toBe('error');
    });

    it(`${name} is shown verbatim in docs/configuration.md`, () => {
      expect(jsonBlockAfter(configurationMd, `example: ${name}`)).toBe(fs.readFileSync(path.join(examplesDir, name), 'utf8'));
    });
  }
});

describe('docs/configuration.md', () => {
  it('has a section for every top-level key of the schema', () => {
    const keys = Object.keys((getConfigJsonSchema() as { properties: Record<string, unknown> }).properties);
    for (const key of keys) expect(configurationMd).toContain(`### \`${key}\``);
  });

  it('shows the defaults exactly as the core applies them', () => {
    expect(JSON.parse(jsonBlockAfter(configurationMd, 'defaults'))).toEqual(DEFAULT_CONFIG);
  });
});

describe('docs/cli.md', () => {
  it('shows the usage exactly as --help prints it', () => {
    const match = /<!-- usage:[^>]*-->\n```text\n([\s\S]*?)```/.exec(cliMd);
    expect(match?.[1], 'docs/cli.md has a ```text block after <!-- usage: … -->').toBe(usage());
  });

  it('documents every option of --help, every format and the three exit codes', () => {
    for (const option of new Set(usage().match(/--[a-z-]+/g))) expect(cliMd).toContain(`\`${option}`);
    for (const name of Object.keys(reporters)) expect(cliMd).toContain(`\`${name}\``);
    for (const code of ['0', '1', '2']) expect(cliMd).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
    expect(cliMd).toContain(`\n${CLEAN_LINE}\n`);
  });
});
