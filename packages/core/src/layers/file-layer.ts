import type * as ts from 'typescript';
import { isTypeOnly } from '../analyzer/traverse.js';
import { propertyNameText } from '../ast/index.js';
import type { RuleContext, TypeScriptModule } from '../types.js';

/** Where a file sits in the configured layering. */
export interface FileLayer {
  /** Index in `config.layers` (0 = top), or undefined when no layer's globs match. */
  index: number | undefined;
  /** Matches a `shared` glob: any layer may use it. */
  shared: boolean;
}

/**
 * The layer of `fileName`, computed once per context: a file's layer is asked for every call
 * that resolves into it, so the glob matching must not repeat per call site.
 */
export function fileLayerOf(ctx: RuleContext, fileName: string): FileLayer {
  const cache = ctx.memo('no-layer-bypass:file-layers', () => new Map<string, FileLayer>());
  let layer = cache.get(fileName);
  if (!layer) {
    // First match wins, so a file listed by two layers belongs to the higher one.
    const index = ctx.config.layers.findIndex((candidate) => ctx.matches(fileName, candidate.files));
    layer = { index: index === -1 ? undefined : index, shared: ctx.matches(fileName, ctx.config.shared) };
    cache.set(fileName, layer);
  }
  return layer;
}

/**
 * The layer name a file in layer `from` is forbidden to reach in `target`, or undefined when the
 * use is allowed: same layer, the next one down, shared modules, and files in no layer.
 */
export function forbiddenTarget(ctx: RuleContext, from: number, target: FileLayer): string | undefined {
  if (target.shared || target.index === undefined) return undefined;
  if (target.index === from || target.index === from + 1) return undefined;
  return ctx.config.layers[target.index]?.name;
}

/**
 * What to do instead, for messages: a use that skips layers downward goes through the next layer
 * down; a use of a layer above is the wrong direction, and no layer below can relay it.
 */
export function layerAdvice(ctx: RuleContext, from: number, to: string, use: 'use' | 'construct'): string {
  const upward = ctx.config.layers.findIndex((layer) => layer.name === to) < from;
  if (upward) return `Layer "${to}" is above "${ctx.config.layers[from]!.name}": move what both need into a shared module, or have "${to}" pass it in`;
  return use === 'construct' ? 'Have the next layer down construct it' : 'Go through the next layer down';
}

/** ` or "next"` for messages: what the layer may use besides itself ("" for the bottom layer). */
export function nextLayerHint(ctx: RuleContext, from: number): string {
  const next = ctx.config.layers[from + 1];
  return next ? ` or "${next.name}"` : '';
}

/** Kinds of declarations whose name a member call can reach (functions, classes, members, holders). */
const NAME_DECLARING_KINDS = [
  'FunctionDeclaration',
  'ClassDeclaration',
  'ClassExpression',
  'MethodDeclaration',
  'MethodSignature',
  'PropertyDeclaration',
  'PropertySignature',
  'GetAccessor',
  'SetAccessor',
  'VariableDeclaration',
  'Parameter',
  'BindingElement',
  'PropertyAssignment',
  'ShorthandPropertyAssignment',
] as const;

/**
 * Every name declared in a layered or shared file: functions, classes, methods, properties,
 * variables, object-literal keys, plus every name a module exports under (`export { a as b }`,
 * `default`) in any file of the program, barrels in no layer included. A call through
 * `x.name(…)` can reach a forbidden layer only when `name` is one of these (a method declared
 * there, a holder of such a method declared where a layer can see it, or a module's export
 * reached through a namespace: `ns.b(…)`, `m.default(…)`), so other member calls (`items.map`,
 * `list.push`) are never resolved: typing their receivers was most of this rule's time.
 */
export function layerDeclaredNames(ctx: RuleContext): ReadonlySet<string> {
  return ctx.memo('no-layer-bypass:declared-names', () => {
    const { ts: tsm } = ctx;
    const declaring = new Set<ts.SyntaxKind>(NAME_DECLARING_KINDS.map((kind) => tsm.SyntaxKind[kind]));
    const names = new Set<string>();
    // One pass over each layered file, dispatched on the node kind (this runs over every file of
    // a program before its first call is checked, so no chain of type guards per node).
    const stack: ts.Node[] = [];
    const push = (child: ts.Node) => {
      stack.push(child);
    };
    for (const sourceFile of ctx.program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile || ctx.program.isSourceFileFromExternalLibrary(sourceFile)) continue;
      for (const statement of sourceFile.statements) addExportedNames(tsm, statement, names);
      const layer = fileLayerOf(ctx, sourceFile.fileName);
      if (layer.index === undefined && !layer.shared) continue;
      stack.push(sourceFile);
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (isTypeOnly(tsm, node)) continue;
        if (declaring.has(node.kind)) {
          const name = propertyNameText(tsm, (node as ts.NamedDeclaration).name);
          if (name !== undefined) names.add(name);
        }
        tsm.forEachChild(node, push);
      }
    }
    return names;
  });
}

/**
 * The names a top-level statement exports under that are not declared names: `b` of
 * `export { a as b }` (from a module or not), and `default` for every form of default export.
 */
function addExportedNames(tsm: TypeScriptModule, statement: ts.Statement, names: Set<string>): void {
  if (tsm.isExportDeclaration(statement)) {
    if (statement.isTypeOnly || !statement.exportClause || !tsm.isNamedExports(statement.exportClause)) return;
    for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.add(element.name.text);
  } else if (tsm.isExportAssignment(statement)) {
    if (!statement.isExportEquals) names.add('default');
  } else if (tsm.canHaveModifiers(statement) && tsm.getModifiers(statement)?.some((modifier) => modifier.kind === tsm.SyntaxKind.DefaultKeyword)) {
    names.add('default');
  }
}
