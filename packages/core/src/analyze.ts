import { createHash } from 'node:crypto';
import type * as ts from 'typescript';
import { DIAGNOSTIC_MESSAGES, SUPPRESSION_MESSAGES, formatMessage, type SuppressionMessageId } from './messages.js';
import { RULE_IDS, type RuleId } from './rule-ids.js';
import { rules } from './rules/index.js';
import { applySuppressions, parseSuppressions, type SuppressionProblem } from './suppressions.js';
import { toPosix } from './paths.js';
import { buildDispatch, traverse } from './analyzer/traverse.js';
import { ruleFailure } from './too-deep.js';
import type { Finding, RuleContext, RuleFileContext, RuleListeners, RuleReport } from './types.js';

export interface AnalyzeOptions {
  /**
   * Rules to run (default: every rule the config enables). A front end that runs one rule at a
   * time (ESLint) passes one id; suppression bookkeeping is then scoped to that rule.
   */
  rules?: readonly RuleId[];
  /**
   * Whether ESLint's own directives (`eslint-disable-next-line execution-governance/<rule>`, …)
   * are applied here (default, the CLI) or left to ESLint, which applies them after the rules run
   * and reports unused and unknown ones itself.
   */
  eslintDirectives?: 'apply' | 'leave-to-eslint';
  /** Report suppression comments naming no rule (default: only in a full run, which knows every rule ran). */
  reportUnknownRules?: boolean;
}

/** True when the config's include/exclude globs select this file and it is project source. */
export function isAnalyzedFile(ctx: RuleContext, sourceFile: ts.SourceFile): boolean {
  if (sourceFile.isDeclarationFile || ctx.program.isSourceFileFromExternalLibrary(sourceFile)) return false;
  return ctx.matches(sourceFile.fileName, ctx.config.include) && !ctx.matches(sourceFile.fileName, ctx.config.exclude);
}

interface Draft {
  ruleId: Finding['ruleId'];
  messageId: string;
  data: Record<string, string>;
  template: string;
  severity: Finding['severity'];
  pos: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function stringData(data: Readonly<Record<string, string | number>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, String(v)]));
}

function draftAt(
  sourceFile: ts.SourceFile,
  pos: number,
  end: number,
  fields: Pick<Draft, 'ruleId' | 'messageId' | 'template' | 'severity'> & { data?: Readonly<Record<string, string | number>> },
): Draft {
  const start = sourceFile.getLineAndCharacterOfPosition(pos);
  const stop = sourceFile.getLineAndCharacterOfPosition(end);
  return {
    ...fields,
    data: stringData(fields.data),
    pos,
    end,
    line: start.line + 1,
    column: start.character + 1,
    endLine: stop.line + 1,
    endColumn: stop.character + 1,
  };
}

/** The text of a 1-based line, whitespace folded: the context a fingerprint keeps. */
function lineText(sourceFile: ts.SourceFile, line: number): string {
  const starts = sourceFile.getLineStarts();
  const start = starts[line - 1] ?? 0;
  const end = starts[line] ?? sourceFile.text.length;
  return sourceFile.text.slice(start, end).replace(/\s+/g, ' ').trim().slice(0, 300);
}

function finish(ctx: RuleContext, sourceFile: ts.SourceFile, drafts: Draft[], leftToEslint: ReadonlySet<Draft> = new Set()): Finding[] {
  drafts.sort((a, b) => a.pos - b.pos || a.end - b.end || a.ruleId.localeCompare(b.ruleId) || a.messageId.localeCompare(b.messageId));
  const relative = ctx.relativePath(sourceFile.fileName);
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    // The fingerprint hashes what was found and the code line it is on, never the line number,
    // so it survives edits elsewhere; the ordinal separates identical findings on identical lines.
    const snippet = sourceFile.text.slice(draft.pos, draft.end).replace(/\s+/g, ' ').slice(0, 200);
    const key = [draft.ruleId, relative, draft.messageId, snippet, lineText(sourceFile, draft.line)].join('\u0000');
    const ordinal = seen.get(key) ?? 0;
    // A finding ESLint will drop does not count: the next one gets the fingerprint the CLI gives it.
    if (!leftToEslint.has(draft)) seen.set(key, ordinal + 1);
    const fingerprint = createHash('sha256').update(`${key}\u0000${ordinal}`).digest('hex').slice(0, 32);
    return {
      ruleId: draft.ruleId,
      messageId: draft.messageId,
      data: draft.data,
      message: formatMessage(draft.template, draft.data),
      severity: draft.severity,
      file: toPosix(sourceFile.fileName),
      line: draft.line,
      column: draft.column,
      endLine: draft.endLine,
      endColumn: draft.endColumn,
      fingerprint,
    };
  });
}

