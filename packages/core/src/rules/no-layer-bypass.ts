import type * as ts from 'typescript';
import { calleeDeclaration, calleeName, describeDeclaration, unwrapCallee } from '../layers/callee-declaration.js';
import { fileLayerOf, forbiddenTarget, layerDeclaredNames, nextLayerHint } from '../layers/file-layer.js';
import {
  aliasHasValue,
  bindingsUsedAsValues,
  importedValueBindings,
  reexportedValueBindings,
  resolvedModuleFile,
  type ImportedBinding,
} from '../layers/value-imports.js';
import type { RuleContext, RuleModule, RuleReport } from '../types.js';
import { walkIteratively } from '../walk-iteratively.js';

type MessageId = 'forbiddenImport' | 'forbiddenReexport' | 'forbiddenCall' | 'forbiddenConstruct';

/** True for declarations the layering does not govern: ambient types and third-party code. */
function isExternal(ctx: RuleContext, file: ts.SourceFile): boolean {
  return file.isDeclarationFile || ctx.program.isSourceFileFromExternalLibrary(file);
}

function* checkImport(
  ctx: RuleContext,
  sourceFile: ts.SourceFile,
  from: number,
  statement: ts.ImportDeclaration | ts.ExportDeclaration,
): Generator<RuleReport<MessageId>> {
  const specifier = statement.moduleSpecifier;
  if (!specifier) return;
  const target = resolvedModuleFile(ctx, specifier);
  if (!target || isExternal(ctx, target)) return;
  const to = forbiddenTarget(ctx, from, fileLayerOf(ctx, target.fileName));
  if (to === undefined) return;
  const data = { from: ctx.config.layers[from]!.name, to, next: nextLayerHint(ctx, from), module: specifier.getText(sourceFile) };

  if (ctx.ts.isExportDeclaration(statement)) {
    for (const binding of reexportedValueBindings(ctx, statement)) {
      if (binding.exported && !aliasHasValue(ctx, binding.exported)) continue;
      yield { messageId: 'forbiddenReexport', node: binding.node, data: { ...data, name: binding.label } };
    }
    return;
  }
  // A bare `import './x'` runs the module: a value dependency with no binding to inspect.
  if (!statement.importClause) {
    yield { messageId: 'forbiddenImport', node: specifier, data: { ...data, name: 'the module (side-effect import)' } };
    return;
  }
  const candidates = importedValueBindings(ctx, statement).filter((binding) => binding.local && aliasHasValue(ctx, binding.local));
  if (candidates.length === 0) return;
  const used = bindingsUsedAsValues(ctx, sourceFile, candidates.map((binding) => binding.local!));
  for (const binding of candidates as Array<ImportedBinding & { local: ts.Identifier }>) {
    if (used.has(binding.local)) yield { messageId: 'forbiddenImport', node: binding.node, data: { ...data, name: binding.label } };
  }
}

function checkDynamicImport(ctx: RuleContext, sourceFile: ts.SourceFile, from: number, call: ts.CallExpression): RuleReport<MessageId> | undefined {
  const specifier = call.arguments[0];
  if (!specifier || !ctx.ts.isStringLiteralLike(specifier)) return undefined;
  const target = resolvedModuleFile(ctx, specifier);
  if (!target || isExternal(ctx, target)) return undefined;
  const to = forbiddenTarget(ctx, from, fileLayerOf(ctx, target.fileName));
  if (to === undefined) return undefined;
  return {
    messageId: 'forbiddenImport',
    node: specifier,
    data: { from: ctx.config.layers[from]!.name, to, next: nextLayerHint(ctx, from), module: specifier.getText(sourceFile), name: 'import()' },
  };
}

/**
 * False for member calls whose name nothing in a layer or shared file declares (`items.map(…)`):
 * they cannot reach a layer, and resolving them means typing their receivers. Calls of plain
 * names stay in: resolving a name needs no receiver type.
 */
