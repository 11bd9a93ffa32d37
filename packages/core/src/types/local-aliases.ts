import type * as ts from 'typescript';
import { builtinCallee, skipWrappersDown } from '../ast/index.js';
import type { RuleContext } from '../types.js';
import { followChain, isMutatedThrough, isMutatingBuiltin } from './member-use.js';

/** A local constant that holds a guarded member's value. */
interface Alias {
  readonly name: ts.Identifier;
  readonly member: string;
  readonly receiverType: () => ts.Type | undefined;
  symbol?: ts.Symbol | null;
}

/** A mutation of a member's value made through a local constant: `const m = rec.metrics; m.runs++`. */
export interface AliasMutation {
  /** The constant at the mutation. */
  node: ts.Identifier;
  member: string;
  receiverType: () => ts.Type | undefined;
}

/** The constant `outer` initialises, if it is `const name = outer`. */
function constantInitialised(ctx: RuleContext, outer: ts.Expression): ts.Identifier | undefined {
  const tsm = ctx.ts;
  const declaration = outer.parent;
  if (!tsm.isVariableDeclaration(declaration) || declaration.initializer !== outer || !tsm.isIdentifier(declaration.name)) return undefined;
  const list = declaration.parent;
  return tsm.isVariableDeclarationList(list) && list.flags & tsm.NodeFlags.Const ? declaration.name : undefined;
}

/** True when the method `name` names is declared by the standard library (Map.set, Array.push…). */
export function isStandardLibraryMember(ctx: RuleContext, name: ts.Node): boolean {
  const symbol = ctx.checker.getSymbolAtLocation(name);
  return (symbol?.declarations ?? []).some((declaration) => ctx.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * Follows guarded members' values into local constants (`const m = rec.metrics`,
 * `const { metrics } = rec`, and constants taken from those) and finds the mutations made
 * through them, by the same test as direct ones. Only `const` bindings: a `let` may be
 * reassigned to something else before it is written through. Names are compared first, the
 * symbol only for a candidate.
 */
export function createAliasTracker(ctx: RuleContext, onMutation: (mutation: AliasMutation) => void) {
  const { ts: tsm, checker } = ctx;
  const byName = new Map<string, Alias[]>();
  const isCollectionMethod = (name: ts.MemberName) => isStandardLibraryMember(ctx, name);

  const aliasAt = (identifier: ts.Identifier): Alias | undefined => {
    const candidates = byName.get(identifier.text);
    if (!candidates) return undefined;
    const symbol = checker.getSymbolAtLocation(identifier);
    return candidates.find((alias) => {
      alias.symbol ??= checker.getSymbolAtLocation(alias.name) ?? null;
      return alias.name !== identifier && alias.symbol === symbol;
    });
  };

  const remember = (name: ts.Identifier, member: string, receiverType: () => ts.Type | undefined): void => {
    const list = byName.get(name.text) ?? [];
    list.push({ name, member, receiverType });
    byName.set(name.text, list);
  };

  // `const m = rec.metrics`, `const byPlugin = rec.metrics.byPlugin`, `const entry = rec.metrics.byPlugin.get(id)!`.
  const rememberIfConstant = (value: ts.Expression, member: string, receiverType: () => ts.Type | undefined): void => {
    const end = followChain(tsm, value, () => false);
    const name = end.fresh ? undefined : constantInitialised(ctx, end.top);
    if (name) remember(name, member, receiverType);
  };

  return {
    isCollectionMethod,
    /** `value` (a read of `member`) may initialise a constant: remember it. */
    rememberIfConstant,
    /** `const { member } = rec` / `const { member: m } = rec`. */
    rememberBinding(element: ts.BindingElement, member: string, receiverType: () => ts.Type | undefined): void {
      const declaration = element.parent.parent;
      const list = declaration.parent;
      if (tsm.isIdentifier(element.name) && tsm.isVariableDeclaration(declaration) && tsm.isVariableDeclarationList(list) && list.flags & tsm.NodeFlags.Const) {
        remember(element.name, member, receiverType);
      }
    },
    /** A property or element access whose object may be a remembered constant. */
    visitAccess(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
      const root = access.expression;
      if (!tsm.isIdentifier(root) || !byName.has(root.text)) return;
      const alias = aliasAt(root);
      if (!alias) return;
      if (isMutatedThrough(tsm, root, isCollectionMethod)) onMutation({ node: root, member: alias.member, receiverType: alias.receiverType });
      else rememberIfConstant(root, alias.member, alias.receiverType);
    },
    /** `Object.assign(m, …)`, `Reflect.set(m, …)` with a remembered constant as the target. */
    visitCall(call: ts.CallExpression): void {
      const [first] = call.arguments;
      const target = first && skipWrappersDown(tsm, first);
      if (!target || !tsm.isIdentifier(target) || !byName.has(target.text) || !isMutatingBuiltin(builtinCallee(tsm, call))) return;
      const alias = aliasAt(target);
      if (alias) onMutation({ node: target, member: alias.member, receiverType: alias.receiverType });
    },
  };
}
