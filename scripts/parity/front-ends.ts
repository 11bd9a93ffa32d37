import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../packages/eslint-plugin/dist/index.js';
import type { ParityFinding } from './compare.js';
import { cliFindingsFromJson } from './scanner-json.js';

/** What a front end found in one fixture, plus anything that stopped it (never compared away). */
export interface FrontEndResult {
  findings: ParityFinding[];
  problems: string[];
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * ESLint reports unused directives at their start only (no end), so an unused-suppression finding
 * is compared by where it starts on both sides.
 */
function comparable(finding: ParityFinding): ParityFinding {
  return finding.messageId === 'unusedSuppression' ? { ...finding, endLine: finding.line, endColumn: finding.column } : finding;
}

/**
 * ESLint applies `eslint-disable` directives itself and reports the unused ones (per
 * `linterOptions.reportUnusedDisableDirectives`, "warn" by default) and those naming a rule it
 * does not know; the CLI reports both as `invalid-suppression`. Those ESLint messages are read as
 * the CLI's findings; any other message without a rule id is a problem.
 */
function eslintDirectiveFinding(message: { ruleId: string | null; message: string }): Pick<ParityFinding, 'rule' | 'messageId'> | 'not ours' | undefined {
  const unused = /^Unused eslint-disable directive \(no problems were reported from (.*)\)\.$/.exec(message.message);
  if (message.ruleId === null && unused) {
    // Unused names of other plugins' rules are theirs to judge; the CLI runs only ours.
    return unused[1]!.includes(`'execution-governance/`) ? { rule: 'invalid-suppression', messageId: 'unusedSuppression' } : 'not ours';
  }
  if (message.ruleId?.startsWith('execution-governance/') && /^Definition for rule '[^']+' was not found\.$/.test(message.message)) {
    return { rule: 'invalid-suppression', messageId: 'unknownRule' };
  }
  return undefined;
}

/** Exit codes 0 and 1 are scans (clean / findings); 2 means the scan did not run. */
function cliResult(exitCode: number | null, stdout: string, stderr: string): FrontEndResult {
  if (exitCode === 0 || exitCode === 1) return { findings: cliFindingsFromJson(stdout).map(comparable), problems: [] };
  return { findings: [], problems: [`scanner exited ${exitCode}: ${stderr.trim()}`] };
}

/** Runs the built CLI (`packages/scanner/dist/bin.js --format json`) in the fixture directory. */
export function runCliBin(fixtureDir: string): FrontEndResult {
  const bin = path.join(repoRoot, 'packages/scanner/dist/bin.js');
  const child = spawnSync(process.execPath, [bin, '--format', 'json'], { cwd: fixtureDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return cliResult(child.status, child.stdout, child.stderr);
}

/** The scanner's `run` signature, so the same parity can run in-process (tests, CI). */
export type ScannerRun = (
  argv: readonly string[],
  io: { stdout: { write(chunk: string): unknown }; stderr: { write(chunk: string): unknown }; cwd: string },
) => number;

export function runCliInProcess(run: ScannerRun, fixtureDir: string): FrontEndResult {
  let stdout = '';
  let stderr = '';
  const exitCode = run(['--format', 'json'], {
    stdout: { write: (chunk) => (stdout += chunk) },
    stderr: { write: (chunk) => (stderr += chunk) },
    cwd: fixtureDir,
  });
  return cliResult(exitCode, stdout, stderr);
}

/** ESLint (Node API) over the fixture's TypeScript (and checked JavaScript) files with the plugin's recommended config. */
export async function runEslint(fixtureDir: string): Promise<FrontEndResult> {
  // The recommended config targets TypeScript; a project that type-checks its JS (allowJs +
  // checkJs) widens `files` to JS, as the rule docs say, so checked-JS fixtures are linted too.
  const files = [...plugin.configs.recommended.files, '**/*.js', '**/*.mjs', '**/*.cjs'];
  const eslint = new ESLint({
    cwd: fixtureDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files,
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixtureDir } },
      },
      { ...plugin.configs.recommended, files },
    ],
  });
  const findings: ParityFinding[] = [];
  const problems: string[] = [];
  for (const result of await eslint.lintFiles(['.'])) {
    const file = path.relative(fixtureDir, result.filePath).replace(/\\/g, '/');
    for (const message of result.messages) {
      const directive = eslintDirectiveFinding(message);
      if (directive === 'not ours') continue;
      // A parse failure or a file outside the project has no rule id: it hides findings.
      if (message.ruleId === null && !directive) problems.push(`${file}:${message.line}:${message.column} ESLint: ${message.message}`);
      else {
        findings.push(
          comparable({
            rule: directive?.rule ?? message.ruleId!.replace(/^execution-governance\//, ''),
            messageId: directive?.messageId ?? message.messageId ?? '',
            file,
            line: message.line,
            column: message.column,
            endLine: message.endLine ?? message.line,
            endColumn: message.endColumn ?? message.column,
          }),
        );
      }
    }
  }
  return { findings, problems };
}
