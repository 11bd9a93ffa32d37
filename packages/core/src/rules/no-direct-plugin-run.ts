import type * as ts from 'typescript';
import type { ResolvedGuard as Guard } from '../config/validate.js';
import type { NodeListener, RuleContext, RuleListeners, RuleModule } from '../types.js';
import { parentOf } from '../types/parent-of.js';
import { memberReferenceListeners, type MemberReference } from '../types/member-references.js';
import { guardMemberNames } from '../types/guard-members.js';
import { createTypeMatcher, type TypeMatcher } from '../types/type-matcher.js';
import { buildMemberNameIndex, type MemberNameIndex } from '../types/member-name-index.js';
import { elementType, typeMayHoldGuarded, upcastListeners } from '../types/upcasts.js';
import { mergeListeners } from '../analyzer/merge-listeners.js';
import { skipWrappersDown } from '../ast/index.js';
import { constInitializer } from '../types/const-initializer.js';

type MessageId = 'directUse' | 'escapingReference' | 'escapingUpcast' | 'forbiddenWrite' | 'untypedReceiver' | 'presenceCheck';

interface PreparedGuard {
  guard: Guard;
  matcher: TypeMatcher;
  members: ReadonlySet<string>;
  allowIn: string;
}

function prepareGuards(ctx: RuleContext): readonly PreparedGuard[] {
  return ctx.memo('no-direct-plugin-run:guards', () =>
    ctx.config.guards.map((guard) => ({
      guard,
      matcher: createTypeMatcher(ctx, guard.type),
      members: guardMemberNames(ctx, guard),
      allowIn: guard.allowIn.length > 0 ? guard.allowIn.join(', ') : "the sanctioned files (none yet: this guard's `allowIn` is empty)",
    })),
  );
}

