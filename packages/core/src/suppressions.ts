import type * as ts from 'typescript';
import { isRuleId, type RuleId } from './rule-ids.js';
import type { TypeScriptModule } from './types.js';

const DIRECTIVE = 'execution-governance-disable-next-line';

/** One `// execution-governance-disable-next-line <rule-id>[, <rule-id>] -- <reason>` comment. */
export interface SuppressionDirective {
  /** 1-based line of the comment; it applies to `line + 1`. */
  line: number;
  column: number;
  endColumn: number;
  pos: number;
  end: number;
  ruleIds: string[];
  reason: string;
}

/** Every suppression directive in a file, read from real comments (not strings). */
export function parseSuppressions(tsModule: TypeScriptModule, sourceFile: ts.SourceFile): SuppressionDirective[] {
  const text = sourceFile.text;
  if (!text.includes(DIRECTIVE)) return [];
  const directives: SuppressionDirective[] = [];
  const scanner = tsModule.createScanner(sourceFile.languageVersion, false, sourceFile.languageVariant, text);
  for (let kind = scanner.scan(); kind !== tsModule.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== tsModule.SyntaxKind.SingleLineCommentTrivia) continue;
    const comment = scanner.getTokenText();
    const match = /^\/\/\s*execution-governance-disable-next-line\b(.*)$/.exec(comment);
    if (!match) continue;
    const body = match[1] ?? '';
    const separator = body.indexOf('--');
    const idsText = separator === -1 ? body : body.slice(0, separator);
    const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
    const pos = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    const start = sourceFile.getLineAndCharacterOfPosition(pos);
    directives.push({
      line: start.line + 1,
      column: start.character + 1,
      endColumn: start.character + 1 + comment.length,
      pos,
      end,
      ruleIds: idsText.split(/[\s,]+/).filter(Boolean),
      reason,
    });
  }
  return directives;
}

export interface SuppressionOutcome<F> {
  kept: F[];
  /** Directive problems: unused, missing reason, unknown rule. */
  problems: Array<{ directive: SuppressionDirective; ruleId: string; kind: 'unused' | 'missingReason' | 'unknownRule' }>;
}

/**
 * Drops findings on the line after a valid directive that names their rule. A directive without
 * a reason suppresses nothing. Unused directives are reported only for rules that ran.
 */
export function applySuppressions<F extends { ruleId: string; line: number }>(
  findings: readonly F[],
  directives: readonly SuppressionDirective[],
  rulesRun: ReadonlySet<RuleId>,
  { reportUnknownRules }: { reportUnknownRules: boolean },
): SuppressionOutcome<F> {
  const problems: SuppressionOutcome<F>['problems'] = [];
  const used = new Set<string>();
  const active = new Map<string, SuppressionDirective>();
  for (const directive of directives) {
    for (const ruleId of directive.ruleIds) {
      if (!isRuleId(ruleId)) {
        if (reportUnknownRules) problems.push({ directive, ruleId, kind: 'unknownRule' });
        continue;
      }
      if (!rulesRun.has(ruleId)) continue;
      if (!directive.reason) {
        problems.push({ directive, ruleId, kind: 'missingReason' });
        continue;
      }
      active.set(`${directive.line + 1}:${ruleId}`, directive);
    }
  }
  const kept = findings.filter((finding) => {
    const key = `${finding.line}:${finding.ruleId}`;
    if (!active.has(key)) return true;
    used.add(key);
    return false;
  });
  for (const [key, directive] of active) {
    if (!used.has(key)) problems.push({ directive, ruleId: key.slice(key.indexOf(':') + 1), kind: 'unused' });
  }
  return { kept, problems };
}
