import type * as ts from 'typescript';
import { isRuleId, type RuleId } from './rule-ids.js';
import type { TypeScriptModule } from './types.js';

/** The namespace our rules have in ESLint, as directives write them: `execution-governance/<rule>`. */
export const ESLINT_NAMESPACE = 'execution-governance';

const OURS = 'execution-governance-disable-next-line';

/**
 * One suppression comment: ours (`// execution-governance-disable-next-line <rule>[, <rule>] -- why`)
 * or ESLint's (`eslint-disable-next-line`, `eslint-disable-line`, and the block-only
 * `/* eslint-disable *\/` … `/* eslint-enable *\/` range) naming `execution-governance/<rule>`.
 */
export interface SuppressionDirective {
  form: 'ours' | 'eslint';
  kind: 'next-line' | 'line' | 'disable' | 'enable';
  /** 1-based position of the comment. */
  line: number;
  column: number;
  endLine: number;
  pos: number;
  end: number;
  /** Our rules it names. */
  ruleIds: RuleId[];
  /** Names in our namespace that are no rule, as written (`execution-governance/typo`, or `typo` in ours). */
  unknownRuleIds: string[];
  /** An ESLint directive naming no rule at all: it silences every rule, ours included (as ESLint does). */
  all: boolean;
  reason: string;
}

// ESLint's own grammar (linter/source-code directive parsing): the directive word, then a list
// separated by commas, then an optional description after two or more dashes between spaces.
const ESLINT_DIRECTIVE = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s|$)([\s\S]*)$/;
const OUR_DIRECTIVE = /^\s*execution-governance-disable-next-line(?:\s|$)([\s\S]*)$/;

function splitReason(body: string): { list: string; reason: string } {
  const match = /\s-{2,}\s|^-{2,}\s|\s-{2,}$/.exec(body);
  if (!match) return { list: body, reason: '' };
  return { list: body.slice(0, match.index), reason: body.slice(match.index + match[0].length).trim() };
}

/** Every suppression directive in a file, read from real comments (never from strings). */
export function parseSuppressions(tsModule: TypeScriptModule, sourceFile: ts.SourceFile): SuppressionDirective[] {
  const text = sourceFile.text;
  if (!text.includes(OURS) && !text.includes('eslint-')) return [];
  const directives: SuppressionDirective[] = [];
  const { SyntaxKind } = tsModule;
  const scanner = tsModule.createScanner(sourceFile.languageVersion, false, sourceFile.languageVariant, text);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const block = kind === SyntaxKind.MultiLineCommentTrivia;
    if (kind !== SyntaxKind.SingleLineCommentTrivia && !block) continue;
    const comment = scanner.getTokenText();
    const inner = block ? comment.slice(2, comment.endsWith('*/') ? -2 : undefined) : comment.slice(2);
    const pos = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    const start = sourceFile.getLineAndCharacterOfPosition(pos);
    const stop = sourceFile.getLineAndCharacterOfPosition(end);
    const at = { line: start.line + 1, column: start.character + 1, endLine: stop.line + 1, pos, end };

    const ours = OUR_DIRECTIVE.exec(inner);
    if (ours) {
      const { list, reason } = splitReason(ours[1] ?? '');
      const names = list.split(/[\s,]+/).filter(Boolean);
      directives.push({
        form: 'ours',
        kind: 'next-line',
        ...at,
        ruleIds: names.filter(isRuleId),
        unknownRuleIds: names.filter((name) => !isRuleId(name)),
        all: false,
        reason,
      });
      continue;
    }
    const eslint = ESLINT_DIRECTIVE.exec(inner);
    if (!eslint) continue;
    const word = eslint[1]!;
    // ESLint ignores a line directive spread over lines, and range directives in line comments.
    if (word === 'eslint-disable-line' && at.endLine !== at.line) continue;
    if ((word === 'eslint-disable' || word === 'eslint-enable') && !block) continue;
    const { list, reason } = splitReason(eslint[2] ?? '');
    const names = list
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const ourNames = names.filter((name) => name.startsWith(`${ESLINT_NAMESPACE}/`)).map((name) => name.slice(ESLINT_NAMESPACE.length + 1));
    // A directive for other plugins' rules only is none of our business.
    if (names.length > 0 && ourNames.length === 0) continue;
    directives.push({
      form: 'eslint',
      kind: word === 'eslint-disable-next-line' ? 'next-line' : word === 'eslint-disable-line' ? 'line' : word === 'eslint-disable' ? 'disable' : 'enable',
      ...at,
      ruleIds: ourNames.filter(isRuleId),
      unknownRuleIds: ourNames.filter((name) => !isRuleId(name)).map((name) => `${ESLINT_NAMESPACE}/${name}`),
      all: names.length === 0,
      reason,
    });
  }
  return directives;
}

