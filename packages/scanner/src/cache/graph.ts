/** Direct dependencies by file (absolute paths). */
export type DependencyMap = ReadonlyMap<string, Iterable<string>>;

/**
 * `seeds` and every file that reaches one of them through its dependencies: the files whose
 * transitive closure holds a seed, so whose findings may differ when a seed changes.
 */
export function withDependents(deps: DependencyMap, seeds: Iterable<string>): Set<string> {
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of deps) {
    for (const to of targets) {
      let list = reverse.get(to);
      if (!list) reverse.set(to, (list = []));
      list.push(from);
    }
  }
  const reached = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const from of reverse.get(file) ?? []) if (!reached.has(from)) queue.push(from);
  }
  return reached;
}

/** `seeds` and everything they depend on, transitively. */
export function withDependencies(deps: DependencyMap, seeds: Iterable<string>): Set<string> {
  const reached = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const to of deps.get(file) ?? []) if (!reached.has(to)) queue.push(to);
  }
  return reached;
}
