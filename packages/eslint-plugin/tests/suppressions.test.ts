import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Linter } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { recommendedEslint, runtimeProject } from './rule-tester.js';

const service = path.join(runtimeProject, 'src/services/execution/plugin-execution-service.ts');

const eslintFor = recommendedEslint;

/** `line:column rule/messageId` (ESLint's own directive messages have no rule: `eslint: <text>`). */
async function lint(code: string, extra: Linter.Config = {}, cwd = runtimeProject, filePath = service): Promise<string[]> {
  const [result] = await eslintFor(cwd, extra).lintText(code, { filePath });
  return result!.messages.map(
    (m) => `${m.line}:${m.column} ${m.ruleId === null ? `eslint: ${m.message}` : `${m.ruleId.replace('execution-governance/', '')}/${m.messageId}`}`,
  );
}

const direct = (comment: string, trailing = '') => `import type { Plugin } from '../../plugins/plugin.js';
export const warmUp = (plugin: Plugin) => {
  ${comment}
  return plugin.run('ping');${trailing}
};
`;

describe('suppression comments under real ESLint, with the whole plugin', () => {
  it('every ESLint form naming our rule, with a reason, silences the finding and nothing else is reported', async () => {
    for (const [comment, trailing] of [
      ['// eslint-disable-next-line execution-governance/no-direct-plugin-run -- a fixed ping input', ''],
      ['/* eslint-disable-next-line execution-governance/no-direct-plugin-run -- a fixed ping input */', ''],
      ['', ' // eslint-disable-line execution-governance/no-direct-plugin-run -- a fixed ping input'],
      ['/* eslint-disable execution-governance/no-direct-plugin-run -- a fixed ping input */', ''],
      ['// execution-governance-disable-next-line no-direct-plugin-run -- a fixed ping input', ''],
    ]) {
      expect(await lint(direct(comment!, trailing)), comment || trailing).toEqual([]);
    }
  });

  it('an ESLint comment without a reason silences the call (ESLint applies it) and is itself an error', async () => {
    expect(await lint(direct('// eslint-disable-next-line execution-governance/no-direct-plugin-run'))).toEqual([
      '3:3 invalid-suppression/suppressionMissingReason',
    ]);
    // On the call's own line: reported under invalid-suppression, which the comment does not name.
    expect(await lint(direct('', ' // eslint-disable-line execution-governance/no-direct-plugin-run'))).toEqual([
      '4:30 invalid-suppression/suppressionMissingReason',
    ]);
  });

  it('our comment that silences nothing is reported by invalid-suppression', async () => {
    const code = '// execution-governance-disable-next-line no-direct-plugin-run -- nothing to suppress here\nexport const answer = 42;\n';
    expect(await lint(code)).toEqual(['1:1 invalid-suppression/unusedSuppression']);
  });

  it("unused and unknown ESLint directives are ESLint's own reports, once each (the plugin does not double them)", async () => {
    const code = `// eslint-disable-next-line execution-governance/no-direct-plugin-run -- moved away
export const answer = 42;
// eslint-disable-next-line execution-governance/no-direct-plugin-runs -- a typo
export const other = 43;
`;
    expect(await lint(code, { linterOptions: { reportUnusedDisableDirectives: 'error' } })).toEqual([
      "1:1 eslint: Unused eslint-disable directive (no problems were reported from 'execution-governance/no-direct-plugin-run').",
      '3:1 no-direct-plugin-runs/undefined',
    ]);
    // With ESLint's unused report off, ESLint says nothing about an unused comment: the CLI does
    // (invalid-suppression/unusedSuppression). Keep the option on ("warn", its default, or "error").
    expect(await lint(code, { linterOptions: { reportUnusedDisableDirectives: 'off' } })).toEqual(['3:1 no-direct-plugin-runs/undefined']);
  });
});

describe('the CLI baseline under ESLint', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the runtime project with a direct run, plus `files`. */
  function project(files: Record<string, string>): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-baseline-')));
    fs.cpSync(runtimeProject, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'src/services/execution/plugin-execution-service.ts'), direct(''));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    dirs.push(dir);
    return dir;
  }

  async function fingerprintOfTheRun(dir: string): Promise<string> {
    // The core computes the fingerprint; ESLint reports the same finding the baseline records.
    const { createAnalyzer } = await import('@execgov/core');
    const ts = await import('typescript');
    const program = ts.createProgram({
      rootNames: [path.join(dir, 'src/services/execution/plugin-execution-service.ts')],
      options: { strict: true, noEmit: true },
    });
    const analysis = createAnalyzer({ ts, program, cwd: dir }).analyzeFile(
      program.getSourceFile(path.join(dir, 'src/services/execution/plugin-execution-service.ts'))!,
    );
    if (!('findings' in analysis)) throw analysis.error;
    return analysis.findings.find((f) => f.ruleId === 'no-direct-plugin-run')!.fingerprint;
  }

  const baselineText = (fingerprint: string) =>
    JSON.stringify({
      schemaVersion: 1,
      findings: [{ fingerprint, ruleId: 'no-direct-plugin-run', file: 'src/services/execution/plugin-execution-service.ts', message: 'x' }],
    });

  it('execution-governance.baseline.json beside the config hides the findings it records', async () => {
    const dir = project({});
    const file = path.join(dir, 'src/services/execution/plugin-execution-service.ts');
    expect(await lint(direct(''), {}, dir, file)).toEqual(['4:17 no-direct-plugin-run/directUse']);
    fs.writeFileSync(path.join(dir, 'execution-governance.baseline.json'), baselineText(await fingerprintOfTheRun(dir)));
    expect(await lint(direct(''), {}, dir, file)).toEqual([]);
  });

  it('settings.execution-governance.baseline names another file; a broken one is reported once and hides nothing', async () => {
    const dir = project({});
    const file = path.join(dir, 'src/services/execution/plugin-execution-service.ts');
    fs.writeFileSync(path.join(dir, 'ci-baseline.json'), baselineText(await fingerprintOfTheRun(dir)));
    const settings = (baseline: string) => ({
      settings: { 'execution-governance': { ...(plugin.configs.recommended.settings?.['execution-governance'] as object), baseline } },
    });
    expect(await lint(direct(''), settings('ci-baseline.json'), dir, file)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"schemaVersion": 2}');
    // Reported once per file, by whichever of the plugin's rules meets it first (as a config error is).
    const messages = (await lint(direct(''), settings('broken.json'), dir, file)).map((m) => m.replace(/ [\w-]+\/invalidBaseline$/, ' invalidBaseline'));
    expect(messages).toEqual(['1:1 invalidBaseline', '4:17 no-direct-plugin-run/directUse']);
  });
});
