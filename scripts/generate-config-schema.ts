import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getConfigJsonSchema } from '../packages/core/src/index.js';

/** Where the config's JSON Schema is committed (shipped as `@execgov/core/schema.json`). */
export const CONFIG_SCHEMA_FILE = path.resolve(import.meta.dirname, '../packages/core/schema.json');

/** The schema file's exact text: pretty JSON with a trailing newline. */
export function renderConfigSchema(): string {
  return `${JSON.stringify(getConfigJsonSchema(), null, 2)}\n`;
}

// Writes only when run as a script, so the test can import the renderer.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  fs.writeFileSync(CONFIG_SCHEMA_FILE, renderConfigSchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), CONFIG_SCHEMA_FILE)}\n`);
}
