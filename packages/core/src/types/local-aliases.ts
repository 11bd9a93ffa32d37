import type * as ts from 'typescript';
import { isConstList } from '../ast/index.js';
import type { RuleContext, TypeScriptModule } from '../types.js';
import { changesData, followChain, type ChainEnd } from './data-chain.js';

/** Where an alias's value comes from: the guarded member read, and the type it was read from. */
interface Source {
  readonly member: string;
  readonly receiverType: () => ts.Type | undefined;
}

/** A local constant that holds a guarded member's value, or a part or an element of it. */
interface Alias extends Source {
  readonly name: ts.Identifier;
  /** Objects less deep than this below the constant's value are fresh copies (see {@link ChainEnd}). */
  readonly minDepth: number;
  symbol?: ts.Symbol | null;
}

/** A mutation of a member's value made through a local constant: `const m = rec.metrics; m.runs++`. */
export interface AliasMutation {
  /** The constant at the mutation. */
  node: ts.Identifier;
  member: string;
  receiverType: () => ts.Type | undefined;
}

/**
 * The names a `const` binds `value` to, and how far below `value` the bound value is:
 * `const x = value` binds it (0), `for (const x of value)` binds its elements (1).
 */
function constantTarget(tsm: TypeScriptModule, value: ts.Expression): { name: ts.BindingName; depth: number } | undefined {
  const parent = value.parent;
  if (tsm.isVariableDeclaration(parent) && parent.initializer === value && isConstList(tsm, parent.parent)) return { name: parent.name, depth: 0 };
  if (tsm.isForOfStatement(parent) && parent.expression === value && isConstList(tsm, parent.initializer)) {
    const [declaration] = parent.initializer.declarations;
    return declaration && { name: declaration.name, depth: 1 };
  }
  return undefined;
}

/** True when the method `name` names is declared by the standard library (Map.set, Array.push…). */
function isStandardLibraryMember(ctx: RuleContext, name: ts.Node): boolean {
  const symbol = ctx.checker.getSymbolAtLocation(name);
  return (symbol?.declarations ?? []).some((declaration) => ctx.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * Follows guarded members' values into local constants and finds the mutations made through
 * them, by the same test as direct ones. A constant may hold the value (`const m = rec.metrics`,
 * `const { metrics } = rec`, `const q = flag ? rec.queue : []`), a part of it (nested
 * destructuring, `const [first] = rec.records`), an element (`for (const e of rec.byId.values())`),
 * a copy whose elements are the data (`const rest` of `const { a, ...rest } = rec`,
 * `const list = [...rec.records]`), or any of these taken from another such constant. Only
 * `const` bindings: a `let` may be reassigned to something else before it is written through.
 * Names are compared first, the symbol only for a candidate.
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

  // Every name a binding declares, each with the depth of the fresh copies above it.
  const bind = (name: ts.BindingName, source: Source, minDepth: number): void => {
    if (tsm.isIdentifier(name)) {
      const list = byName.get(name.text) ?? [];
      list.push({ ...source, name, minDepth });
      byName.set(name.text, list);
      return;
    }
    for (const element of name.elements) {
      // A part is one step below; a rest binding is a fresh object or array of the parts.
      if (!tsm.isOmittedExpression(element)) bind(element.name, source, element.dotDotDotToken ? Math.max(minDepth, 1) : minDepth - 1);
    }
  };

  // Where a chain that did not mutate ends: maybe in a constant.
  const bindEnd = (end: ChainEnd, source: Source): void => {
    const target = end.minDepth === Infinity ? undefined : constantTarget(tsm, end.top);
    if (target) bind(target.name, source, end.minDepth - end.depth - target.depth);
  };

  return {
    isCollectionMethod,
    /** `value` (a plain read of `member`) may end up in a constant: remember it. */
    rememberIfConstant(value: ts.Expression, member: string, receiverType: () => ts.Type | undefined): void {
      bindEnd(
        followChain(tsm, value, () => false),
        { member, receiverType },
      );
    },
    /** `const { member } = rec`, `const { member: { part } } = rec`, `for (const { member } of recs)`. */
    rememberBinding(element: ts.BindingElement, member: string, receiverType: () => ts.Type | undefined): void {
      let pattern: ts.Node = element.parent;
      while (tsm.isBindingElement(pattern.parent)) pattern = pattern.parent.parent;
      const declaration = pattern.parent;
      if (tsm.isVariableDeclaration(declaration) && isConstList(tsm, declaration.parent)) bind(element.name, { member, receiverType }, -1);
    },
    /** An identifier that may be a remembered constant: written through, or passed on to another. */
    visitIdentifier(identifier: ts.Identifier): void {
      if (!byName.has(identifier.text)) return;
      const parent = identifier.parent;
      if (tsm.isPropertyAccessExpression(parent) && parent.name === identifier) return;
      const alias = aliasAt(identifier);
      if (!alias) return;
      const end = followChain(tsm, identifier, isCollectionMethod, alias.minDepth);
      if (changesData(end)) onMutation({ node: identifier, member: alias.member, receiverType: alias.receiverType });
      else bindEnd(end, { member: alias.member, receiverType: alias.receiverType });
    },
  };
}
