import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCANNER_BIN as BIN } from './helpers/temp-project.js';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturesDir, readExpectations } from '../../core/tests/helpers/fixture.js';

/** A running `--watch` process whose reports (text up to each `[watch]` summary line) are read in turn. */
function startWatch(cwd: string, args: readonly string[] = []) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, '--watch', ...args], { cwd });
  let stdout = '';
  let stderr = '';
  let consumed = 0;
  let wake: (() => void) | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    wake?.();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    wake?.();
  });
  const api = {
    child,
    stderr: () => stderr,
    /**
     * Reports until one whose summary matches (an editor's save can arrive as two events, so two
     * reports, the second empty): the lines of all of them, and the last summary.
     */
    async until(summary: RegExp, timeoutMs = 30_000): Promise<{ lines: string[]; summary: string; latencyMs: number }> {
      const started = Date.now();
      const lines: string[] = [];
      for (;;) {
        const next = await api.nextReport(Math.max(1, timeoutMs - (Date.now() - started)));
        lines.push(...next.lines);
        if (summary.test(next.summary)) return { lines, summary: next.summary, latencyMs: Date.now() - started };
      }
    },
    /** The next report: every line printed since the last one, through its summary line. */
    async nextReport(timeoutMs = 30_000): Promise<{ lines: string[]; summary: string; latencyMs: number }> {
      const started = Date.now();
      for (;;) {
        const end = stdout.indexOf('\n', stdout.indexOf('[watch]', consumed));
        if (stdout.indexOf('[watch]', consumed) !== -1 && end !== -1) {
          const block = stdout.slice(consumed, end).split('\n');
          consumed = end + 1;
          return { lines: block.slice(0, -1), summary: block[block.length - 1]!, latencyMs: Date.now() - started };
        }
        if (child.exitCode !== null) throw new Error(`watch exited (${child.exitCode}): ${stderr}`);
        if (Date.now() - started > timeoutMs)
          throw new Error(`no report within ${timeoutMs} ms; stdout so far:\n${stdout.slice(consumed)}\nstderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 200);
        });
      }
    },
  };
  return api;
}

/** TypeScript arms its directory watchers after the first program: give it a moment before the first edit. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

const running: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyFixture(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-watch-')));
  fs.cpSync(path.join(fixturesDir, name), dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

describe('--watch (real process on a copy of a fixture)', () => {
  it('reports everything once, then only what each file or config edit changed, and survives syntax and config errors', async () => {
    const dir = copyFixture('direct-run');
    const watcher = startWatch(dir);
    running.push(watcher.child);
    const expected = readExpectations(dir).length;

    const first = await watcher.nextReport(60_000);
    expect(first.lines.filter((l) => l.startsWith('+ '))).toHaveLength(expected);
    expect(first.summary).toMatch(new RegExp(`^\\[watch\\] ${expected} problems .*\\+${expected} new, -0 gone`));
    await settle();

    // A new file with a direct run: one new finding, nothing else printed.
    const added = path.join(dir, 'src/services/extra.ts');
    fs.writeFileSync(added, `import type { Plugin } from '../plugins/plugin.js';\nexport const go = (p: Plugin) => p.run(1);\n`);
    const afterAdd = await watcher.until(new RegExp(`^\\[watch\\] ${expected + 1} problems`));
    expect(afterAdd.lines).toEqual([expect.stringMatching(/^\+ src\/services\/extra\.ts:2:\d+ {2}no-direct-plugin-run /)]);
    expect(afterAdd.summary).toContain(`${expected + 1} problems`);
    process.stdout.write(`watch latency after a file edit: ${afterAdd.latencyMs} ms\n`);

    // A syntax error: reported as a finding, the watch goes on.
    fs.writeFileSync(added, `import type { Plugin } from '../plugins/plugin.js';\nexport const go = (p: Plugin) => p.run(1;\n`);
    const broken = await watcher.until(/syntax|problems/);
    while (!broken.lines.some((l) => l.includes('syntax-error'))) broken.lines.push(...(await watcher.nextReport()).lines);
    expect(broken.lines.some((l) => /^\+ src\/services\/extra\.ts:\d+:\d+ {2}syntax-error /.test(l))).toBe(true);
    expect(broken.lines.some((l) => /^- src\/services\/extra\.ts:2:\d+ {2}no-direct-plugin-run /.test(l))).toBe(true);

    fs.rmSync(added);
    const removed = await watcher.until(new RegExp(`^\\[watch\\] ${expected} problems`));
    expect(removed.lines.every((l) => l.startsWith('- '))).toBe(true);
    expect(removed.summary).toContain(`${expected} problems`);

    // A config edit with no .ts change: the rule is switched off, every one of its findings goes.
    const configFile = path.join(dir, 'execution-governance.config.json');
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { rules: Record<string, string> };
    fs.writeFileSync(configFile, JSON.stringify({ ...config, rules: { ...config.rules, 'no-direct-plugin-run': 'off' } }));
    const off = await watcher.until(/^\[watch\] 0 problems/);
    expect(off.lines).toHaveLength(expected);
    expect(off.lines.every((l) => l.startsWith('- '))).toBe(true);
    expect(off.summary).toMatch(/^\[watch\] 0 problems/);
    process.stdout.write(`watch latency after a config edit: ${off.latencyMs} ms\n`);

    // An invalid config: said on stderr, the process keeps running and recovers when it is fixed.
    fs.writeFileSync(configFile, JSON.stringify({ rules: { 'no-direct-plugin-run': 5 } }));
    while (!watcher.stderr().includes('invalid execution-governance config')) await watcher.nextReport();
    expect(watcher.stderr()).toContain('invalid execution-governance config execution-governance.config.json');
    fs.writeFileSync(configFile, JSON.stringify(config));
    const fixed = await watcher.until(new RegExp(`^\\[watch\\] ${expected} problems`));
    expect(fixed.summary).toContain(`${expected} problems`);
    expect(watcher.stderr()).toContain('is valid again');
    expect(watcher.child.exitCode).toBeNull();
  });

  it('a tsconfig edit is picked up by TypeScript\'s watcher (a file dropped from "include" leaves the report)', async () => {
    const dir = copyFixture('direct-run');
    const watcher = startWatch(dir);
    running.push(watcher.child);
    const first = await watcher.nextReport(60_000);
    const inDecoys = first.lines.filter((l) => l.includes('src/decoys/'));
    await settle();
    const tsconfigFile = path.join(dir, 'tsconfig.json');
    const tsconfig = JSON.parse(fs.readFileSync(tsconfigFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(tsconfigFile, JSON.stringify({ ...tsconfig, exclude: ['src/decoys'] }));
    const next = await watcher.until(new RegExp(`^\\[watch\\] ${first.lines.length - inDecoys.length} problems`));
    expect(next.lines.filter((l) => l.startsWith('+ '))).toEqual([]);
    expect(next.lines.filter((l) => l.startsWith('- '))).toHaveLength(inDecoys.length);
  });
  it('applies the baseline a plain scan applies, and reports again when it is edited, removed or broken', async () => {
    const dir = copyFixture('direct-run');
    const expected = readExpectations(dir).length;
    const baselineFile = path.join(dir, 'execution-governance.baseline.json');
    // The conventional baseline beside the config, written by the CLI itself: every current finding is known.
    const written = spawnSync(process.execPath, [BIN, '--baseline', 'execution-governance.baseline.json', '--update-baseline'], { cwd: dir, encoding: 'utf8' });
    expect(written.status, written.stderr).toBe(0);
    const plain = spawnSync(process.execPath, [BIN], { cwd: dir, encoding: 'utf8' });
    expect(plain.status, plain.stdout).toBe(0);

    const watcher = startWatch(dir);
    running.push(watcher.child);
    const first = await watcher.nextReport(60_000);
    expect(first.lines).toEqual([]);
    expect(first.summary).toMatch(new RegExp(`^\\[watch\\] 0 problems .*; ${expected} known to the baseline, not shown$`));
    await settle();

    // A new finding is not in the baseline: it alone is reported.
    const added = path.join(dir, 'src/services/extra.ts');
    fs.writeFileSync(added, `import type { Plugin } from '../plugins/plugin.js';\nexport const go = (p: Plugin) => p.run(1);\n`);
    const afterAdd = await watcher.until(/^\[watch\] 1 problem /);
    expect(afterAdd.lines).toEqual([expect.stringMatching(/^\+ src\/services\/extra\.ts:2:\d+ {2}no-direct-plugin-run /)]);

    // The baseline removed: what it hid comes back, with no file re-analysed.
    const saved = fs.readFileSync(baselineFile, 'utf8');
    fs.rmSync(baselineFile);
    const back = await watcher.until(new RegExp(`^\\[watch\\] ${expected + 1} problems`));
    expect(back.lines.filter((l) => l.startsWith('+ '))).toHaveLength(expected);
    expect(back.summary).toContain('0 files re-analysed');

    // A malformed baseline: said on stderr, the watch goes on; fixed, it hides its findings again.
    fs.writeFileSync(baselineFile, '{ "schemaVersion": 1, "findings": [');
    while (!watcher.stderr().includes('execution-governance.baseline.json')) await watcher.nextReport();
    expect(watcher.child.exitCode).toBeNull();
    fs.writeFileSync(baselineFile, saved);
    const hidden = await watcher.until(/^\[watch\] 1 problem /);
    expect(hidden.lines.filter((l) => l.startsWith('- '))).toHaveLength(expected);
    expect(watcher.stderr()).toContain('the baseline reads again');
  });
  it('--baseline <file> applies that baseline to every file, as in a plain scan', async () => {
    const dir = copyFixture('direct-run');
    const expected = readExpectations(dir).length;
    const written = spawnSync(process.execPath, [BIN, '--baseline', 'audit/accepted.json', '--update-baseline'], { cwd: dir, encoding: 'utf8' });
    expect(written.status, written.stderr).toBe(0);
    const watcher = startWatch(dir, ['--baseline', 'audit/accepted.json']);
    running.push(watcher.child);
    const first = await watcher.nextReport(60_000);
    expect(first.lines).toEqual([]);
    expect(first.summary).toMatch(new RegExp(`; ${expected} known to the baseline, not shown$`));
    // The conventional baseline beside the config is not this one: a plain watch shows everything.
    const plain = startWatch(dir);
    running.push(plain.child);
    expect((await plain.nextReport(60_000)).lines.filter((l) => l.startsWith('+ '))).toHaveLength(expected);
  });
  it('nested configs with baselines of their own: the first report is exactly what a plain scan reports', async () => {
    const dir = copyFixture('baseline-nested');
    const plain = spawnSync(process.execPath, [BIN, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const result = JSON.parse(plain.stdout) as { findings: { file: string; line: number; column: number; ruleId: string }[]; baseline?: { known: number } };
    expect(result.baseline?.known).toBeGreaterThan(0);
    const watcher = startWatch(dir);
    running.push(watcher.child);
    const first = await watcher.nextReport(60_000);
    const shown = first.lines.map((l) => /^\+ (\S+) {2}(\S+) /.exec(l)!.slice(1, 3).join(' ')).sort();
    expect(shown).toEqual(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort());
    expect(first.summary).toMatch(new RegExp(`; ${result.baseline!.known} known to the baseline, not shown$`));
  });
});
