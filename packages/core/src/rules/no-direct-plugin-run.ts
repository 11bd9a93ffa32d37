import type * as ts from 'typescript';
import type { Guard } from '../config/schema.js';
import type { RuleContext, RuleModule, RuleReport } from '../types.js';
import { findMemberReferences, type MemberReference } from '../types/member-references.js';
import { createTypeMatcher, type TypeMatcher } from '../types/type-matcher.js';
import { parentOf } from '../types/parent-of.js';

type MessageId = 'directUse' | 'escapingReference' | 'forbiddenWrite' | 'untypedReceiver';

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
      members: new Set(guard.members),
      allowIn: guard.allowIn.length > 0 ? guard.allowIn.join(', ') : '(no file)',
    })),
  );
}

// Cheap text test: without a member name in the text, only a computed key, a Reflect call or an
// Object.assign/defineProperty source can still reach a member.
const NAMELESS_ACCESS = /\[\s*[^\s'"`\d\]\[]|\bReflect\s*\.|\bObject\s*\.\s*(?:assign|define)/;

function messageFor(guard: Guard, reference: MemberReference): MessageId | undefined {
  if (guard.access === 'write') return reference.mutated ? 'forbiddenWrite' : undefined;
  switch (reference.use) {
    case 'call':
      return 'directUse';
    case 'write':
      return 'forbiddenWrite';
    case 'reference':
      return 'escapingReference';
    case 'test':
      return undefined;
  }
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
  if (prepared.guard.access !== 'any') return false;
  const { ts: tsm, checker } = ctx;
  const property = checker.getPropertyOfType(checker.getApparentType(receiver), name);
  return (property?.declarations ?? []).some((declaration) => {
    const owner = parentOf(declaration);
    if (!owner) return false;
    if (tsm.isClassLike(owner) || tsm.isInterfaceDeclaration(owner)) {
      const symbol = owner.name && checker.getSymbolAtLocation(owner.name);
      return symbol !== undefined && prepared.matcher.matchesType(checker.getDeclaredTypeOfSymbol(symbol));
    }
    if (tsm.isTypeLiteralNode(owner) && tsm.isTypeAliasDeclaration(owner.parent)) {
      const symbol = checker.getSymbolAtLocation(owner.parent.name);
      return symbol !== undefined && prepared.matcher.matchesSymbol(symbol);
    }
    return false;
  });
}

/** A computed key is typed only when its receiver may be guarded (or is `any` and that is reported). */
function worthTypingKey(ctx: RuleContext, guards: readonly PreparedGuard[], reference: MemberReference): boolean {
  const receiver = reference.receiverType();
  if (receiver === undefined) return false;
  if (isAny(ctx, receiver)) return ctx.config.reportUntyped;
  return guards.some((prepared) => prepared.matcher.matchesType(receiver));
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
      forbiddenWrite: '"{{member}}" of {{type}} (guard "{{guard}}") is mutated outside {{allowIn}}. Read it; only the sanctioned files change it.',
      untypedReceiver: '"{{member}}" is read from a value typed `any`; it may be a guarded {{type}}. Give the value a type.',
    },
  },
  *check(ctx, sourceFile): Generator<RuleReport<MessageId>> {
    const guards = prepareGuards(ctx).filter((prepared) => !ctx.matches(sourceFile.fileName, prepared.guard.allowIn));
    if (guards.length === 0) return;
    const wanted = new Set(guards.flatMap((prepared) => [...prepared.members]));
    const text = sourceFile.text;
    if (![...wanted].some((name) => text.includes(name)) && !NAMELESS_ACCESS.test(text)) return;

    for (const reference of findMemberReferences(ctx, sourceFile, wanted)) {
      if (!reference.namesFromText && !worthTypingKey(ctx, guards, reference)) continue;
      const names = reference.names();
      for (const prepared of guards) {
        const member = names.find((name) => prepared.members.has(name));
        if (member === undefined) continue;
        const messageId = messageFor(prepared.guard, reference);
        if (messageId === undefined) continue;
        const receiver = reference.receiverType();
        if (receiver === undefined) continue;
        const data = { member, type: prepared.guard.type.name, guard: prepared.guard.name, allowIn: prepared.allowIn };
        if (isAny(ctx, receiver)) {
          if (!ctx.config.reportUntyped) continue;
          yield { messageId: 'untypedReceiver', data, node: reference.node };
          break;
        }
        if (!prepared.matcher.matchesType(receiver) && !memberDeclaredByGuardedType(ctx, prepared, receiver, member)) continue;
        yield { messageId, data, node: reference.node };
        break; // one finding per place, even when two guards cover it
      }
    }
  },
};