// Cheap text test: without a member name in the text, only a computed key, a Reflect call or an
// Object.assign/defineProperty source can still reach a member.
const NAMELESS_ACCESS = /\[\s*[^\s'"`\d\]\[]|\bReflect\s*\.|\bObject\s*\.\s*(?:assign|define)/;

function messageFor(guard: Guard, reference: MemberReference, reportPresenceChecks: boolean): MessageId | undefined {
  if (guard.access === 'write') return reference.mutated ? 'forbiddenWrite' : undefined;
  // For a guard on every use, the read that filled the constant was reported already.
  if (reference.throughAlias) return undefined;
  switch (reference.use) {
    case 'call':
      return 'directUse';
    case 'write':
      return 'forbiddenWrite';
    case 'reference':
      return 'escapingReference';
    case 'test':
      // Asking whether the member exists runs nothing: allowed unless the config asks otherwise.
      return reportPresenceChecks ? 'presenceCheck' : undefined;
  }
}

/**
 * True when the data `node` reads a member of comes out of `structuredClone(…)`, directly or
 * through a `const` that holds its result: a deep copy, nothing of which is the original's.
 */
function isDeepCopy(ctx: RuleContext, node: ts.Node): boolean {
  const { ts: tsm } = ctx;
  const isClone = (expression: ts.Expression): boolean => {
    const callee = tsm.isCallExpression(expression) ? skipWrappersDown(tsm, expression.expression) : undefined;
    return callee !== undefined && tsm.isIdentifier(callee) && callee.text === 'structuredClone';
  };
  // `node` names the member (`clone.quantity`, `clone['quantity']`); its access's receiver chain leads to the data.
  const access = node.parent;
  let value: ts.Expression | undefined =
    access && (tsm.isPropertyAccessExpression(access) || tsm.isElementAccessExpression(access)) ? skipWrappersDown(tsm, access.expression) : undefined;
  while (value && (tsm.isPropertyAccessExpression(value) || tsm.isElementAccessExpression(value) || (tsm.isCallExpression(value) && !isClone(value)))) {
    value = skipWrappersDown(tsm, value.expression);
  }
  if (!value) return false;
  if (isClone(value)) return true;
  if (!tsm.isIdentifier(value)) return false;
  const initializer = constInitializer(ctx, value);
  return initializer !== undefined && isClone(skipWrappersDown(tsm, initializer));
}

function isAny(ctx: RuleContext, type: ts.Type): boolean {
  return (type.flags & ctx.ts.TypeFlags.Any) !== 0;
}

/**
 * True when the member `name` of `receiver` is declared by a guarded type even though the receiver
 * itself is not one: a spread copy (`{ ...plugin }`), `Pick<Plugin, 'run'>`, a mapped type over
 * `Plugin`. Their property symbols keep the original declarations, so the member is the same
 * code. Only for guards on every use: mutating a copy of guarded data changes nothing guarded.
 */
function memberDeclaredByGuardedType(ctx: RuleContext, prepared: PreparedGuard, receiver: ts.Type, name: string): boolean {
  return prepared.guard.access === 'any' && declaresGuardedMember(ctx, prepared, receiver, name);
}

/**
 * True when a value of `type` carries `prepared`'s guarded members: it is the guarded type, or one
 * of its members is declared by it (Rollup's `Plugin extends Partial<PluginHooks>`, a spread copy,
 * `Pick<Plugin, 'run'>`).
 */
function carriesGuard(ctx: RuleContext, prepared: PreparedGuard, type: ts.Type): boolean {
  return prepared.matcher.matchesType(type) || [...prepared.members].some((name) => memberDeclaredByGuardedType(ctx, prepared, type, name));
}

/**
 * For a guard on writes: `reference` mutates the value a shallow copy of guarded data shares with
 * it (`const copy = { ...store }; copy.queue.push(x)`, the rest of `const { a, ...rest } = store`):
 * the copy's member keeps the guarded declaration. Writing the copy's own member
 * (`copy.state = 'x'`) changes only the copy.
 */
function mutatesSharedValue(ctx: RuleContext, prepared: PreparedGuard, receiver: ts.Type, reference: MemberReference, name: string): boolean {
  return prepared.guard.access === 'write' && reference.mutatesValue && declaresGuardedMember(ctx, prepared, receiver, name);
}

/** True when the member `name` of `receiver` is declared by `prepared`'s guarded type. */
function declaresGuardedMember(ctx: RuleContext, prepared: PreparedGuard, receiver: ts.Type, name: string): boolean {
  const { checker } = ctx;
  const property = checker.getPropertyOfType(checker.getApparentType(receiver), name);
  return (property?.declarations ?? []).some((declaration) => prepared.matcher.ownsDeclaration(parentOf(declaration)));
}

/**
 * The member of `prepared`'s guard that `target` exposes other than as the guarded type's own, or
 * undefined: when `target` is `any` or `unknown`, holds the guarded type itself (or a union with
 * it), or has no such member. `Pick<Plugin, 'run'>` and other copies keep the declaration: their
 * uses stay checked.
 */
function exposedMember(ctx: RuleContext, prepared: PreparedGuard, target: ts.Type): string | undefined {
  const { ts: tsm, checker } = ctx;
  const nonNull = checker.getNonNullableType(target);
  if (nonNull.flags & (tsm.TypeFlags.Any | tsm.TypeFlags.Unknown)) return undefined;
  const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
  if (parts.some((part) => prepared.matcher.matchesType(part))) return undefined;
  for (const part of parts) {
    const apparent = checker.getApparentType(part);
    for (const member of prepared.members) {
      const property = checker.getPropertyOfType(apparent, member);
      if (property && !(property.declarations ?? []).some((declaration) => prepared.matcher.ownsDeclaration(parentOf(declaration)))) return member;
    }
  }
  return undefined;
}

/** The guarded member a value of type `source` exposes unchecked once passed on as `target`. */
function upcastLoss(
  ctx: RuleContext,
  guards: readonly PreparedGuard[],
  source: ts.Type,
  target: ts.Type,
): { prepared: PreparedGuard; member: string } | undefined {
  for (const prepared of guards) {
    if (!carriesGuard(ctx, prepared, source)) continue;
    const member = exposedMember(ctx, prepared, target);
    if (member !== undefined) return { prepared, member };
  }
  return undefined;
}

/**
 * False when no guarded value can lose a member as `target`, whatever its own type (see
 * {@link exposedMember}), nor as the elements of `target` when it is an array or tuple. Lets a
 * slot be ruled out before the value flowing into it is typed.
 */
function targetMayLose(ctx: RuleContext, guards: readonly PreparedGuard[], target: ts.Type, seen = new Set<ts.Type>()): boolean {
  // A recursive element type (`type Json = string | Json[]`) comes back to itself: asked once.
  if (seen.has(target)) return false;
  seen.add(target);
  if (guards.some((prepared) => exposedMember(ctx, prepared, target) !== undefined)) return true;
  const nonNull = ctx.checker.getNonNullableType(target);
  return (nonNull.isUnion() ? nonNull.types : [nonNull]).some((part) => {
    // What an array, collection or iterable holds, or what a promise resolves to.
    const inner = elementType(ctx, part) ?? ctx.checker.getAwaitedType(part);
    return inner !== undefined && inner !== part && targetMayLose(ctx, guards, inner, seen);
  });
}

/**
 * The listeners of the shared helpers this rule registers (upcasts, member references), each
 * called through a function of this module: a CPU profile (the bench's split per rule) then counts
 * their work, and the checker questions they ask, as this rule's.
 */
function ownListeners(table: NonNullable<RuleListeners['enter']>): NonNullable<RuleListeners['enter']> {
  const owned: Partial<Record<ts.SyntaxKind, NodeListener>> = {};
  for (const [kind, listener] of Object.entries(table) as Array<[string, NodeListener | undefined]>) {
    if (listener) owned[Number(kind) as ts.SyntaxKind] = (node) => listener(node);
  }
  return owned;
}

/** Whether a file can hold values of the guarded types at all (by its module references). */
function reachesGuardedTypes(guards: readonly PreparedGuard[]): (sourceFile: ts.SourceFile) => boolean {
  return (sourceFile) => guards.some((prepared) => prepared.matcher.mayAppearIn(sourceFile));
}

/** The program's member-name index for upcasts, built once per set of guards. */
function memberNamesFor(ctx: RuleContext, guards: readonly PreparedGuard[], isGuarded: (type: ts.Type) => boolean): MemberNameIndex {
  const key = `no-direct-plugin-run:member-names\u0000${guards.map((prepared) => prepared.guard.name).join('\u0000')}`;
  return ctx.memo(key, () => buildMemberNameIndex(ctx, reachesGuardedTypes(guards), (type) => typeMayHoldGuarded(ctx, isGuarded, type)));
}

/** A computed key is typed only when its receiver may be guarded (or is `any` and that is reported). */
function worthTypingKey(ctx: RuleContext, guards: readonly PreparedGuard[], reference: MemberReference): boolean {
  const receiver = reference.receiverType();
  if (receiver === undefined) return false;
  if (isAny(ctx, receiver)) return ctx.config.reportUntyped;
  // A type built over the guarded one (`interface Plugin extends Partial<PluginHooks>`) keeps its
  // members' declarations; arrays and tuples, what most computed keys index, never do.
  if (ctx.checker.isArrayType(receiver) || ctx.checker.isTupleType(receiver)) return guards.some((prepared) => prepared.matcher.matchesType(receiver));
  return guards.some((prepared) => carriesGuard(ctx, prepared, receiver));
}

/**
 * Guarded members (such as `Plugin.run`, or the registry's `state` and `metrics`) are used only in
 * their sanctioned files. Candidates are found by syntax first; the checker is asked for a
 * receiver's type only when a reference's name belongs to a guard that applies to the file.
 */
export const noDirectPluginRun: RuleModule<MessageId> = {
  id: 'no-direct-plugin-run',
  meta: {
    description: 'Guarded members (such as Plugin.run) are used only in their sanctioned files.',
    messages: {
      directUse: '"{{member}}" of {{type}} (guard "{{guard}}") is used outside its sanctioned files. Go through {{allowIn}}.',
      escapingReference: 'A reference to "{{member}}" of {{type}} (guard "{{guard}}") escapes here. Go through {{allowIn}}.',
      escapingUpcast:
        'A {{type}} (guard "{{guard}}") is passed on as `{{target}}`, which has "{{member}}" but is not {{type}}, so its uses are no longer checked. Keep the {{type}} type, or go through {{allowIn}}.',
      forbiddenWrite: '"{{member}}" of {{type}} (guard "{{guard}}") is mutated outside {{allowIn}}. Read it; only the sanctioned files change it.',
      untypedReceiver: '"{{member}}" is read from a value typed `any`; it may be a guarded {{type}}. Give the value a type.',
      presenceCheck:
        '"{{member}}" of {{type}} (guard "{{guard}}") is tested outside its sanctioned files (`rules.reportPresenceChecks` is on). Ask {{allowIn}} instead.',
    },
  },
  create(context) {
    const { sourceFile } = context;
    // A guard matters in a file only where values of its type can appear (by the file's module
    // references), or anywhere when receivers typed `any` are reported too.
    const { reportUntyped } = context.config;
    const guards = prepareGuards(context).filter(
      (prepared) => !context.matches(sourceFile.fileName, prepared.guard.allowIn) && (reportUntyped || prepared.matcher.mayAppearIn(sourceFile)),
    );
    if (guards.length === 0) return undefined;
    // Upcasts are looked for in every such file: the flow site need not name the member.
    const everyUse = guards.filter(
      (prepared) => prepared.guard.access === 'any' && prepared.matcher.shape().declarations.length > 0 && prepared.matcher.mayAppearIn(sourceFile),
    );
    // A value is guarded when its type carries a guarded type's members (see carriesGuard): passed
    // on as a type of its own, they go unchecked. Only object types can; cached per type.
    const guardedTypes = new Map<ts.Type, boolean>();
    const isGuarded = (type: ts.Type): boolean => {
      if (!(type.flags & context.ts.TypeFlags.Object) && !type.isIntersection()) return everyUse.some((prepared) => prepared.matcher.matchesType(type));
      let known = guardedTypes.get(type);
      if (known === undefined) guardedTypes.set(type, (known = everyUse.some((prepared) => carriesGuard(context, prepared, type))));
      return known;
    };
    const upcasts =
      everyUse.length === 0
        ? undefined
        : upcastListeners(
            context,
            {
              isGuarded,
              memberNames: () => memberNamesFor(context, everyUse, isGuarded),
              loss: (source, target) => upcastLoss(context, everyUse, source, target),
              mayLose: (target) => targetMayLose(context, everyUse, target),
            },
            ({ node, target }, { prepared, member }) => {
              const data = { member, type: prepared.guard.type.name, guard: prepared.guard.name, allowIn: prepared.allowIn };
              context.report({ messageId: 'escapingUpcast', node, data: { ...data, target: context.checker.typeToString(target) } });
            },
          );
    const wanted = new Set(guards.flatMap((prepared) => [...prepared.members]));
    const text = sourceFile.text;
    if (![...wanted].some((name) => text.includes(name)) && !NAMELESS_ACCESS.test(text)) return upcasts && { enter: ownListeners(upcasts) };

    const onReference = (reference: MemberReference): void => {
      if (!reference.namesFromText && !worthTypingKey(context, guards, reference)) return;
      const names = reference.names();
      for (const prepared of guards) {
        const member = names.find((name) => prepared.members.has(name));
        if (member === undefined) continue;
        const messageId = messageFor(prepared.guard, reference, context.config.reportPresenceChecks);
        if (messageId === undefined) continue;
        // A deep copy (`const copy = structuredClone(item)`) shares nothing with the guarded data.
        if (prepared.guard.access === 'write' && isDeepCopy(context, reference.node)) continue;
        const receiver = reference.receiverType();
        if (receiver === undefined) continue;
        const data = { member, type: prepared.guard.type.name, guard: prepared.guard.name, allowIn: prepared.allowIn };
        if (isAny(context, receiver)) {
          if (!context.config.reportUntyped) continue;
          context.report({ messageId: 'untypedReceiver', data, node: reference.node });
          return;
        }
        if (
          !prepared.matcher.matchesType(receiver) &&
          !memberDeclaredByGuardedType(context, prepared, receiver, member) &&
          !mutatesSharedValue(context, prepared, receiver, reference, member)
        )
          continue;
        context.report({ messageId, data, node: reference.node });
        return; // one finding per place, even when two guards cover it
      }
    };
    return { enter: ownListeners(mergeListeners(memberReferenceListeners(context, wanted, onReference), upcasts)) };
  },
};
