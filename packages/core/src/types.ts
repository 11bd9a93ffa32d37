import type * as ts from 'typescript';
import type { ResolvedConfig } from './config/validate.js';
import type { RuleId } from './rule-ids.js';

/**
 * The TypeScript module the caller works with (ts-morph bundles its own copy: never import ours).
 * `default` is left out so both `import ts from` and `import * as ts from` forms are accepted.
 */
export type TypeScriptModule = Omit<typeof ts, 'default'>;

/** Ids of findings that are not rules: problems the analysis itself hit. */
export type DiagnosticId = 'syntax-error' | 'invalid-suppression';

/**
 * One finding. Lines are 1-based; columns are 1-based with `endColumn` exclusive (ESLint's
 * LintMessage convention), so both front ends print identical positions.
 */
export interface Finding {
  ruleId: RuleId | DiagnosticId;
  messageId: string;
  data: Readonly<Record<string, string>>;
  message: string;
  severity: 'error' | 'warn';
  /** Absolute path, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Stable across unrelated edits: no line numbers in it. */
  fingerprint: string;
}

/** What a rule reports: a message id, its data, and the node (or text range) to mark. */
export interface RuleReport<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Readonly<Record<string, string | number>>;
  node: ts.Node;
}

export interface RuleMeta<MessageIds extends string = string> {
  /** One sentence, shown in docs and ESLint's meta.docs.description. */
  description: string;
  /** Message templates with `{{placeholder}}`s, as ESLint writes them. */
  messages: Readonly<Record<MessageIds, string>>;
}

/** A listener for one syntax kind; it receives nodes of that kind. */
export type NodeListener = (node: ts.Node) => void;

/**
 * What a rule asks of the one traversal of a file, ESLint-style: listeners by syntax kind on the
 * way down (`enter`) and on the way back up (`exit`), and `end` once the walk is over. Type-only
 * subtrees (type nodes, interfaces, type aliases) are never visited.
 */
export interface RuleListeners {
  enter?: Partial<Record<ts.SyntaxKind, NodeListener>>;
  exit?: Partial<Record<ts.SyntaxKind, NodeListener>>;
  end?: () => void;
}

/** The context a rule's `create` gets for one file: the program-wide context plus `report`. */
export interface RuleFileContext<MessageIds extends string = string> extends RuleContext {
  readonly sourceFile: ts.SourceFile;
  report(report: RuleReport<MessageIds>): void;
}

/**
 * A core rule: `create` is called once per file and returns the listeners the analyzer's one walk
 * dispatches to, or nothing when the rule has nothing to do in the file (its text pre-filter).
 */
export interface RuleModule<MessageIds extends string = string> {
  id: RuleId;
  meta: RuleMeta<MessageIds>;
  create(context: RuleFileContext<MessageIds>): RuleListeners | undefined;
}

/**
 * Everything a rule may use. One context per (program, config); `memo` holds per-context
 * caches (resolved guard types, glob matchers) so nothing is cached at module level.
 */
export interface RuleContext {
  readonly ts: TypeScriptModule;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly config: ResolvedConfig;
  /** Path of `fileName` relative to the config directory, forward slashes. */
  relativePath(fileName: string): string;
  /** True when `fileName` matches one of `globs` (relative to the config directory). */
  matches(fileName: string, globs: readonly string[]): boolean;
  /** A value computed once per context under `key`. */
  memo<T>(key: string, create: () => T): T;
}
