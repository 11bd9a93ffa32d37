import type * as ts from 'typescript';
import { callTarget, memberNameNode, propertyNameText, skipWrappersDown, staticMemberName } from '../../ast/index.js';
import type { RuleContext } from '../../types.js';

/** The four things a runner must do around a guarded call, keyed as in the config. */
export type Role = 'validateInput' | 'validateOutput' | 'errorEnvelope' | 'recordMetrics';

export const ROLES: readonly Role[] = ['validateInput', 'validateOutput', 'errorEnvelope', 'recordMetrics'];

/** What a function expression refers to: its declared names, and its body when that is local code. */
interface Referent {
  /** Declaration names met following aliases, shorthand properties and `const f = g` initialisers. */
  names: Set<string>;
  /** False when the checker knows no symbol (untyped code): then the name at the call site stands. */
  resolved: boolean;
  /** A function-like the expression evaluates to, when it is declared in the file being analysed. */
  body: ts.SignatureDeclaration | undefined;
}

/** What a call (or `new`) does for the runner, and which expressions it applies that to. */
export interface CallRoles {
  roles: ReadonlySet<Role>;
  /** The expressions the role is applied to: the arguments, or the receiver of `.then(validator)`. */
  subjects: readonly ts.Expression[];
  /** The local function the call runs, when it plays its roles by what its body does. */
  body?: ts.SignatureDeclaration;
}

const NO_ROLES: CallRoles = { roles: new Set(), subjects: [] };
const MAX_HOPS = 8;

/**
 * Roles of calls by the SYMBOL they call, not the name at the call site: `validateInput` imported
 * as `checkInput` is still the validator, and a local `validateInput` imported from elsewhere
 * under that name is whatever it is declared as. Local functions and closures that perform a role
 * on every path count when called; so do validators passed by reference to `.then(…)`.
 * `alwaysPerforms` is given by the caller: it needs the function's flow graph.
 */
export function createRoleTest(
  ctx: RuleContext,
  sourceFile: ts.SourceFile,
  alwaysPerforms: (fn: ts.SignatureDeclaration) => ReadonlySet<Role>,
): (call: ts.Node) => CallRoles {
  const { ts: tsm, checker, config } = ctx;
  const namesByRole = new Map<Role, ReadonlySet<string>>(ROLES.map((role) => [role, new Set(config.runner[role])]));
  const cache = new Map<ts.Node, CallRoles>();

  const referent = (expression: ts.Expression): Referent => {
    const target = skipWrappersDown(tsm, expression);
    const names = new Set<string>();
    if (tsm.isArrowFunction(target) || tsm.isFunctionExpression(target)) return { names, resolved: true, body: target };
    let symbol = checker.getSymbolAtLocation(memberNameNode(tsm, target));
    if (!symbol) {
      const text = tsm.isIdentifier(target) ? target.text : staticMemberName(tsm, target);
      if (text !== undefined) names.add(text);
      return { names, resolved: false, body: undefined };
    }
    let body: ts.SignatureDeclaration | undefined;
    for (let hop = 0; symbol && hop < MAX_HOPS; hop += 1) {
      if (symbol.flags & tsm.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const declaration: ts.Declaration | undefined = symbol.valueDeclaration ?? symbol.declarations?.[0];
      let next: ts.Symbol | undefined;
      for (const candidate of symbol.declarations ?? []) {
        const name = propertyNameText(tsm, (candidate as ts.NamedDeclaration).name);
        if (name !== undefined) names.add(name);
      }
      if (declaration && tsm.isShorthandPropertyAssignment(declaration)) {
        next = checker.getShorthandAssignmentValueSymbol(declaration);
      } else if (
        declaration &&
        (tsm.isVariableDeclaration(declaration) || tsm.isPropertyAssignment(declaration) || tsm.isPropertyDeclaration(declaration)) &&
        declaration.initializer
      ) {
        const initializer = skipWrappersDown(tsm, declaration.initializer);
        if (tsm.isArrowFunction(initializer) || tsm.isFunctionExpression(initializer)) body = initializer;
        else if (tsm.isIdentifier(initializer) || tsm.isPropertyAccessExpression(initializer) || tsm.isElementAccessExpression(initializer)) {
          next = checker.getSymbolAtLocation(memberNameNode(tsm, initializer));
        }
      } else if (declaration && (tsm.isFunctionDeclaration(declaration) || tsm.isMethodDeclaration(declaration)) && declaration.body) {
        body = declaration;
      }
      symbol = next;
    }
    return { names, resolved: true, body: body && body.getSourceFile() === sourceFile ? body : undefined };
  };

  const rolesOf = (found: Referent): Set<Role> => {
    const roles = new Set<Role>();
    for (const role of ROLES) if ([...found.names].some((name) => namesByRole.get(role)!.has(name.replace(/^#/, '')))) roles.add(role);
    if (found.body) for (const role of alwaysPerforms(found.body)) roles.add(role);
    return roles;
  };

  const compute = (call: ts.CallExpression | ts.NewExpression): CallRoles => {
    const { callee } = callTarget(tsm, call);
    const found = referent(callee);
    const direct = rolesOf(found);
    if (direct.size > 0) return { roles: direct, subjects: call.arguments ?? [], body: found.body };
    // `new EnvelopeError(…)` plays its class's role; `.then` applies only to calls.
    if (tsm.isNewExpression(call)) return NO_ROLES;
    // `promise.then(validateOutput)`: the validator runs on what the promise resolves to.
    const first = call.arguments[0];
    if (first && tsm.isPropertyAccessExpression(callee) && callee.name.text === 'then') {
      const viaThen = rolesOf(referent(first));
      if (viaThen.size > 0) return { roles: viaThen, subjects: [callee.expression] };
    }
    return NO_ROLES;
  };

  return (node) => {
    if (!tsm.isCallExpression(node) && !tsm.isNewExpression(node)) return NO_ROLES;
    let found = cache.get(node);
    if (!found) {
      found = compute(node);
      cache.set(node, found);
    }
    return found;
  };
}
