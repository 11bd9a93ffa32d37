import type { RuleContext } from '../types.js';

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

/** ` or "next"` for messages: what the layer may use besides itself ("" for the bottom layer). */
export function nextLayerHint(ctx: RuleContext, from: number): string {
  const next = ctx.config.layers[from + 1];
  return next ? ` or "${next.name}"` : '';
}
