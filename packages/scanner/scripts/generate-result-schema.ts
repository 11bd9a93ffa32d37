import * as fs from 'node:fs';
import { getResultJsonSchema } from '../src/result.js';

// The one schema lives in src/result.ts (zod); this writes its JSON Schema for other tools.
const target = new URL('../result.schema.json', import.meta.url);
fs.writeFileSync(target, `${JSON.stringify(getResultJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
