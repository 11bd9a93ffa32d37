import type * as ts from 'typescript';
import { memberNameNode, skipWrappersDown, staticMemberName } from '../ast/index.js';
import { calleeDeclaration, constructs, describeDeclaration, initialisedReceiverDeclaration, runTarget, type CallLike } from '../layers/callee-declaration.js';
import { fileLayerOf, forbiddenTarget, layerAdvice, layerDeclaredNames, nextLayerHint } from '../layers/file-layer.js';
import {
  aliasHasValue,
  importedValueBindings,
  importedDeclaration,
  isImportBindingName,
  isRequireCall,
  isTypePosition,
  reexportedValueBindings,
  requiredModuleFile,
  resolvedModuleFile,
  type ImportedBinding,
} from '../layers/value-imports.js';
import { createImportReach } from '../types/import-reach.js';
import type { RuleContext, RuleFileContext, RuleModule } from '../types.js';

type MessageId = 'forbiddenImport' | 'forbiddenReexport' | 'forbiddenCall' | 'forbiddenConstruct';
type Context = RuleFileContext<MessageId>;

/** True for declarations the layering does not govern: ambient types and third-party code. */
function isExternal(ctx: RuleContext, file: ts.SourceFile): boolean {
  return file.isDeclarationFile || ctx.program.isSourceFileFromExternalLibrary(file);
}

/** The layer a module specifier's target is forbidden for `from`, with the message data. */
function forbiddenModule(ctx: Context, from: number, specifier: ts.Expression, target = resolvedModuleFile(ctx, specifier)) {
  if (!target || isExternal(ctx, target)) return undefined;
  const to = forbiddenTarget(ctx, from, fileLayerOf(ctx, target.fileName));
  if (to === undefined) return undefined;
  return {
    from: ctx.config.layers[from]!.name,
    to,
    next: nextLayerHint(ctx, from),
    advice: layerAdvice(ctx, from, to, 'use'),
    module: specifier.getText(ctx.sourceFile),
  };
}

/**
 * False for files whose exports are all their own declarations (no `export … from`, no
 * `export { x }` list that may name an import, no `export =`): nothing imported from them can be
 * another file's, so no symbol is followed. Decided once per file and context.
 */
function mayReexport(ctx: RuleContext, file: ts.SourceFile): boolean {
  const cache = ctx.memo('no-layer-bypass:may-reexport', () => new Map<ts.SourceFile, boolean>());
  let found = cache.get(file);
  if (found === undefined) {
    found = file.statements.some((statement) => ctx.ts.isExportDeclaration(statement) || ctx.ts.isExportAssignment(statement));
    cache.set(file, found);
  }
  return found;
}

/**
 * For a name imported from a file in no layer (a barrel, a shared index): the layer of the file
 * that declares what the name finally stands for, when `from` may not use it.
 */
function forbiddenThroughBarrel(ctx: Context, from: number, specifier: ts.Expression, local: ts.Identifier) {
  const target = resolvedModuleFile(ctx, specifier);
  if (!target || isExternal(ctx, target) || fileLayerOf(ctx, target.fileName).index !== undefined || !mayReexport(ctx, target)) return undefined;
  const declaration = importedDeclaration(ctx, local);
  const file = declaration?.getSourceFile();
  if (!file || file === target || file === ctx.sourceFile || isExternal(ctx, file)) return undefined;
  const to = forbiddenTarget(ctx, from, fileLayerOf(ctx, file.fileName));
  if (to === undefined) return undefined;
  const module = `${specifier.getText(ctx.sourceFile)}, declared in ${ctx.relativePath(file.fileName)}`;
  return { from: ctx.config.layers[from]!.name, to, next: nextLayerHint(ctx, from), advice: layerAdvice(ctx, from, to, 'use'), module };
}

function checkReexport(ctx: Context, from: number, statement: ts.ExportDeclaration): void {
  const specifier = statement.moduleSpecifier;
  if (!specifier) return;
  const data = forbiddenModule(ctx, from, specifier);
  for (const binding of reexportedValueBindings(ctx, statement)) {
    if (binding.exported && !aliasHasValue(ctx, binding.exported)) continue;
    // A name re-exported from a barrel in no layer keeps the layer of its declaration.
    const name = ctx.ts.isExportSpecifier(binding.node) ? binding.node.name : undefined;
    const reason = data ?? (name && ctx.ts.isIdentifier(name) ? forbiddenThroughBarrel(ctx, from, specifier, name) : undefined);
    if (reason) ctx.report({ messageId: 'forbiddenReexport', node: binding.node, data: { ...reason, name: binding.label } });
  }
}

/**
 * Import bindings from forbidden layers, found from the file's top-level statements before the
 * walk, so the walk itself can tell which identifiers use them as values.
 */
