// The namespace of the one `typescript` install typescript-eslint also loads: the checker's
// SyntaxKind and helpers must match the Program it hands us.
import * as ts from 'typescript';
import { createAnalyzer, type Analyzer, type BaselineFingerprints, type ConfigInput, type FileAnalysis, type ResolvedConfig } from '@execgov/core';

// The core's analyzer for each program typescript-eslint hands us. ESLint applies its own
// `eslint-disable` directives after the rules run (and reports unused and unknown ones), so the
// core leaves them to it and applies only ours: the output equals the CLI's, which applies both. Entries die with the program
// (a new one after any edit in an editor, or per run); config lookup, its freshness and every
// cache belong to the analyzer, so the editor and the CLI cannot resolve configs differently.
const analyzers = new WeakMap<ts.Program, Analyzer>();

/**
 * Every core finding for `sourceFile` (all rules, suppressions applied), from the program's
 * analyzer: the four adapters share one analysis per file, and each reports its own rule's.
 */
function analyzerOf(program: ts.Program, cwd: string): Analyzer {
  let analyzer = analyzers.get(program);
  if (!analyzer) analyzers.set(program, (analyzer = createAnalyzer({ ts, program, cwd, eslintDirectives: 'leave-to-eslint' })));
  return analyzer;
}

export function analyzeFile(
  program: ts.Program,
  sourceFile: ts.SourceFile,
  { cwd, options, optionsSource }: { cwd: string; options: ConfigInput; optionsSource: string },
): FileAnalysis {
  return analyzerOf(program, cwd).analyzeFile(sourceFile, { overrides: options, overridesSource: optionsSource });
}

/** The baseline for a file analysed under `config`: the `baseline` setting, else the one beside the config file. */
export function baselineFor(program: ts.Program, config: ResolvedConfig, { cwd, file }: { cwd: string; file: string | undefined }): BaselineFingerprints | undefined {
  return analyzerOf(program, cwd).baselineFor(config, file);
}
