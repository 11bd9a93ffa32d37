import type * as ts from 'typescript';
import type { TypeSpecifier } from '../../config/schema.js';
import { createDeclaringFileTest } from '../../types/declaring-file.js';
import { createImportReach } from '../../types/import-reach.js';
import { createTypeMatcher } from '../../types/type-matcher.js';
import type { RuleContext } from '../../types.js';

/** "Is this the lifecycle type?", plus the literal values the declared type admits. */
export interface LifecycleType {
  isLifecycleType(type: ts.Type): boolean;
  /** String values of the declared type's literal members, when it is a literal union or enum. */
  readonly memberValues: ReadonlySet<string> | undefined;
  /**
   * False when no slot of the lifecycle type can appear in `sourceFile`: its module references
   * reach neither the type's declaration nor a file spelling every one of its literal members (an
   * equal union written out elsewhere is the same type to the checker).
   */
  mayAppearIn(sourceFile: ts.SourceFile): boolean;
}

/** The declared type named by `spec`, found among the program's files that may declare it. */
function declaredType(ctx: RuleContext, spec: TypeSpecifier): ts.Type | undefined {
  const isDeclaringFile = createDeclaringFileTest(ctx, spec);
  for (const sourceFile of ctx.program.getSourceFiles()) {
    if (!sourceFile.text.includes(spec.name) || !isDeclaringFile(sourceFile)) continue;
    for (const statement of sourceFile.statements) {
      if (!(ctx.ts.isTypeAliasDeclaration(statement) || ctx.ts.isEnumDeclaration(statement)) || statement.name.text !== spec.name) continue;
      const symbol = ctx.checker.getSymbolAtLocation(statement.name);
      if (symbol) return ctx.checker.getDeclaredTypeOfSymbol(symbol);
    }
  }
  return undefined;
}

function literalMembers(ctx: RuleContext, type: ts.Type | undefined): Set<ts.Type> | undefined {
  if (!type) return undefined;
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => member.flags & ctx.ts.TypeFlags.Literal) ? new Set(members) : undefined;
}

/** The lifecycle type test for a context, built once. */
export function lifecycleTypeOf(ctx: RuleContext): LifecycleType {
  return ctx.memo('valid-lifecycle-states:type', () => {
    const { ts: tsm } = ctx;
    const matcher = createTypeMatcher(ctx, ctx.config.lifecycle.type);
    const members = literalMembers(ctx, declaredType(ctx, ctx.config.lifecycle.type));
    const memberValues = members
      ? new Set([...members].filter((member): member is ts.StringLiteralType => member.isStringLiteral()).map((member) => member.value))
      : undefined;
    // A literal union loses its alias once merged with `undefined` (an optional property), so a
    // union holding exactly the declared members, plus null or undefined, is the type as well.
    const sameMembers = (type: ts.Type): boolean => {
      if (!members || !type.isUnion()) return false;
      const rest = type.types.filter((member) => !(member.flags & (tsm.TypeFlags.Undefined | tsm.TypeFlags.Null)));
      return rest.length === members.size && rest.every((member) => members.has(member));
    };
    let sameMembersReach: ((sourceFile: ts.SourceFile) => boolean) | undefined;
    const mayAppearIn = (sourceFile: ts.SourceFile): boolean => {
      if (matcher.mayAppearIn(sourceFile)) return true;
      if (!members) return false;
      if (!sameMembersReach) {
        const spelled = [...members].map((member) =>
          member.isStringLiteral() || member.isNumberLiteral() ? String(member.value) : ctx.checker.typeToString(member),
        );
        const targets = new Set(ctx.program.getSourceFiles().filter((file) => spelled.every((value) => file.text.includes(value))));
        sameMembersReach = createImportReach(ctx, targets);
      }
      return sameMembersReach(sourceFile);
    };
    return { isLifecycleType: (type) => matcher.matchesType(type) || sameMembers(type), memberValues, mayAppearIn };
  });
}