export interface SuppressionProblem {
  directive: SuppressionDirective;
  kind: 'unused' | 'missingReason' | 'unknownRule';
  /** The rules concerned (unused, missing reason) or the unknown name. */
  ruleIds: string[];
}

export interface SuppressionOutcome<F> {
  kept: F[];
  /** Kept findings an ESLint directive covers: ESLint drops them after the rules run. */
  leftToEslint: ReadonlySet<F>;
  problems: SuppressionProblem[];
}

export interface SuppressionOptions {
  /** Report names that are no rule (a full run only: a partial run cannot tell). */
  reportUnknownRules: boolean;
  /**
   * Apply ESLint's directives here (the CLI). Under ESLint they are ESLint's to apply and to
   * report unused or unknown (`reportUnusedDisableDirectives`): the core keeps those findings
   * and reports only what ESLint does not, a missing reason.
   */
  applyEslintDirectives: boolean;
}

const applies = (directive: SuppressionDirective, ruleId: string): boolean => directive.all || (directive.ruleIds as readonly string[]).includes(ruleId);

/** The directives that silence a finding of `ruleId` at 1-based `line`:`column`. */
function coveringDirectives(directives: readonly SuppressionDirective[], ruleId: string, line: number, column: number): SuppressionDirective[] {
  const covering: SuppressionDirective[] = [];
  let range: SuppressionDirective | undefined;
  for (const directive of directives) {
    if (!applies(directive, ruleId)) continue;
    if (directive.kind === 'next-line' && directive.endLine + 1 === line) covering.push(directive);
    else if (directive.kind === 'line' && directive.line === line) covering.push(directive);
    else if (
      (directive.kind === 'disable' || directive.kind === 'enable') &&
      (directive.line < line || (directive.line === line && directive.column <= column))
    ) {
      // Directives come in source order: the last disable/enable before the finding decides.
      range = directive.kind === 'disable' ? directive : undefined;
    }
  }
  if (range) covering.push(range);
  return covering;
}

/**
 * Drops the findings a directive covers, in every form both front ends accept. A directive needs
 * a reason: without one it still silences (ESLint cannot be told otherwise, so neither is the
 * CLI) but is itself reported. Directives that silence nothing, and names that are no rule, are
 * reported for rules that ran.
 */
export function applySuppressions<F extends { ruleId: string; line: number; column: number }>(
  findings: readonly F[],
  directives: readonly SuppressionDirective[],
  rulesRun: ReadonlySet<RuleId>,
  { reportUnknownRules, applyEslintDirectives }: SuppressionOptions,
): SuppressionOutcome<F> {
  const used = new Map<SuppressionDirective, Set<string>>();
  const leftToEslint = new Set<F>();
  const kept = findings.filter((finding) => {
    const covering = coveringDirectives(directives, finding.ruleId, finding.line, finding.column);
    for (const directive of covering) used.set(directive, (used.get(directive) ?? new Set()).add(finding.ruleId));
    if (covering.some((directive) => directive.form === 'ours' || applyEslintDirectives)) return false;
    if (covering.length > 0) leftToEslint.add(finding);
    return true;
  });

  const problems: SuppressionProblem[] = [];
  for (const directive of directives) {
    const ownedHere = directive.form === 'ours' || applyEslintDirectives;
    if (reportUnknownRules && ownedHere) {
      for (const name of directive.unknownRuleIds) problems.push({ directive, kind: 'unknownRule', ruleIds: [name] });
    }
    if (directive.kind === 'enable') continue;
    const ran = directive.ruleIds.filter((ruleId) => rulesRun.has(ruleId));
    const silenced = [...(used.get(directive) ?? [])];
    // A reason is required of every directive naming our rules, whether or not they ran here; a
    // bare ESLint directive is everyone's.
    if (directive.ruleIds.length > 0 && !directive.reason) problems.push({ directive, kind: 'missingReason', ruleIds: directive.ruleIds });
    const unused = ran.filter((ruleId) => !silenced.includes(ruleId));
    if (unused.length > 0 && ownedHere) problems.push({ directive, kind: 'unused', ruleIds: unused });
  }
  return { kept, leftToEslint, problems };
}
