import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingKeys, listFixtureProjects, readExpectations } from './helpers/fixture.js';

// Each fixture line that must be flagged ends with `// expect: <rule-id>`; every other line must
// not be. The core's findings must equal the markers exactly: no more, no less.
describe('fixture projects (core, plain TypeScript program)', () => {
  for (const projectDir of listFixtureProjects()) {
    it(`${path.basename(projectDir)}: findings equal the // expect markers`, () => {
      const findings = analyzeFixture(projectDir);
      expect(findingKeys(projectDir, findings)).toEqual(readExpectations(projectDir));
    });
  }
});