interface PendingImport {
  binding: ImportedBinding & { local: ts.Identifier };
  symbol: ts.Symbol | undefined;
  data: Record<string, string>;
}

function forbiddenImports(
  ctx: Context,
  from: number,
): { pending: Map<string, PendingImport[]>; sideEffects: Array<{ node: ts.Node; data: Record<string, string> }> } {
  const { ts: tsm } = ctx;
  const pending = new Map<string, PendingImport[]>();
  const sideEffects: Array<{ node: ts.Node; data: Record<string, string> }> = [];
  const add = (binding: PendingImport['binding'], data: Record<string, string>) => {
    if (!aliasHasValue(ctx, binding.local)) return;
    const entry = { binding, symbol: ctx.checker.getSymbolAtLocation(binding.local), data: { ...data, name: binding.label } };
    pending.set(binding.local.text, [...(pending.get(binding.local.text) ?? []), entry]);
  };
  for (const statement of ctx.sourceFile.statements) {
    // `import x = require('…')`: a CommonJS import binding `x`.
    if (tsm.isImportEqualsDeclaration(statement) && tsm.isExternalModuleReference(statement.moduleReference) && !statement.isTypeOnly) {
      const specifier = statement.moduleReference.expression;
      const data = forbiddenModule(ctx, from, specifier);
      if (data) add({ label: `${statement.name.text} (import = require)`, local: statement.name, exported: undefined, node: statement.name }, data);
      continue;
    }
    if (!tsm.isImportDeclaration(statement)) continue;
    const data = forbiddenModule(ctx, from, statement.moduleSpecifier);
    // A bare `import './x'` runs the module: a value dependency with no binding to inspect.
    if (!statement.importClause) {
      if (data) sideEffects.push({ node: statement.moduleSpecifier, data: { ...data, name: 'the module (side-effect import)' } });
      continue;
    }
    for (const binding of importedValueBindings(ctx, statement)) {
      if (!binding.local) continue;
      const reason = data ?? forbiddenThroughBarrel(ctx, from, statement.moduleSpecifier, binding.local);
      if (reason) add(binding as PendingImport['binding'], reason);
    }
  }
  return { pending, sideEffects };
}

/** `import('…')` and `require('…')` of a forbidden layer. */
function checkDynamicImport(ctx: Context, from: number, specifier: ts.Expression | undefined, target: ts.SourceFile | undefined, name: string): void {
  if (!specifier || !target) return;
  const data = forbiddenModule(ctx, from, specifier, target);
  if (data) ctx.report({ messageId: 'forbiddenImport', node: specifier, data: { ...data, name } });
}

/**
 * False for member calls whose name nothing in a layer or shared file declares (`items.map(…)`):
 * they cannot reach a layer, and resolving them means typing their receivers. Calls of plain
 * names stay in: resolving a name needs no receiver type.
 */
function mayReachLayer(ctx: Context, call: CallLike): boolean {
  const callee = skipWrappersDown(ctx.ts, runTarget(ctx, call).callee);
  const name = staticMemberName(ctx.ts, callee);
  return name === undefined || layerDeclaredNames(ctx).has(name);
}

/**
 * Whether a file of layer `from` can call into a layer forbidden to it at all: a callee's
 * declaration is visible only where the file's module references reach its file (see
 * {@link createImportReach}). Built once per layer.
 */
function reachesForbiddenLayer(ctx: Context, from: number): (sourceFile: ts.SourceFile) => boolean {
  return ctx.memo(`no-layer-bypass:reach\u0000${from}`, () => {
    const forbidden = ctx.program
      .getSourceFiles()
      .filter((file) => !isExternal(ctx, file) && forbiddenTarget(ctx, from, fileLayerOf(ctx, file.fileName)) !== undefined);
    return createImportReach(ctx, new Set(forbidden));
  });
}

/** The layer name `declaration` is forbidden to layer `from` by, or undefined. */
function forbiddenDeclaration(ctx: Context, from: number, declaration: ts.Declaration | undefined): string | undefined {
  const target = declaration?.getSourceFile();
  if (!target || target === ctx.sourceFile || isExternal(ctx, target)) return undefined;
  return forbiddenTarget(ctx, from, fileLayerOf(ctx, target.fileName));
}

