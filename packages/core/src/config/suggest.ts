/** Levenshtein distance between two strings (case-sensitive), in O(a·b) time and O(b) space. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates nearest to `name`, closest first (at most `limit`): within a third of the name's
 * length (at least 2 edits), as TypeScript's "did you mean" does; a case-only difference counts
 * as nearest. Duplicates and `name` itself are dropped.
 */
export function nearest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(name.length * 0.34));
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === name) continue;
    // Far longer or shorter strings cannot be within the threshold: skip the quadratic work.
    if (Math.abs(candidate.length - name.length) > threshold) continue;
    const distance = distanceOf(name, candidate);
    if (distance <= threshold) scored.push({ candidate, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/** `; did you mean `a` or `b`?` for the candidates tied nearest to `name`, else "". */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const found = nearest(name, candidates);
  if (found.length === 0) return '';
  const best = distanceOf(name, found[0]!);
  const tied = found.filter((candidate) => distanceOf(name, candidate) === best);
  return `; did you mean ${tied.map((c) => `\`${c}\``).join(' or ')}?`;
}

function distanceOf(name: string, candidate: string): number {
  return candidate.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, candidate);
}
