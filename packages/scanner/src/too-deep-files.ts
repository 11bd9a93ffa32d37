import * as fs from 'node:fs';
import type { TypeScriptModule } from '@execgov/core';
import { core } from './core-module.js';
import type * as ts from 'typescript';
import { ProjectError } from './errors.js';

/** Height of a file's syntax tree, measured without recursion; Infinity when even the parse overflows. */
function treeHeight(tsm: TypeScriptModule, fileName: string): number {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = tsm.createSourceFile(fileName, tsm.sys.readFile(fileName) ?? '', tsm.ScriptTarget.Latest, false);
  } catch (error) {
    if (core().isStackOverflow(error)) return Number.POSITIVE_INFINITY;
    throw error;
  }
  let height = 0;
  const pending: Array<[ts.Node, number]> = [[sourceFile, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    height = Math.max(height, depth);
    tsm.forEachChild(node, (child) => {
      pending.push([child, depth + 1]);
    });
  }
  return height;
}

/** The file most likely to have overflowed TypeScript's stack: the one whose tree is tallest. */
function deepestFile(tsm: TypeScriptModule, fileNames: readonly string[]): string | undefined {
  let deepest: { fileName: string; height: number } | undefined;
  for (const fileName of fileNames) {
    if (!fs.existsSync(fileName)) continue;
    const height = treeHeight(tsm, fileName);
    if (!deepest || height > deepest.height) deepest = { fileName, height };
  }
  return deepest?.fileName;
}

/**
 * Runs `build` (program and checker for one tsconfig). When TypeScript's own stack overflows
 * on a deeply nested file while parsing or binding, that file is found (its parse overflows, or
 * its tree is the tallest), left out as an empty file, and the build is retried, so every other
 * file is still scanned. The files left out come back in `tooDeep`, to be reported as findings.
 * Costs nothing unless the stack overflows.
 */
export function buildSurvivingOverflow<T>(
  tsm: TypeScriptModule,
  fileNames: readonly string[],
  build: (emptied: ReadonlySet<string>) => T,
  known: Iterable<string> = [],
): { built: T; tooDeep: string[] } {
  // `known`: files an earlier scan found too deep, unchanged since: left out at once, not found again.
  const emptied = new Set<string>(known);
  for (;;) {
    try {
      return { built: build(emptied), tooDeep: [...emptied] };
    } catch (error) {
      if (!core().isStackOverflow(error)) throw error;
      const culprit = deepestFile(
        tsm,
        fileNames.filter((fileName) => !emptied.has(fileName)),
      );
      if (culprit === undefined) {
        throw new ProjectError(
          "TypeScript ran out of stack building the program, in a file outside the tsconfig's own files",
          'look for a generated or declaration file with thousands of nested expressions, and exclude it',
        );
      }
      emptied.add(culprit);
    }
  }
}
