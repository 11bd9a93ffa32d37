import * as path from 'node:path';
// The namespace of the one `typescript` install typescript-eslint also loads: the checker's
// SyntaxKind and helpers must match the Program it hands us.
import * as ts from 'typescript';
import { ConfigError, analyzeSourceFile, createRuleContext, type ConfigInput, type Finding, type RuleContext } from '@execgov/core';
import { fileConfig, withOptions } from './config.js';

/** A file's findings from every rule, or the config problem that stopped the analysis. */
export type FileAnalysis = { findings: readonly Finding[] } | { error: ConfigError };

interface Analysis {
  ctx: RuleContext;
  findings: WeakMap<ts.SourceFile, Finding[]>;
}

interface ProgramState {
  /** Config (or its error) per directory + options: upward search and parsing happen once. */
  configs: Map<string, Analysis | ConfigError>;
  /** One core context per config file + options, shared by every directory under it. */
  analyses: Map<string, Analysis>;
}

// Not a module-level cache in the smell's sense: entries are keyed by the ts.Program and die
// with it. typescript-eslint hands every rule on every file of a lint run the same Program, and a
// new one after any edit (editor) or run, so nothing here can outlive the code it describes.
// Within a program, all four adapters share one core walk per file, as the CLI does.
const states = new WeakMap<ts.Program, ProgramState>();

function stateOf(program: ts.Program): ProgramState {
  let state = states.get(program);
  if (!state) {
    state = { configs: new Map(), analyses: new Map() };
    states.set(program, state);
  }
  return state;
}

function analysisFor(program: ts.Program, fileName: string, cwd: string, options: ConfigInput, source: string): Analysis | ConfigError {
  const state = stateOf(program);
  const optionsKey = JSON.stringify(options);
  const dirKey = `${path.dirname(fileName)}\0${optionsKey}`;
  let cached = state.configs.get(dirKey);
  if (!cached) {
    try {
      const config = withOptions(fileConfig(fileName, cwd), options, source);
      const key = `${config.configFile ?? `defaults@${config.configDir}`}\0${optionsKey}`;
      cached = state.analyses.get(key);
      if (!cached) {
        cached = { ctx: createRuleContext(ts, program, config), findings: new WeakMap() };
        state.analyses.set(key, cached);
      }
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      cached = error;
    }
    state.configs.set(dirKey, cached);
  }
  return cached;
}

/**
 * Every core finding for `sourceFile` (all rules, suppressions applied), computed once per
 * program + config: each adapter picks its own rule's, so ESLint reports what the CLI reports.
 */
export function analyzeFile(
  program: ts.Program,
  sourceFile: ts.SourceFile,
  { cwd, options, optionsSource }: { cwd: string; options: ConfigInput; optionsSource: string },
): FileAnalysis {
  const analysis = analysisFor(program, sourceFile.fileName, cwd, options, optionsSource);
  if (analysis instanceof ConfigError) return { error: analysis };
  let findings = analysis.findings.get(sourceFile);
  if (!findings) {
    findings = analyzeSourceFile(analysis.ctx, sourceFile);
    analysis.findings.set(sourceFile, findings);
  }
  return { findings };
}
