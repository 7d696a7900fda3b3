import { describe, expect, it } from 'vitest';
import { catalogCoverage, rankingMetrics } from './metrics';

describe('rankingMetrics', () => {
  it('matches hand-computed values for hits at ranks 1 and 3 of 5, three relevant', () => {
    // ranked: 10 (hit), 11, 12 (hit), 13, 14; relevant {10, 12, 99}
    const metrics = rankingMetrics([10, 11, 12, 13, 14], new Set([10, 12, 99]), 5);
    expect(metrics.precision).toBeCloseTo(2 / 5, 12);
    expect(metrics.recall).toBeCloseTo(2 / 3, 12);
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG over min(5, 3) = 1 + 1/log2(3) + 1/log2(4) = 2.1309297535714573
    expect(metrics.ndcg).toBeCloseTo(1.5 / 2.1309297535714573, 12);
    // AP = (P@1 + P@3) / |relevant| = (1 + 2/3) / 3
    expect(metrics.map).toBeCloseTo((1 + 2 / 3) / 3, 12);
  });

  it('gives 1 for a perfect list and 0 for no hits', () => {
    expect(rankingMetrics([1, 2], new Set([1, 2]), 2)).toEqual({ precision: 1, recall: 1, ndcg: 1, map: 1 });
    expect(rankingMetrics([3, 4], new Set([1, 2]), 2)).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0 });
  });

  it('caps the ideal DCG at k when there are more relevant items than k', () => {
    // one hit at rank 1, k = 2, five relevant: IDCG = 1 + 1/log2(3)
    const metrics = rankingMetrics([1, 9], new Set([1, 2, 3, 4, 5]), 2);
    expect(metrics.ndcg).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 12);
    expect(metrics.precision).toBe(0.5);
    expect(metrics.recall).toBe(0.2);
  });

  it('ignores what lies beyond the cutoff and counts precision over k even for short lists', () => {
    expect(rankingMetrics([5, 1], new Set([1]), 1).precision).toBe(0);
    expect(rankingMetrics([1], new Set([1]), 10).precision).toBe(0.1);
  });
});

describe('catalogCoverage', () => {
  it('counts distinct items within the cutoff over the catalogue', () => {
    expect(catalogCoverage([[1, 2, 3], [2, 3, 4]], 10, 2)).toBe(0.3);
  });
});
