import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_LINE } from '../src/reporters/index.js';
import { parseScanResult } from '../src/result.js';
import { VIOLATING_SERVICE_FILE, cleanProjectFiles, runScanner, tempProjects } from './helpers/temp-project.js';

// Root config and baseline; src/internal has a config and no baseline, src/admin a config and a baseline (see its files).
const NESTED = path.resolve(import.meta.dirname, '../../../fixtures/baseline-nested');

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

describe('baselines with nested configs (one rule with ESLint: the baseline beside the nearest config on the chain that has one)', () => {
  const copy = () =>
    project(
      Object.fromEntries(
        fs
          .readdirSync(NESTED, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => {
            const full = path.join(e.parentPath, e.name);
            return [path.relative(NESTED, full), fs.readFileSync(full, 'utf8')];
          }),
      ),
    );
  const reported = (stdout: string) => parseScanResult(JSON.parse(stdout)).findings.map((f) => `${f.file}:${f.line}`);

  it('without --baseline, each file meets its own chain: src/internal the root baseline, src/admin its own', () => {
    const dir = copy();
    const { code, stdout } = runScanner(['--format', 'json'], dir);
    expect(code).toBe(1);
    expect(reported(stdout)).toEqual(['src/admin/admin.ts:10', 'src/internal/old.ts:10']);
    // The root's entry for src/admin/admin.ts:10 applies to no file (src/admin has its own baseline): stale.
    expect(parseScanResult(JSON.parse(stdout)).baseline).toEqual({
      file: { path: 'execution-governance.baseline.json', absolutePath: path.join(dir, 'execution-governance.baseline.json') },
      known: 2,
      stale: 1,
      files: [
        { path: 'execution-governance.baseline.json', absolutePath: path.join(dir, 'execution-governance.baseline.json'), known: 1, stale: 1 },
        {
          path: 'src/admin/execution-governance.baseline.json',
          absolutePath: path.join(dir, 'src/admin/execution-governance.baseline.json'),
          known: 1,
          stale: 0,
        },
      ],
    });
    const text = runScanner([], dir);
    expect(text.stdout.split('\n').slice(-3)).toEqual([
      '1 known finding hidden by the baseline execution-governance.baseline.json; 1 entry no longer found (fixed, or the code changed): refresh it with --update-baseline',
      '1 known finding hidden by the baseline src/admin/execution-governance.baseline.json',
      '',
    ]);
  });

  it('--baseline <file> applies that one file to every file, nested configs included', () => {
    const dir = copy();
    const { code, stdout } = runScanner(['--format', 'json', '--baseline', 'execution-governance.baseline.json'], dir);
    expect(code).toBe(1);
    expect(reported(stdout)).toEqual(['src/admin/admin.ts:5', 'src/internal/old.ts:10']);
    expect(parseScanResult(JSON.parse(stdout)).baseline).toMatchObject({ file: { path: 'execution-governance.baseline.json' }, known: 2, stale: 0 });
  });

  it('--update-baseline writes the one named file and says which findings a plain scan matches against another baseline', () => {
    const dir = copy();
    const written = runScanner(['-b', 'execution-governance.baseline.json', '--update-baseline'], dir);
    expect(written).toMatchObject({ code: 0, stdout: expect.stringContaining('now records 4 finding(s)') });
    expect(written.stderr).toBe(
      'note: 2 of them are under a config whose nearest baseline is src/admin/execution-governance.baseline.json, which a scan without --baseline applies to them instead; refresh it too: --baseline src/admin/execution-governance.baseline.json --update-baseline src/admin\n',
    );
    // src/internal (no baseline of its own) is now covered by the root one; src/admin is not until its own is refreshed.
    expect(reported(runScanner(['--format', 'json'], dir).stdout)).toEqual(['src/admin/admin.ts:10']);
    const nested = runScanner(['--baseline', 'src/admin/execution-governance.baseline.json', '--update-baseline', 'src/admin'], dir);
    expect(nested).toMatchObject({ code: 0, stderr: '' });
    expect(runScanner([], dir)).toMatchObject({ code: 0, stderr: '' });
  });
});
