import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { probabilityBetaExceeds } from './bayes';
import { thompsonWeights } from './bandit';
import { sampleBeta, sampleGamma } from './sampling';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('gamma and beta sampling', () => {
  it('draws with the right mean and variance', () => {
    for (const shape of [0.3, 1, 4.5, 200]) {
      const random = new Random(11, shape * 10);
      const draws = Array.from({ length: 40_000 }, () => sampleGamma(random, shape));
      const mean = sum(draws) / draws.length;
      const variance = sum(draws.map((x) => (x - mean) ** 2)) / (draws.length - 1);
      // Gamma(k, 1): mean k, variance k; the tolerances are several standard errors.
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / draws.length));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.06);
    }
    const random = new Random(12);
    const betas = Array.from({ length: 40_000 }, () => sampleBeta(random, 2, 8));
    expect(sum(betas) / betas.length).toBeCloseTo(0.2, 2);
  });
});

describe('Thompson sampling', () => {
  const arms = [
    { clicks: 600, impressions: 5_000 },
    { clicks: 450, impressions: 5_000 },
    { clicks: 470, impressions: 5_000 },
  ];

  it('gives the clearly better arm most of the traffic and the others their floor', () => {
    const { weights, probabilityBest, burningIn } = thompsonWeights(arms, { seed: 1 });
    expect(burningIn).toBe(false);
    expect(sum(weights)).toBeCloseTo(1, 12);
    expect(weights[0]).toBeGreaterThan(0.95);
    for (const weight of weights) expect(weight).toBeGreaterThanOrEqual(0.01 - 1e-15);
    expect(weights[1]).toBeCloseTo(0.01, 3);
    expect(probabilityBest[0]).toBeGreaterThan(0.99);
  });

  it('respects the floor even for an arm that never wins', () => {
    const { weights } = thompsonWeights([{ clicks: 900, impressions: 1_000 }, { clicks: 100, impressions: 1_000 }], { seed: 2, floor: 0.05 });
    expect(weights[1]).toBeCloseTo(0.05, 15);
    expect(weights[0]).toBeCloseTo(0.95, 15);
  });

  it('keeps equal weights until every arm has finished its burn-in', () => {
    const early = [{ clicks: 40, impressions: 150 }, { clicks: 2, impressions: 99 }];
    expect(thompsonWeights(early, { seed: 3 })).toMatchObject({ weights: [0.5, 0.5], burningIn: true });
    // Users, when given, decide the burn-in rather than impressions.
    const byUsers = [{ clicks: 40, impressions: 400, users: 150 }, { clicks: 2, impressions: 400, users: 60 }];
    expect(thompsonWeights(byUsers, { seed: 3 }).burningIn).toBe(true);
    expect(thompsonWeights(byUsers, { seed: 3, burnIn: 50 }).burningIn).toBe(false);
  });

  it('estimates the probability of being best consistently with the exact posterior probability', () => {
    const close = [{ clicks: 110, impressions: 1_000 }, { clicks: 100, impressions: 1_000 }];
    const { probabilityBest } = thompsonWeights(close, { seed: 4, draws: 20_000 });
    const exact = probabilityBetaExceeds({ a: 111, b: 891 }, { a: 101, b: 901 });
    // Monte Carlo standard error √(p(1 − p)/20,000) ≈ 0.003.
    expect(Math.abs(probabilityBest[0]! - exact)).toBeLessThan(0.012);
  });

  it('is deterministic for a fixed seed', () => {
    expect(thompsonWeights(arms, { seed: 42, draws: 2_000 })).toEqual(thompsonWeights(arms, { seed: 42, draws: 2_000 }));
    const tied = [{ clicks: 100, impressions: 1_000 }, { clicks: 100, impressions: 1_000 }];
    expect(thompsonWeights(tied, { seed: 5 }).weights).not.toEqual(thompsonWeights(tied, { seed: 6 }).weights);
  });

  it('rejects a floor that cannot hold', () => {
    expect(() => thompsonWeights(arms, { seed: 1, floor: 0.5 })).toThrow(RangeError);
  });
});