function suppressionDraft(sourceFile: ts.SourceFile, problem: SuppressionProblem): Draft {
  const { directive, kind, ruleIds } = problem;
  const messageId = kind === 'unknownRule' ? 'unknownRule' : kind === 'unused' ? 'unusedSuppression' : 'suppressionMissingReason';
  const template = kind === 'unknownRule' ? DIAGNOSTIC_MESSAGES.unknownRule : SUPPRESSION_MESSAGES[messageId as SuppressionMessageId];
  const shown = kind === 'unknownRule' ? ruleIds.join(', ') : ruleIds.map((id) => `"${id}"`).join(' or ');
  // Every directive problem is `invalid-suppression`: never a rule a directive could name, so an
  // ESLint directive on the same line cannot silence the report about itself.
  return draftAt(sourceFile, directive.pos, directive.end, {
    ruleId: 'invalid-suppression',
    messageId,
    template,
    severity: 'error',
    data: kind === 'unknownRule' ? { ruleId: shown, known: RULE_IDS.join(', ') } : { ruleId: shown },
  });
}

function crashDraft(sourceFile: ts.SourceFile, ruleId: RuleId, error: unknown): Draft {
  return draftAt(sourceFile, 0, 0, { ruleId, severity: 'error', ...ruleFailure(ruleId, error) });
}

/**
 * Runs `ruleIds` over one walk of `sourceFile`: each rule's `create` returns its listeners (or
 * none), the walk dispatches to them, and `end` listeners run after it. A rule that throws is
 * switched off for the rest of the file and leaves one finding saying so; the others go on.
 */
function runRules(ctx: RuleContext, sourceFile: ts.SourceFile, ruleIds: readonly RuleId[]): Draft[] {
  const drafts: Draft[] = [];
  const crashed = new Set<number>();
  const onError = (index: number, error: unknown) => {
    if (crashed.has(index)) return;
    crashed.add(index);
    drafts.push(crashDraft(sourceFile, ruleIds[index]!, error));
  };
  const listeners = ruleIds.map((ruleId, index): RuleListeners | undefined => {
    const rule = rules[ruleId];
    const severity = ctx.config.rules[ruleId] === 'warn' ? 'warn' : 'error';
    const messages = rule.meta.messages as Readonly<Record<string, string>>;
    const fileContext: RuleFileContext = Object.assign(Object.create(ctx) as RuleContext, {
      sourceFile,
      report(report: RuleReport) {
        if (crashed.has(index)) return;
        drafts.push(
          draftAt(sourceFile, report.node.getStart(sourceFile), report.node.getEnd(), {
            ruleId,
            messageId: report.messageId,
            template: messages[report.messageId] ?? report.messageId,
            severity,
            ...(report.data ? { data: report.data } : {}),
          }),
        );
      },
    });
    try {
      return rule.create(fileContext);
    } catch (error) {
      onError(index, error);
      return undefined;
    }
  });
  const dispatch = buildDispatch(listeners);
  traverse(ctx.ts, sourceFile, dispatch, onError, (index) => crashed.has(index));
  for (const { rule: index, end } of dispatch.ends) {
    if (crashed.has(index)) continue;
    try {
      end();
    } catch (error) {
      onError(index, error);
    }
  }
  return drafts;
}

/**
 * Runs the chosen rules on one source file and returns its findings, sorted, with suppression
 * comments applied. Never throws for bad input: syntax errors and rule failures become findings.
 */
export function analyzeSourceFile(ctx: RuleContext, sourceFile: ts.SourceFile, options: AnalyzeOptions = {}): Finding[] {
  if (!isAnalyzedFile(ctx, sourceFile)) return [];
  const fullRun = options.rules === undefined;
  const requested = options.rules ?? RULE_IDS;
  const enabled = requested.filter((id) => ctx.config.rules[id] !== 'off');

  const syntax = ctx.program.getSyntacticDiagnostics(sourceFile);
  if (syntax.length > 0) {
    if (!fullRun) return [];
    return finish(
      ctx,
      sourceFile,
      syntax.map((diagnostic) =>
        draftAt(sourceFile, diagnostic.start ?? 0, (diagnostic.start ?? 0) + (diagnostic.length ?? 0), {
          ruleId: 'syntax-error',
          messageId: 'syntaxError',
          template: DIAGNOSTIC_MESSAGES.syntaxError,
          severity: 'error',
          // TypeScript's messages end with a full stop; the template adds its own.
          data: { message: ctx.ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '') },
        }),
      ),
    );
  }

  const drafts = runRules(ctx, sourceFile, enabled);
  const directives = parseSuppressions(ctx.ts, sourceFile);
  const { kept, leftToEslint, problems } = applySuppressions(drafts, directives, new Set(enabled), {
    reportUnknownRules: options.reportUnknownRules ?? fullRun,
    applyEslintDirectives: options.eslintDirectives !== 'leave-to-eslint',
  });
  for (const problem of problems) kept.push(suppressionDraft(sourceFile, problem));
  return finish(ctx, sourceFile, kept, leftToEslint);
}
