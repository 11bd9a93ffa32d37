import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, listFixtureProjects, readExpectations } from '../../core/tests/helpers/fixture.js';
import { CLEAN_LINE } from '../src/reporters/index.js';
import { parseScanResult } from '../src/result.js';
import { runScanner } from './helpers/temp-project.js';

// The same fixtures the core (and the ESLint plugin) read: through the real CLI path, with the
// fixture as the working directory, findings must equal the `// expect: <rule-id>` markers.
describe('fixture projects (scanner, as the CLI sees them)', () => {
  it('every fixture folder with sources has a tsconfig.json (none is skipped silently)', () => {
    const withSources = fs
      .readdirSync(fixturesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(fixturesDir, entry.name))
      .filter((dir) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((file) => /\.(c|m)?tsx?$/.test(file)));
    expect(withSources.sort()).toEqual(listFixtureProjects());
  });

  for (const projectDir of listFixtureProjects()) {
    const name = path.basename(projectDir);
    it(`${name}: findings equal the // expect markers`, () => {
      const { code, stdout, stderr } = runScanner(['--format', 'json'], projectDir);
      expect(stderr).toBe('');
      const result = parseScanResult(JSON.parse(stdout));
      const keys = result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
      expect(keys).toEqual(readExpectations(projectDir));
      expect(code).toBe(result.summary.errors > 0 ? 1 : 0);
    });

    if (readExpectations(projectDir).length === 0) {
      it(`${name}: clean, so the text output is the OK line`, () => {
        const { code, stdout } = runScanner([], projectDir);
        expect(code).toBe(0);
        expect(stdout.split('\n')[0]).toBe(CLEAN_LINE);
      });
    }
  }
});
