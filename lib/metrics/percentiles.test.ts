import { describe, expect, it } from 'vitest';
import { addCounts, bucketIndex, emptyCounts, LATENCY_BOUNDS_MS, percentiles, quantile } from './percentiles';

const BOUNDS = [10, 20, 50];

function countsOf(values: number[], bounds: readonly number[] = BOUNDS): Uint32Array {
  const counts = emptyCounts(bounds);
  for (const value of values) counts[bucketIndex(bounds, value)]! += 1;
  return counts;
}

describe('bucketIndex', () => {
  it('puts a value in the first bucket whose bound it does not exceed (Prometheus "le")', () => {
    expect(bucketIndex(BOUNDS, 0)).toBe(0);
    expect(bucketIndex(BOUNDS, 10)).toBe(0);
    expect(bucketIndex(BOUNDS, 10.01)).toBe(1);
    expect(bucketIndex(BOUNDS, 50)).toBe(2);
    expect(bucketIndex(BOUNDS, 51)).toBe(3);
    expect(bucketIndex(LATENCY_BOUNDS_MS, 1e9)).toBe(LATENCY_BOUNDS_MS.length);
  });

  it('agrees with a linear scan over the latency bounds', () => {
    for (let value = 0; value < 6_000; value += 0.5) {
      const linear = LATENCY_BOUNDS_MS.findIndex((bound) => value <= bound);
      expect(bucketIndex(LATENCY_BOUNDS_MS, value)).toBe(linear === -1 ? LATENCY_BOUNDS_MS.length : linear);
    }
  });
});

describe('quantile', () => {
  it('is null without observations', () => {
    expect(quantile(BOUNDS, emptyCounts(BOUNDS), 0.5)).toBeNull();
    expect(percentiles(BOUNDS, emptyCounts(BOUNDS))).toBeNull();
  });

  it('interpolates linearly inside the bucket, from 0 for the first one', () => {
    // 4 values in (0, 10]: the median is the 2nd of 4, halfway through the bucket.
    expect(quantile(BOUNDS, countsOf([1, 2, 3, 4]), 0.5)).toBeCloseTo(5);
    // 2 in the first bucket, 2 in (10, 20]: rank 3 of 4 is halfway through the second bucket.
    expect(quantile(BOUNDS, countsOf([5, 5, 15, 15]), 0.75)).toBeCloseTo(15);
    expect(quantile(BOUNDS, countsOf([5, 5, 15, 15]), 1)).toBeCloseTo(20);
  });

  it('skips empty buckets and reports the highest bound for the overflow', () => {
    expect(quantile(BOUNDS, countsOf([40, 45]), 0.5)).toBeCloseTo(35);
    expect(quantile(BOUNDS, countsOf([5, 1_000, 2_000]), 0.99)).toBe(50);
  });

  it('stays within one bucket of the exact percentile on a realistic distribution', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 2 + 300 * ((i * 7919) % 10_000 / 10_000) ** 3);
    const sorted = [...values].sort((a, b) => a - b);
    const result = percentiles(LATENCY_BOUNDS_MS, countsOf(values, LATENCY_BOUNDS_MS))!;
    for (const [q, estimate] of [[0.5, result.p50], [0.95, result.p95], [0.99, result.p99]] as const) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      const index = bucketIndex(LATENCY_BOUNDS_MS, exact);
      const lower = index === 0 ? 0 : LATENCY_BOUNDS_MS[index - 1]!;
      expect(estimate).toBeGreaterThanOrEqual(lower);
      expect(estimate).toBeLessThanOrEqual(LATENCY_BOUNDS_MS[index]!);
    }
  });

  it('merges histograms by adding counts', () => {
    const merged = countsOf([1, 2]);
    addCounts(merged, countsOf([15, 60]));
    expect([...merged]).toEqual([2, 1, 0, 1]);
  });
});
