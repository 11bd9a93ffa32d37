import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isStackOverflow } from '../src/index.js';
import { ruleFailure } from '../src/too-deep.js';
import { buildDispatch, traverse } from '../src/analyzer/traverse.js';
import { analyzeVirtual, summarize } from './helpers/rule-program.js';

function realStackOverflow(): unknown {
  const recurse = (n: number): number => recurse(n + 1) + 1;
  try {
    recurse(0);
  } catch (error) {
    return error;
  }
  throw new Error('expected the stack to overflow');
}

const plugin = `export type PluginLifecycleState = 'LOADED' | 'RUNNING' | 'FAILED';
export interface PluginRecord { name: string; state: PluginLifecycleState }
`;

describe('deep nesting', () => {
  it('a stack overflow in a rule is the file being too deep, anything else is our bug', () => {
    const overflow = realStackOverflow();
    expect(isStackOverflow(overflow)).toBe(true);
    expect(ruleFailure('valid-lifecycle-states', overflow)).toMatchObject({ messageId: 'tooDeeplyNested', data: {} });
    expect(isStackOverflow(new TypeError('x'))).toBe(false);
    expect(ruleFailure('valid-lifecycle-states', new TypeError('boom'))).toMatchObject({ messageId: 'ruleCrashed', data: { message: 'boom' } });
  });

  it('rules walk a 3,000-term `a + a + …` and a 3,000-operand comma chain that tsc accepts, and still report', () => {
    const terms = (separator: string) => Array.from({ length: 3000 }, () => 'a').join(separator);
    const use = `import type { PluginLifecycleState, PluginRecord } from './plugins/plugin.js';
declare const a: string;
declare function f(): number;
export const sum = ${terms(' + ')};
export function set(r: PluginRecord): void {
  r.state = (${Array.from({ length: 3000 }, () => 'f()').join(', ')}, 'PAUSED' as PluginLifecycleState);
}
`;
    const { findings, errors } = analyzeVirtual('valid-lifecycle-states', { 'src/plugins/plugin.ts': plugin, 'src/use.ts': use });
    expect(errors).toEqual([]);
    const column = use.split('\n')[5]!.indexOf("'PAUSED'") + 1;
    expect(summarize(findings)).toEqual([`src/use.ts:6:${column} unknownState`]);
  });

  it("the analyzer's one walk visits in source order, enters and exits, and goes deeper than the call stack", () => {
    const sourceFile = ts.createSourceFile('a.ts', 'f(g(1), [2, h(3)]);', ts.ScriptTarget.Latest, true);
    const seen: string[] = [];
    const onCall = (node: ts.Node) => seen.push((node as ts.CallExpression).expression.getText(sourceFile));
    traverse(
      ts,
      sourceFile,
      buildDispatch([{ enter: { [ts.SyntaxKind.CallExpression]: onCall } }]),
      (_, error) => {
        throw error;
      },
      () => false,
    );
    expect(seen).toEqual(['f', 'g', 'h']);
    // A tree taller than any stack: nested parentheses built by the factory (the parser would overflow first).
    let node: ts.Expression = ts.factory.createNumericLiteral(1);
    for (let i = 0; i < 200_000; i += 1) node = ts.factory.createParenthesizedExpression(node);
    const deep = ts.factory.createSourceFile(
      [ts.factory.createExpressionStatement(node)],
      ts.factory.createToken(ts.SyntaxKind.EndOfFileToken),
      ts.NodeFlags.None,
    );
    let entered = 0;
    let exited = 0;
    const listeners = {
      enter: { [ts.SyntaxKind.ParenthesizedExpression]: () => (entered += 1) },
      exit: { [ts.SyntaxKind.ParenthesizedExpression]: () => (exited += 1) },
    };
    traverse(
      ts,
      deep,
      buildDispatch([listeners]),
      (_, error) => {
        throw error;
      },
      () => false,
    );
    expect([entered, exited]).toEqual([200_000, 200_000]);
  });
});
