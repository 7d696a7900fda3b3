/**
 * Percentiles from fixed-bucket histograms. Exact percentiles would need every observation;
 * fixed buckets keep each histogram at a constant size, and histograms of different minutes or
 * endpoints merge by adding counts, so any time range can be summarised exactly as precisely as
 * a single minute.
 */

/** Upper bounds (inclusive, ms) for request latency: 1 ms to 5 s, roughly ×1.5 apart. */
export const LATENCY_BOUNDS_MS: readonly number[] = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000];

/** Upper bounds (inclusive, ms) for event-to-feature lag: a few ms in-process up to an hour for late-delivered events. */
export const LAG_BOUNDS_MS: readonly number[] = [1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000];

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Counts hold one slot per bound plus a last one for values above every bound. */
export function emptyCounts(bounds: readonly number[]): Uint32Array {
  return new Uint32Array(bounds.length + 1);
}

/** The slot a value falls in: the first bound it does not exceed, or the overflow slot. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value <= bounds[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function addCounts(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
}

/**
 * The q-quantile (0 < q ≤ 1), interpolated linearly inside its bucket the way Prometheus'
 * `histogram_quantile` does, so the console and a Prometheus dashboard agree. A quantile in the
 * overflow slot reports the highest bound: all that is known is that it is above it. Null when
 * there are no observations.
 */
export function quantile(bounds: readonly number[], counts: Uint32Array, q: number): number | null {
  let total = 0;
  for (const count of counts) total += count;
  if (total === 0) return null;
  const rank = Math.min(Math.max(q, 0), 1) * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count > 0 && below + count >= rank) {
      if (i >= bounds.length) return bounds[bounds.length - 1] ?? null;
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const upper = bounds[i]!;
      return lower + ((upper - lower) * Math.max(rank - below, 0)) / count;
    }
    below += count;
  }
  return null;
}

export function percentiles(bounds: readonly number[], counts: Uint32Array): Percentiles | null {
  const p50 = quantile(bounds, counts, 0.5);
  if (p50 === null) return null;
  return { p50, p95: quantile(bounds, counts, 0.95)!, p99: quantile(bounds, counts, 0.99)! };
}
