/** Direct dependencies by file (absolute paths). */
export type DependencyMap = ReadonlyMap<string, Iterable<string>>;

/** `seeds` and everything reachable from them through `next`. */
function reach(seeds: Iterable<string>, next: (file: string) => Iterable<string>): Set<string> {
  const reached = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const other of next(file)) if (!reached.has(other)) queue.push(other);
  }
  return reached;
}

/**
 * `seeds` and every file that reaches one of them through its dependencies: the files whose
 * transitive closure holds a seed, so whose findings may differ when a seed changes.
 */
export function withDependents(deps: DependencyMap, seeds: Iterable<string>): Set<string> {
  const start = [...seeds];
  // Nothing changed: no need to invert the whole graph to learn that.
  if (start.length === 0) return new Set();
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of deps) {
    for (const to of targets) {
      let list = reverse.get(to);
      if (!list) reverse.set(to, (list = []));
      list.push(from);
    }
  }
  return reach(start, (file) => reverse.get(file) ?? []);
}

/** `seeds` and everything they depend on, transitively. */
export function withDependencies(deps: DependencyMap, seeds: Iterable<string>): Set<string> {
  return reach(seeds, (file) => deps.get(file) ?? []);
}
