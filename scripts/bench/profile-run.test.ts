import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { withOriginalSources } from './profile-run.js';
import type { CpuProfile } from './profile-summary.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('withOriginalSources: frames of a bundle, attributed to the files they were bundled from', () => {
  it('maps each function of a bundle with a source map to its source file; frames of other files stay', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-profile-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'rules'));
    fs.writeFileSync(path.join(dir, 'rules/first-rule.ts'), 'export function firstRule(n: number): number {\n  return n + 1;\n}\n');
    fs.writeFileSync(
      path.join(dir, 'entry.ts'),
      "import { firstRule } from './rules/first-rule';\nexport function entry(): number {\n  return firstRule(1);\n}\n",
    );
    const bundle = path.join(dir, 'out.cjs');
    buildSync({
      entryPoints: [path.join(dir, 'entry.ts')],
      outfile: bundle,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    const lines = fs.readFileSync(bundle, 'utf8').split('\n');
    const at = (name: string) => {
      const line = lines.findIndex((text) => text.includes(`function ${name}(`));
      return { lineNumber: line, columnNumber: lines[line]!.indexOf('function') };
    };
    const url = pathToFileURL(bundle).href;
    const frame = (id: number, functionName: string, where: object, frameUrl = url) => ({ id, callFrame: { functionName, url: frameUrl, ...where } });
    const profile: CpuProfile = {
      nodes: [frame(1, 'entry', at('entry')), frame(2, 'firstRule', at('firstRule')), frame(3, 'elsewhere', { lineNumber: 3, columnNumber: 0 }, 'node:fs')],
      samples: [1, 2, 3],
      timeDeltas: [1, 1, 1],
    };
    const urls = withOriginalSources(profile).nodes.map((node) => node.callFrame.url);
    expect(urls).toEqual([pathToFileURL(path.join(dir, 'entry.ts')).href, pathToFileURL(path.join(dir, 'rules/first-rule.ts')).href, 'node:fs']);
  });
});