function checkCall(ctx: Context, from: number, call: CallLike): void {
  if (!mayReachLayer(ctx, call)) return;
  let declaration = calleeDeclaration(ctx, call);
  let to = forbiddenDeclaration(ctx, from, declaration);
  if (to === undefined) return;
  // A receiver given its value in place runs that value's member, whatever type it is declared
  // with (a lower layer's interface, a Pick of its class): asked only now, as it types the value.
  const actual = initialisedReceiverDeclaration(ctx, call);
  if (actual) {
    declaration = actual;
    to = forbiddenDeclaration(ctx, from, declaration);
    if (to === undefined) return;
  }
  const { callee } = runTarget(ctx, call);
  const constructing = constructs(ctx, call);
  ctx.report({
    messageId: constructing ? 'forbiddenConstruct' : 'forbiddenCall',
    node: memberNameNode(ctx.ts, callee),
    data: {
      from: ctx.config.layers[from]!.name,
      to,
      next: nextLayerHint(ctx, from),
      advice: layerAdvice(ctx, from, to, constructing ? 'construct' : 'use'),
      callee: describeDeclaration(ctx, declaration!),
      file: ctx.relativePath(declaration!.getSourceFile().fileName),
    },
  });
}

/** Layering by file globs, checked at import and at call level; files in no layer are unconstrained. */
export const noLayerBypass: RuleModule<MessageId> = {
  id: 'no-layer-bypass',
  meta: {
    description:
      'Each layer imports values from, constructs and calls into only itself and the layer directly below it (plus shared modules); calls are resolved by the type checker, so values passed in as parameters count. Files in no layer are not constrained.',
    messages: {
      forbiddenImport:
        'Layer "{{from}}" imports {{name}} from layer "{{to}}" ({{module}}); it may use only "{{from}}"{{next}} and shared modules. {{advice}}, or use `import type` if only types are needed.',
      forbiddenReexport: 'Layer "{{from}}" re-exports {{name}} from layer "{{to}}" ({{module}}); it may expose only "{{from}}"{{next}} and shared modules.',
      forbiddenCall:
        'Layer "{{from}}" calls {{callee}}, declared in layer "{{to}}" ({{file}}); it may call only "{{from}}"{{next}} and shared modules. {{advice}}.',
      forbiddenConstruct:
        'Layer "{{from}}" constructs {{callee}}, declared in layer "{{to}}" ({{file}}); it may use only "{{from}}"{{next}} and shared modules. {{advice}}.',
    },
  },
  create(context) {
    const from = fileLayerOf(context, context.sourceFile.fileName).index;
    // Files outside every layer (scripts, tests, wiring such as app.ts) are deliberately free.
    if (from === undefined) return undefined;
    const { ts: tsm, checker } = context;
    const kind = tsm.SyntaxKind;
    const { pending, sideEffects } = forbiddenImports(context, from);
    const mayCallForbidden = reachesForbiddenLayer(context, from)(context.sourceFile);
    const used = new Set<PendingImport>();
    const onCall = (node: ts.Node) => {
      const call = node as ts.CallExpression | ts.NewExpression;
      if (call.expression.kind === kind.ImportKeyword) {
        const specifier = (call as ts.CallExpression).arguments[0];
        const target = specifier && tsm.isStringLiteralLike(specifier) ? resolvedModuleFile(context, specifier) : undefined;
        checkDynamicImport(context, from, specifier, target, 'import()');
      } else if (tsm.isCallExpression(call) && isRequireCall(context, call)) {
        checkDynamicImport(context, from, call.arguments[0], requiredModuleFile(context, call.arguments[0]), 'require()');
      } else if (mayCallForbidden) checkCall(context, from, call);
    };
    return {
      enter: {
        [kind.ExportDeclaration]: (node) => checkReexport(context, from, node as ts.ExportDeclaration),
        [kind.CallExpression]: onCall,
        [kind.NewExpression]: onCall,
        [kind.TaggedTemplateExpression]: (node) => {
          if (mayCallForbidden) checkCall(context, from, node as ts.TaggedTemplateExpression);
        },
        // Only identifiers named like a forbidden import are looked at; type positions are erased.
        [kind.Identifier]: (node) => {
          const identifier = node as ts.Identifier;
          const candidates = pending.get(identifier.text);
          if (!candidates || isImportBindingName(context, identifier) || isTypePosition(context, identifier)) return;
          // Shorthand `{ x }` refers to the value binding, not the property it creates.
          const symbol = tsm.isShorthandPropertyAssignment(identifier.parent)
            ? checker.getShorthandAssignmentValueSymbol(identifier.parent)
            : checker.getSymbolAtLocation(identifier);
          for (const candidate of candidates) if (candidate.symbol && candidate.symbol === symbol) used.add(candidate);
        },
      },
      end() {
        for (const { node, data } of sideEffects) context.report({ messageId: 'forbiddenImport', node, data });
        for (const candidates of pending.values()) {
          for (const candidate of candidates) {
            if (used.has(candidate)) context.report({ messageId: 'forbiddenImport', node: candidate.binding.node, data: candidate.data });
          }
        }
      },
    };
  },
};
