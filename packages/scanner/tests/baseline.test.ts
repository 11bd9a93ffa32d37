import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_LINE } from '../src/reporters/index.js';
import { parseScanResult } from '../src/result.js';
import { VIOLATING_SERVICE_FILE, cleanProjectFiles, runScanner, tempProjects } from './helpers/temp-project.js';

const project = tempProjects();

const SECOND_VIOLATION = `import type { Plugin } from '../plugins/plugin';

export async function another(plugin: Plugin): Promise<unknown> {
  return plugin.run({ again: true });
}
`;

describe('--baseline', () => {
  it("records today's findings, then gates only new ones and counts the ones that went away", () => {
    const dir = project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE });

    const written = runScanner(['--baseline', 'governance.baseline.json', '--update-baseline'], dir);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('now records 1 finding(s)');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'governance.baseline.json'), 'utf8')) as { findings: Array<{ ruleId: string; file: string }> };
    expect(saved.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['src/services/bypass.ts no-direct-plugin-run']);

    const known = runScanner(['--baseline', 'governance.baseline.json'], dir);
    expect(known.code).toBe(0);
    expect(known.stdout.split('\n')).toEqual([
      CLEAN_LINE,
      '4 files scanned in 1 project',
      '1 known finding hidden by the baseline governance.baseline.json',
      '',
    ]);

    // Unrelated lines above the known finding do not make it new.
    const original = fs.readFileSync(path.join(dir, 'src/services/bypass.ts'), 'utf8');
    fs.writeFileSync(path.join(dir, 'src/services/bypass.ts'), `// moved down by a comment\n\n${original}`);
    fs.writeFileSync(path.join(dir, 'src/services/another.ts'), SECOND_VIOLATION);
    const json = runScanner(['--baseline', 'governance.baseline.json', '--format', 'json'], dir);
    expect(json.code).toBe(1);
    const result = parseScanResult(JSON.parse(json.stdout));
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/services/another.ts:4 no-direct-plugin-run']);
    expect(result.baseline).toMatchObject({ file: { path: 'governance.baseline.json' }, known: 1, stale: 0 });
    expect(result.summary).toEqual({ problems: 1, errors: 1, warnings: 0, filesWithProblems: 1 });

    fs.rmSync(path.join(dir, 'src/services/bypass.ts'));
    fs.rmSync(path.join(dir, 'src/services/another.ts'));
    const fixed = runScanner(['--baseline', 'governance.baseline.json'], dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('1 baseline entry no longer found (fixed, or the code changed): refresh it with --update-baseline');
  });

  it('a missing or malformed baseline stops the scan with exit 2 and a hint', () => {
    const dir = project({ ...cleanProjectFiles(), 'broken.json': '{"schemaVersion": 1, "findings": [{}]}' });
    const missing = runScanner(['--baseline', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^error: baseline nope\.json cannot be read \(ENOENT\)\nhint: create or refresh it with --baseline <file> --update-baseline\n$/,
    );
    const broken = runScanner(['--baseline', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not a baseline (findings.0.fingerprint');
  });

  it('--update-baseline without --baseline is a usage error', () => {
    const dir = project(cleanProjectFiles());
    const { code, stderr } = runScanner(['--update-baseline'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('--update-baseline needs --baseline <file>');
  });
});
