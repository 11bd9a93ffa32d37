/**
 * The order tools run in during one repetition. The starting tool rotates so no tool always runs
 * first (cold) or right after the heaviest one. A tool measured against a partner (the reference
 * scanner against this tree's) runs right next to it, on alternate sides, so each pair of runs saw
 * the same load and neither always goes first.
 */
export function repetitionOrder<T>(tools: readonly T[], rep: number, partnerOf: (tool: T) => T | undefined): T[] {
  // Only a partner that is itself unpartnered anchors a pair: chains would drop tools from the order.
  const anchors = (tool: T): boolean => tools.includes(tool) && partnerOf(tool) === undefined;
  const partnered = new Set(
    tools.filter((tool) => {
      const partner = partnerOf(tool);
      return partner !== undefined && anchors(partner);
    }),
  );
  const rest = tools.filter((tool) => !partnered.has(tool));
  const rotated = rest.map((_, i) => rest[(i + rep) % rest.length] as T);
  return rotated.flatMap((tool) => {
    const followers = [...partnered].filter((p) => partnerOf(p) === tool);
    return rep % 2 === 0 ? [tool, ...followers] : [...followers, tool];
  });
}
