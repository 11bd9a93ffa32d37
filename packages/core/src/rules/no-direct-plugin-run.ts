import type * as ts from 'typescript';
import type { ResolvedGuard as Guard } from '../config/validate.js';
import type { RuleContext, RuleModule } from '../types.js';
import { memberReferenceListeners, type MemberReference } from '../types/member-references.js';
import { createTypeMatcher, type TypeMatcher } from '../types/type-matcher.js';

type MessageId = 'directUse' | 'escapingReference' | 'forbiddenWrite' | 'untypedReceiver' | 'presenceCheck';

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

function messageFor(guard: Guard, reference: MemberReference, reportPresenceChecks: boolean): MessageId | undefined {
  if (guard.access === 'write') return reference.mutated ? 'forbiddenWrite' : undefined;
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
    const owner = declaration.parent;
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
      presenceCheck:
        '"{{member}}" of {{type}} (guard "{{guard}}") is tested outside its sanctioned files (`rules.reportPresenceChecks` is on). Ask {{allowIn}} instead.',
    },
  },
  create(context) {
    const { sourceFile } = context;
    const guards = prepareGuards(context).filter((prepared) => !context.matches(sourceFile.fileName, prepared.guard.allowIn));
    if (guards.length === 0) return undefined;
    const wanted = new Set(guards.flatMap((prepared) => [...prepared.members]));
    const text = sourceFile.text;
    if (![...wanted].some((name) => text.includes(name)) && !NAMELESS_ACCESS.test(text)) return undefined;

    const onReference = (reference: MemberReference): void => {
      if (!reference.namesFromText && !worthTypingKey(context, guards, reference)) return;
      const names = reference.names();
      for (const prepared of guards) {
        const member = names.find((name) => prepared.members.has(name));
        if (member === undefined) continue;
        const messageId = messageFor(prepared.guard, reference, context.config.reportPresenceChecks);
        if (messageId === undefined) continue;
        const receiver = reference.receiverType();
        if (receiver === undefined) continue;
        const data = { member, type: prepared.guard.type.name, guard: prepared.guard.name, allowIn: prepared.allowIn };
        if (isAny(context, receiver)) {
          if (!context.config.reportUntyped) continue;
          context.report({ messageId: 'untypedReceiver', data, node: reference.node });
          return;
        }
        if (!prepared.matcher.matchesType(receiver) && !memberDeclaredByGuardedType(context, prepared, receiver, member)) continue;
        context.report({ messageId, data, node: reference.node });
        return; // one finding per place, even when two guards cover it
      }
    };
    return { enter: memberReferenceListeners(context, wanted, onReference) };
  },
};
