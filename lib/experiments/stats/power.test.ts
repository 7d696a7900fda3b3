import { describe, expect, it } from 'vitest';
import { normalQuantile } from './distributions';
import { estimateDurationDays, sampleSizePerVariantForMean, sampleSizePerVariantForProportion, verdictReady } from './power';

describe('sample size', () => {
  it('matches the hand-computed proportion example', () => {
    // (1.959964 + 0.841621)² · (0.05·0.95 + 0.055·0.945) / 0.005² = 7.848879 · 0.099475 / 0.000025 = 31,230.7 → 31,231.
    expect(sampleSizePerVariantForProportion({ baselineRate: 0.05, relativeMde: 0.1 })).toBe(31_231);
    // A drop is as hard to detect as a rise of the same absolute size, give or take the variance at the other rate.
    expect(sampleSizePerVariantForProportion({ baselineRate: 0.05, relativeMde: -0.1 })).toBeLessThan(31_231);
    // More power or a stricter α needs more users.
    expect(sampleSizePerVariantForProportion({ baselineRate: 0.05, relativeMde: 0.1, power: 0.9 })).toBeGreaterThan(31_231);
    expect(sampleSizePerVariantForProportion({ baselineRate: 0.05, relativeMde: 0.1, alpha: 0.01 })).toBeGreaterThan(31_231);
  });

  it('uses 2(z_α/2 + z_β)²σ²/δ² for means', () => {
    const z = normalQuantile(0.975) + normalQuantile(0.8);
    // δ = 10·0.05 = 0.5, σ = 4: 2·7.848879·16 / 0.25 = 1004.66 → 1005.
    expect(sampleSizePerVariantForMean({ mean: 10, standardDeviation: 4, relativeMde: 0.05 })).toBe(Math.ceil((2 * z * z * 16) / 0.25));
    expect(sampleSizePerVariantForMean({ mean: 10, standardDeviation: 4, relativeMde: 0.05 })).toBe(1005);
  });

  it('rejects impossible designs', () => {
    expect(() => sampleSizePerVariantForProportion({ baselineRate: 0.6, relativeMde: 1 })).toThrow(RangeError);
    expect(() => sampleSizePerVariantForProportion({ baselineRate: 0.05, relativeMde: 0 })).toThrow(RangeError);
    expect(() => sampleSizePerVariantForMean({ mean: 0, standardDeviation: 1, relativeMde: 0.1 })).toThrow(RangeError);
  });
});

describe('duration and readiness', () => {
  it('waits for the smallest variant', () => {
    // 10,000 users a day split evenly: 5,000 per variant per day → 7 days for 31,231.
    expect(estimateDurationDays({ samplePerVariant: 31_231, dailyTraffic: 10_000, weights: [0.5, 0.5] })).toBe(7);
    // 80/20: the 20% arm gets 2,000 a day → 16 days.
    expect(estimateDurationDays({ samplePerVariant: 31_231, dailyTraffic: 10_000, weights: [4, 1] })).toBe(16);
  });

  it('is ready only when every variant has reached the minimum', () => {
    expect(verdictReady([31_231, 31_500], 31_231)).toBe(true);
    expect(verdictReady([31_230, 40_000], 31_231)).toBe(false);
    expect(verdictReady([], 10)).toBe(false);
  });
});