function mayReachLayer(ctx: RuleContext, call: ts.CallExpression | ts.NewExpression): boolean {
  const { ts: tsm } = ctx;
  let callee = unwrapCallee(ctx, call.expression);
  // `f.call(…)` / `f.apply(…)` run `f`.
  if (tsm.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
    callee = unwrapCallee(ctx, callee.expression);
  }
  if (tsm.isPropertyAccessExpression(callee)) return layerDeclaredNames(ctx).has(callee.name.text);
  if (tsm.isElementAccessExpression(callee) && tsm.isStringLiteralLike(callee.argumentExpression)) {
    return layerDeclaredNames(ctx).has(callee.argumentExpression.text);
  }
  return true;
}

function checkCall(ctx: RuleContext, sourceFile: ts.SourceFile, from: number, call: ts.CallExpression | ts.NewExpression): RuleReport<MessageId> | undefined {
  if (!mayReachLayer(ctx, call)) return undefined;
  const declaration = calleeDeclaration(ctx, call);
  if (!declaration) return undefined;
  const target = declaration.getSourceFile();
  if (target === sourceFile || isExternal(ctx, target)) return undefined;
  const to = forbiddenTarget(ctx, from, fileLayerOf(ctx, target.fileName));
  if (to === undefined) return undefined;
  return {
    messageId: ctx.ts.isNewExpression(call) ? 'forbiddenConstruct' : 'forbiddenCall',
    node: calleeName(ctx, call.expression),
    data: {
      from: ctx.config.layers[from]!.name,
      to,
      next: nextLayerHint(ctx, from),
      callee: describeDeclaration(ctx, declaration),
      file: ctx.relativePath(target.fileName),
    },
  };
}

/** Layering by file globs, checked at import and at call level; files in no layer are unconstrained. */
export const noLayerBypass: RuleModule<MessageId> = {
  id: 'no-layer-bypass',
  meta: {
    description:
      'Each layer imports values from, constructs and calls into only itself and the layer directly below it (plus shared modules); calls are resolved by the type checker, so values passed in as parameters count. Files in no layer are not constrained.',
    messages: {
      forbiddenImport:
        'Layer "{{from}}" imports {{name}} from layer "{{to}}" ({{module}}); it may use only "{{from}}"{{next}} and shared modules. Go through the next layer down, or use `import type` if only types are needed.',
      forbiddenReexport:
        'Layer "{{from}}" re-exports {{name}} from layer "{{to}}" ({{module}}); it may expose only "{{from}}"{{next}} and shared modules.',
      forbiddenCall:
        'Layer "{{from}}" calls {{callee}}, declared in layer "{{to}}" ({{file}}); it may call only "{{from}}"{{next}} and shared modules. Go through the next layer down.',
      forbiddenConstruct:
        'Layer "{{from}}" constructs {{callee}}, declared in layer "{{to}}" ({{file}}); it may use only "{{from}}"{{next}} and shared modules. Have the next layer down construct it.',
    },
  },
  *check(ctx, sourceFile) {
    const from = fileLayerOf(ctx, sourceFile.fileName).index;
    // Files outside every layer (scripts, tests, wiring such as app.ts) are deliberately free.
    if (from === undefined) return;
    const { ts: tsm } = ctx;
    const reports: RuleReport<MessageId>[] = [];
    const visit = (node: ts.Node): boolean | void => {
      // Types are erased: nothing inside a type can call into another layer.
      if (tsm.isTypeNode(node) || tsm.isInterfaceDeclaration(node) || tsm.isTypeAliasDeclaration(node)) return false;
      if (tsm.isImportDeclaration(node) || tsm.isExportDeclaration(node)) {
        reports.push(...checkImport(ctx, sourceFile, from, node));
        return false;
      }
      if (tsm.isCallExpression(node) && node.expression.kind === tsm.SyntaxKind.ImportKeyword) {
        const report = checkDynamicImport(ctx, sourceFile, from, node);
        if (report) reports.push(report);
      } else if (tsm.isCallExpression(node) || tsm.isNewExpression(node)) {
        const report = checkCall(ctx, sourceFile, from, node);
        if (report) reports.push(report);
      }
    };
    walkIteratively(tsm, sourceFile, visit);
    yield* reports;
  },
};
