import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeEslintConfig, type EslintVariant } from './eslint-configs.js';
import { REPO_ROOT, type GeneratedProject } from './generate.js';
import type { Command, Sample } from './measure.js';
import type { ReferenceTree } from './reference.js';
import { cliFindingsFromJson } from '../parity/scanner-json.js';
import { describeComparison, eslintFindings } from './sanity.js';

export type ToolId = 'tsc' | 'typescript-floor' | 'scanner' | 'scanner-reference' | 'eslint-regex' | 'eslint-typed' | 'eslint-one-rule' | 'eslint-governance';

/** The scanner of another commit (`--reference`): timed with the others, never profiled. */
export const REFERENCE_TOOL: ToolId = 'scanner-reference';

/** What a tool's output says about the run, beyond its timing. */
export interface ToolCheck {
  ok: boolean;
  summary: string;
}

export interface Tool {
  id: ToolId;
  /** Row label in the table, e.g. "(a) tsc --noEmit". */
  label: string;
  /** The command as a reader would type it (relative paths). */
  display: string;
  /** Undefined when the tool cannot run; `unavailable` says why. */
  command: Command | undefined;
  unavailable: string | undefined;
  /** Exit codes meaning "it ran" (findings are not failures). */
  okExits: readonly number[];
  check(sample: Sample): ToolCheck;
}

const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const ESLINT = path.join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js');
/** The scanner's built CLI and the TypeScript-alone floor (typescript-floor.mjs), shared with the --cache bench. */
export const SCANNER = path.join(REPO_ROOT, 'packages/scanner/dist/bin.js');
export const FLOOR = path.join(REPO_ROOT, 'scripts/bench/typescript-floor.mjs');
const PLUGIN = path.join(REPO_ROOT, 'packages/eslint-plugin/dist/index.js');

function missing(file: string, hint: string): string | undefined {
  return fs.existsSync(file) ? undefined : `${path.relative(REPO_ROOT, file)} does not exist (${hint})`;
}

