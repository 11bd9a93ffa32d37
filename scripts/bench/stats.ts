/** Median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Median of per-repetition ratios a[r] / b[r]. On a shared, noisy machine the load drifts over
 * minutes; two tools measured in the same repetition saw similar load, so pairing them cancels
 * most of the drift that a ratio of two overall medians would keep.
 */
export function pairedRatio(a: ReadonlyArray<number | undefined>, b: ReadonlyArray<number | undefined>): number {
  const ratios: number[] = [];
  for (let r = 0; r < Math.min(a.length, b.length); r += 1) {
    const x = a[r];
    const y = b[r];
    if (x !== undefined && y !== undefined && y > 0) ratios.push(x / y);
  }
  return median(ratios);
}
