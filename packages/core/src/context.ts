import type * as ts from 'typescript';
import type { ResolvedConfig } from './config/validate.js';
import { createGlobMatcher, relativeTo } from './paths.js';
import type { RuleContext, TypeScriptModule } from './types.js';

/** One analysis context per (program, config). Reuse it for every file of the program. */
export function createRuleContext(tsModule: TypeScriptModule, program: ts.Program, config: ResolvedConfig): RuleContext {
  const checker = program.getTypeChecker();
  const matcher = createGlobMatcher(config.configDir);
  const memos = new Map<string, unknown>();
  return {
    ts: tsModule,
    program,
    checker,
    config,
    relativePath: (fileName) => relativeTo(config.configDir, fileName),
    matches: matcher,
    memo<T>(key: string, create: () => T): T {
      if (!memos.has(key)) memos.set(key, create());
      return memos.get(key) as T;
    },
  };
}