/** Whether the ESLint plugin is built and exports `configs.recommended`; the reason if not. */
async function pluginUnavailable(): Promise<string | undefined> {
  const absent = missing(PLUGIN, 'build with `tsc -b`');
  if (absent) return absent;
  try {
    const module = (await import(pathToFileURL(PLUGIN).href)) as { default?: { configs?: { recommended?: unknown } } };
    if (!module.default?.configs?.recommended) return 'eslint-plugin-execution-governance has no default export with configs.recommended yet';
    return undefined;
  } catch (error) {
    return `importing eslint-plugin-execution-governance failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}

function eslintTool(
  project: GeneratedProject,
  benchDir: string,
  variant: EslintVariant,
  id: ToolId,
  label: string,
  unavailable: string | undefined,
  check: Tool['check'],
): Tool {
  const config = unavailable ? undefined : writeEslintConfig(benchDir, variant, project.dir, PLUGIN);
  return {
    id,
    label,
    display: `eslint --config .bench/eslint-${variant}.config.mjs --format json src`,
    command: config ? { args: [ESLINT, '--config', config, '--format', 'json', 'src'], cwd: project.dir } : undefined,
    unavailable,
    okExits: [0, 1],
    check,
  };
}

/** The command line (b) and (b′) share, so the two scanners see exactly the same arguments and cwd. */
function scannerCommand(bin: string, project: GeneratedProject): Command {
  return { args: [bin, '--project', path.join(project.dir, 'tsconfig.json'), '--format', 'json'], cwd: project.dir };
}

/**
 * (b′): the scanner built at the reference commit. An older scanner may find fewer of the planted
 * violations; that is a fact the row shows, not a failed check.
 */
function referenceTool(project: GeneratedProject, reference: ReferenceTree): Tool {
  return {
    id: REFERENCE_TOOL,
    label: `(b′) scan-execution-violations at ${reference.short}`,
    display: `node ${path.relative(REPO_ROOT, reference.scanner)} --project tsconfig.json --format json`,
    command: scannerCommand(reference.scanner, project),
    unavailable: missing(reference.scanner, `the build of ${reference.short} did not produce it`),
    okExits: [0, 1],
    check: (s) => ({ ok: true, summary: describeComparison(project.planted, cliFindingsFromJson(s.stdout)).summary }),
  };
}

/**
 * The measured tools, each with its command (or why it cannot run) and its output check; with a
 * reference, its scanner (b′) right after this tree's (b).
 */
export async function defineTools(project: GeneratedProject, benchDir: string, reference?: ReferenceTree): Promise<Tool[]> {
  const tsconfig = path.join(project.dir, 'tsconfig.json');
  const eslintMissing = missing(ESLINT, 'run `pnpm install`');
  const pluginMissing = eslintMissing ?? (await pluginUnavailable());
  const plantedLines = new Set(project.planted.map((p) => `${p.file}:${p.line}`));
  /** The check of a run that must print no message at all (`why` says why none is expected). */
  const expectNoMessages =
    (why: string): Tool['check'] =>
    (s) => {
      const { findings, fatal } = eslintFindings(s.stdout, project.dir);
      const ok = findings.length === 0 && fatal.length === 0;
      return { ok, summary: ok ? `no messages (${why})` : `${findings.length} messages, ${fatal.length} fatal: ${fatal[0] ?? ''}` };
    };

  return [
    {
      id: 'tsc',
      label: '(a) tsc --noEmit',
      display: 'tsc --noEmit -p tsconfig.json',
      command: { args: [TSC, '--noEmit', '-p', tsconfig], cwd: project.dir },
      unavailable: missing(TSC, 'run `pnpm install`'),
      okExits: [0],
      check: (s) => ({ ok: s.exitCode === 0, summary: s.exitCode === 0 ? 'no diagnostics' : `diagnostics: ${firstLine(s.stdout)}` }),
    },
    {
      id: 'typescript-floor',
      label: '(a′) TypeScript alone: load, parse, bind',
      display: 'node scripts/bench/typescript-floor.mjs tsconfig.json',
      command: { args: [FLOOR, tsconfig], cwd: project.dir },
      // It builds its program with the scanner's own reader options and host (program-host.ts).
      unavailable: missing(path.join(REPO_ROOT, 'packages/scanner/dist/program-host.js'), 'build with `tsc -b`'),
      okExits: [0],
      check: (s) => {
        const files = Number(s.stdout.trim());
        return { ok: files > 0, summary: files > 0 ? `${files} program files parsed and bound, nothing asked` : `unexpected output: ${firstLine(s.stdout)}` };
      },
    },
    {
      id: 'scanner',
      label: '(b) scan-execution-violations',
      display: 'node packages/scanner/dist/bin.js --project tsconfig.json --format json',
      command: scannerCommand(SCANNER, project),
      unavailable: missing(SCANNER, 'the scanner has not landed or `tsc -b` has not run'),
      okExits: [0, 1],
      check: (s) => describeComparison(project.planted, cliFindingsFromJson(s.stdout)),
    },
    ...(reference ? [referenceTool(project, reference)] : []),
    eslintTool(project, benchDir, 'regex', 'eslint-regex', '(c) ESLint no-restricted-syntax on .run (no types)', eslintMissing, (s) => {
      const { findings, fatal } = eslintFindings(s.stdout, project.dir);
      const hits = findings.filter((f) => plantedLines.has(`${f.file}:${f.line}`)).length;
      return {
        ok: fatal.length === 0,
        summary: `flags ${findings.length} \`.run(\` calls: ${hits} of the ${project.planted.length} planted violations, ${findings.length - hits} false positives (decoys, the sanctioned ToolRunner call)`,
      };
    }),
    eslintTool(
      project,
      benchDir,
      'typed',
      'eslint-typed',
      '(d) ESLint + projectService, no rules',
      eslintMissing,
      expectNoMessages('as expected with no rules'),
    ),
    eslintTool(
      project,
      benchDir,
      'one-rule',
      'eslint-one-rule',
      '(d′) (d) + one built-in rule (no-debugger)',
      eslintMissing,
      expectNoMessages('no debugger statement in the project'),
    ),
    eslintTool(project, benchDir, 'governance', 'eslint-governance', '(e) (d) + execution-governance recommended', pluginMissing, (s) => {
      const { findings, fatal } = eslintFindings(s.stdout, project.dir);
      return fatal.length > 0 ? { ok: false, summary: `${fatal.length} fatal: ${fatal[0]}` } : describeComparison(project.planted, findings);
    }),
  ];
}

/** Why a run did not count: its exit code and the first line it printed to stderr. */
export function failureOf(tool: Tool, sample: Sample): string | undefined {
  if (tool.okExits.includes(sample.exitCode)) return undefined;
  return `exit ${sample.exitCode}: ${firstLine(sample.stderr) || firstLine(sample.stdout) || 'no output'}`;
}
