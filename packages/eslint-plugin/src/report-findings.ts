import type { ConfigError, RuleId } from '@execgov/core';
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AdapterOptions } from './adapter-meta.js';
import { analyzeFile } from './analysis.js';

type AdapterContext = Readonly<TSESLint.RuleContext<string, AdapterOptions>>;

// One lint of one file parses one Program node; the four adapters share it, so a front-end
// problem (config error, no type information) is reported by whichever adapter meets it first
// and not again (keyed by message).
const reportedOnce = new WeakMap<TSESTree.Program, Set<string>>();

// ESLint calls every enabled rule's `create` for a file before it walks the file, so by the time
// the first adapter sees `Program`, this set holds exactly the adapters enabled for the file: the
// core runs those rules and no others (a rule turned off in the ESLint config costs nothing).
const enabledAdapters = new WeakMap<object, Set<RuleId>>();

function reportOnce(context: AdapterContext, node: TSESTree.Program, messageId: 'invalidConfig' | 'missingTypeInformation', data: Record<string, string>): void {
  const key = `${messageId}\0${JSON.stringify(data)}`;
  const reported = reportedOnce.get(node) ?? new Set<string>();
  reportedOnce.set(node, reported);
  if (reported.has(key)) return;
  reported.add(key);
  context.report({ node, messageId, data });
}

function reportConfigError(context: AdapterContext, node: TSESTree.Program, error: ConfigError): void {
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  reportOnce(context, node, 'invalidConfig', { source: error.source, issues });
}

/**
 * The whole body of every adapter: map the ESLint Program to its ts.SourceFile, take the core's
 * findings for `ruleId`, report them where the core placed them (ESLint columns are 0-based).
 */
export function reportCoreFindings(context: AdapterContext, ruleId: RuleId, options: AdapterOptions): TSESLint.RuleListener {
  const enabled = enabledAdapters.get(context.sourceCode) ?? new Set<RuleId>();
  enabledAdapters.set(context.sourceCode, enabled.add(ruleId));
  return {
    Program(node) {
      // getParserServices would throw (ESLint's "Oops!" banner, a stack trace, the whole run
      // stopped) without naming the option to set; a problem on the file names it first.
      if (!context.sourceCode.parserServices?.program) {
        reportOnce(context, node, 'missingTypeInformation', { file: context.filename });
        return;
      }
      const services = ESLintUtils.getParserServices(context);
      const sourceFile = services.esTreeNodeToTSNodeMap.get(node);
      const result = analyzeFile(services.program, sourceFile, {
        cwd: context.cwd,
        options: options[0],
        rules: [...enabled],
        optionsSource: `options of rule "execution-governance/${ruleId}"`,
      });
      if ('error' in result) {
        reportConfigError(context, node, result.error);
        return;
      }
      for (const finding of result.findings) {
        if (finding.ruleId !== ruleId) continue;
        context.report({
          loc: { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } },
          messageId: finding.messageId,
          data: finding.data,
        });
      }
    },
  };
}
