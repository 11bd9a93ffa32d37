import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { createAnalyzer, type Analyzer, type BaselineFingerprints, type ConfigInput, type FileAnalysis, type ResolvedConfig, type RuleId } from '@execgov/core';

// The core's analyzer for each program typescript-eslint hands us. Entries die with the program
// (a new one after any edit in an editor, or per run); config lookup, its freshness and every
// cache belong to the analyzer, so the editor and the CLI cannot resolve configs differently.
// ESLint applies its own `eslint-disable` directives after the rules run (and reports unused and
// unknown ones), so the core leaves them to it and applies only ours: the output equals the
// CLI's, which applies both.
const analyzers = new WeakMap<TS.Program, Analyzer>();

// The one `typescript` install typescript-eslint also loads (by require, so the very same module
// object): the checker's SyntaxKind and helpers must match the Program it hands us. An ESM import
// would also make Node lex the 9 MB CommonJS file for named exports.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

function analyzerOf(program: TS.Program, cwd: string): Analyzer {
  let analyzer = analyzers.get(program);
  if (!analyzer) analyzers.set(program, (analyzer = createAnalyzer({ ts, program, cwd, eslintDirectives: 'leave-to-eslint' })));
  return analyzer;
}

/**
 * Every core finding for `sourceFile` (the enabled rules, suppressions applied), from the
 * program's analyzer: the adapters share one analysis per file, and each reports its own rule's.
 * `suppressionProblems`: the invalid-suppression adapter is on, so names that are no rule count.
 */
export function analyzeFile(
  program: TS.Program,
  sourceFile: TS.SourceFile,
  {
    cwd,
    options,
    optionsSource,
    rules,
    suppressionProblems,
  }: { cwd: string; options: ConfigInput; optionsSource: string; rules: readonly RuleId[]; suppressionProblems: boolean },
): FileAnalysis {
  return analyzerOf(program, cwd).analyzeFile(sourceFile, {
    overrides: options,
    overridesSource: optionsSource,
    rules,
    reportUnknownRules: suppressionProblems,
  });
}

/** The baseline for a file analysed under `config`: the `baseline` setting, else the one beside the config file. */
export function baselineFor(
  program: TS.Program,
  config: ResolvedConfig,
  { cwd, file }: { cwd: string; file: string | undefined },
): BaselineFingerprints | undefined {
  return analyzerOf(program, cwd).baselineFor(config, file);
}
