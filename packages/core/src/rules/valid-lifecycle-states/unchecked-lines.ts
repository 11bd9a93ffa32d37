import type * as ts from 'typescript';
import type { TypeScriptModule } from '../../types.js';

/** A comment line that suppresses the compiler's errors on the next line. */
const LINE_DIRECTIVE = /^\s*(?:\/\/\/?|\/\*+)\s*@ts-(?:expect-error|ignore)\b/;

/**
 * Where the compiler's verdict does not hold in a TypeScript file: `"all"` under a `// @ts-nocheck`
 * in the file's leading comments, else the 0-based lines right after a `// @ts-expect-error` or
 * `// @ts-ignore` line (also written as a one-line block comment). Text is scanned only when it
 * mentions a directive.
 */
export function uncheckedLines(tsm: TypeScriptModule, sourceFile: ts.SourceFile): 'all' | ReadonlySet<number> {
  const { text } = sourceFile;
  if (!text.includes('@ts-')) return EMPTY;
  const header = tsm.getLeadingCommentRanges(text, 0) ?? [];
  if (header.some((range) => /^\/\/\s*@ts-nocheck\b/.test(text.slice(range.pos, range.end)))) return 'all';
  if (!text.includes('@ts-expect-error') && !text.includes('@ts-ignore')) return EMPTY;
  const lines = new Set<number>();
  text.split('\n').forEach((line, index) => {
    if (LINE_DIRECTIVE.test(line)) lines.add(index + 1);
  });
  return lines;
}

const EMPTY: ReadonlySet<number> = new Set();
