import { describe, expect, it } from 'vitest';
import { run } from '../packages/scanner/dist/index.js';
import { checkParity } from './parity/check.js';
import { listFixtureProjects } from '../packages/core/tests/helpers/fixture.js';
import { runCliInProcess } from './parity/front-ends.js';

describe('parity: the CLI and ESLint report the same findings', () => {
  it('on every fixture project, (rule, file, line, column) sets are equal', async () => {
    const fixtures = listFixtureProjects();
    expect(fixtures.length).toBeGreaterThan(0);
    const report = await checkParity((dir) => runCliInProcess(run, dir), fixtures);
    expect(report.lines).toEqual([]);
    expect(report.findings).toBeGreaterThan(0);
  }, 300_000);
});
