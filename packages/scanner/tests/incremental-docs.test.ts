import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../core/tests/helpers/fixture.js';
import { runScanner } from './helpers/temp-project.js';

const docsDir = path.resolve(import.meta.dirname, '../../../docs');
const exampleDir = path.join(docsDir, 'examples/monorepo');
const incrementalMd = fs.readFileSync(path.join(docsDir, 'incremental.md'), 'utf8');

describe('docs/incremental.md: the monorepo example', () => {
  for (const name of ['turbo.json', 'nx.json', 'package-scripts.json']) {
    it(`${name} is valid JSON and shown verbatim in the doc`, () => {
      const text = fs.readFileSync(path.join(exampleDir, name), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      expect(incrementalMd).toContain(`<!-- example: monorepo/${name} -->\n\`\`\`json\n${text}\`\`\``);
    });
  }

  it('the task writes the file both task runners cache as output', () => {
    const script = (JSON.parse(fs.readFileSync(path.join(exampleDir, 'package-scripts.json'), 'utf8')) as { scripts: { scan: string } }).scripts.scan;
    const turbo = JSON.parse(fs.readFileSync(path.join(exampleDir, 'turbo.json'), 'utf8')) as { tasks: { scan: { outputs: string[] } } };
    const nx = JSON.parse(fs.readFileSync(path.join(exampleDir, 'nx.json'), 'utf8')) as { targetDefaults: { scan: { outputs: string[] } } };
    expect(script).toContain(`> ${turbo.tasks.scan.outputs[0]}`);
    expect(nx.targetDefaults.scan.outputs[0]).toBe(`{projectRoot}/${turbo.tasks.scan.outputs[0]}`);
  });

  it('merge-sarif.mjs merges the SARIF of two packages and gates on errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-sarif-'));
    try {
      const inputs = ['direct-run', 'clean'].map((fixture) => {
        const { stdout } = runScanner(['--format', 'sarif'], path.join(fixturesDir, fixture));
        const file = path.join(dir, `${fixture}.sarif`);
        fs.writeFileSync(file, stdout);
        return { file, results: (JSON.parse(stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length };
      });
      const out = path.join(dir, 'merged.sarif');
      const merge = spawnSync(process.execPath, [path.join(exampleDir, 'merge-sarif.mjs'), out, ...inputs.map((i) => i.file)], { encoding: 'utf8' });
      expect(merge.status).toBe(1);
      const merged = JSON.parse(fs.readFileSync(out, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
      expect(merged.version).toBe('2.1.0');
      expect(merged.runs.map((run) => run.results.length)).toEqual(inputs.map((i) => i.results));
      const clean = spawnSync(process.execPath, [path.join(exampleDir, 'merge-sarif.mjs'), out, inputs[1]!.file], { encoding: 'utf8' });
      expect(clean.status).toBe(0);
      fs.writeFileSync(path.join(dir, 'bad.sarif'), '{}');
      expect(spawnSync(process.execPath, [path.join(exampleDir, 'merge-sarif.mjs'), out, path.join(dir, 'bad.sarif')]).status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
