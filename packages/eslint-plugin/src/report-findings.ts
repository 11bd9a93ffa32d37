import { INVALID_SUPPRESSION, isRuleId, type ConfigError } from '@execgov/core';
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AdapterId, AdapterOptions } from './adapter-meta.js';
import { analyzeFile, baselineFor } from './analysis.js';

type AdapterContext = Readonly<TSESLint.RuleContext<string, AdapterOptions>>;

// One lint of one file parses one Program node; the four adapters share it, so a front-end
// problem (config error, no type information) is reported by whichever adapter meets it first
// and not again (keyed by message).
const reportedOnce = new WeakMap<TSESTree.Program, Set<string>>();

// ESLint calls every enabled rule's `create` for a file before it walks the file, so by the time
// the first adapter sees `Program`, this set holds exactly the adapters enabled for the file: the
// core runs those rules and no others (a rule turned off in the ESLint config costs nothing).
const enabledAdapters = new WeakMap<object, Set<AdapterId>>();

type OncePerFile = 'invalidConfig' | 'configMismatch' | 'configMismatchWarning' | 'invalidBaseline' | 'missingTypeInformation';

function reportOnce(context: AdapterContext, node: TSESTree.Program, messageId: OncePerFile, data: Record<string, string>): void {
  const key = `${messageId}\0${JSON.stringify(data)}`;
  const reported = reportedOnce.get(node) ?? new Set<string>();
  reportedOnce.set(node, reported);
  if (reported.has(key)) return;
  reported.add(key);
  context.report({ node, messageId, data });
}

/** A config problem, once per file: invalid, or not matching the program (stopped the rules, or a warning). */
function reportConfigError(context: AdapterContext, node: TSESTree.Program, error: ConfigError, ran = false): void {
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  const messageId = error.kind === 'invalid' ? 'invalidConfig' : ran ? 'configMismatchWarning' : 'configMismatch';
  reportOnce(context, node, messageId, { source: error.source, issues });
}

/** `settings["execution-governance"].baseline`: a baseline file relative to ESLint's working directory. */
function baselineSetting(context: AdapterContext): string | undefined {
  const settings = context.settings['execution-governance'] as { baseline?: unknown } | undefined;
  return typeof settings?.baseline === 'string' ? settings.baseline : undefined;
}

/** Once per file, like a config problem: a baseline that cannot be read hides nothing, and says so. */
function reportBaselineError(context: AdapterContext, node: TSESTree.Program, file: string, message: string): void {
  reportOnce(context, node, 'invalidBaseline', { file, message });
}

/**
 * The whole body of every adapter: map the ESLint Program to its ts.SourceFile, take the core's
 * findings for `ruleId`, report them where the core placed them (ESLint columns are 0-based).
 */
export function reportCoreFindings(context: AdapterContext, ruleId: AdapterId, options: AdapterOptions): TSESLint.RuleListener {
  const enabled = enabledAdapters.get(context.sourceCode) ?? new Set<AdapterId>();
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
        rules: [...enabled].filter(isRuleId),
        suppressionProblems: enabled.has(INVALID_SUPPRESSION.id),
        optionsSource: `options of rule "execution-governance/${ruleId}"`,
      });
      if ('error' in result) {
        reportConfigError(context, node, result.error);
        return;
      }
      if (result.configWarning) reportConfigError(context, node, result.configWarning, true);
      // The CLI's fingerprint baseline: findings it records are not reported here either.
      const baseline = baselineFor(services.program, result.config, { cwd: context.cwd, file: baselineSetting(context) });
      if (baseline && 'error' in baseline) reportBaselineError(context, node, baseline.file, baseline.error.message);
      const known = baseline && 'fingerprints' in baseline ? baseline.fingerprints : undefined;
      for (const finding of result.findings) {
        if (finding.ruleId !== ruleId || known?.has(finding.fingerprint)) continue;
        context.report({
          loc: { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } },
          messageId: finding.messageId,
          data: finding.data,
        });
      }
    },
  };
}
