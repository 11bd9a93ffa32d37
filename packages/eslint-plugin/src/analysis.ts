import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { createAnalyzer, type Analyzer, type ConfigInput, type FileAnalysis, type RuleId } from '@execgov/core';

// The core's analyzer for each program typescript-eslint hands us. Entries die with the program
// (a new one after any edit in an editor, or per run); config lookup, its freshness and every
// cache belong to the analyzer, so the editor and the CLI cannot resolve configs differently.
const analyzers = new WeakMap<TS.Program, Analyzer>();

// The one `typescript` install typescript-eslint also loads (by require, so the very same module
// object): the checker's SyntaxKind and helpers must match the Program it hands us. An ESM import
// would also make Node lex the 9 MB CommonJS file for named exports.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/**
 * Every core finding for `sourceFile` (all rules, suppressions applied), from the program's
 * analyzer: the four adapters share one analysis per file, and each reports its own rule's.
 */
export function analyzeFile(
  program: TS.Program,
  sourceFile: TS.SourceFile,
  { cwd, options, optionsSource, rules }: { cwd: string; options: ConfigInput; optionsSource: string; rules: readonly RuleId[] },
): FileAnalysis {
  let analyzer = analyzers.get(program);
  if (!analyzer) analyzers.set(program, (analyzer = createAnalyzer({ ts, program, cwd })));
  return analyzer.analyzeFile(sourceFile, { overrides: options, overridesSource: optionsSource, rules });
}
