import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { normalQuantile } from './distributions';
import { alwaysValidInference, confidenceSequenceHalfWidth, sequentialRho } from './sequential';

describe('sequential rho', () => {
  it('follows ρ² = (−2 ln α + ln(−2 ln α + 1)) / t*', () => {
    const logTerm = -2 * Math.log(0.05);
    expect(sequentialRho(10_000)).toBeCloseTo(Math.sqrt((logTerm + Math.log(logTerm + 1)) / 10_000), 15);
  });
});

describe('always-valid inference', () => {
  it('is wider than the fixed-horizon interval at every sample size', () => {
    for (const n of [10, 100, 1_000, 10_000, 100_000, 1_000_000]) {
      const result = alwaysValidInference({ estimate: 0.01, se: 0.5 / Math.sqrt(n), n, plannedSampleSize: 10_000 });
      const sequentialWidth = result.ci[1] - result.ci[0];
      const fixedWidth = result.fixedHorizon.ci[1] - result.fixedHorizon.ci[0];
      expect(sequentialWidth).toBeGreaterThan(fixedWidth);
      expect(result.pValue).toBeGreaterThanOrEqual(result.fixedHorizon.pValue);
    }
  });

  it('matches the published half-width formula', () => {
    const n = 4_000;
    const se = 0.02;
    const rho = sequentialRho(10_000);
    const sigma = se * Math.sqrt(n);
    const expected = sigma * Math.sqrt(((2 * (n * rho * rho + 1)) / (n * n * rho * rho)) * Math.log(Math.sqrt(n * rho * rho + 1) / 0.05));
    expect(confidenceSequenceHalfWidth(sigma, n, rho)).toBeCloseTo(expected, 15);
    const result = alwaysValidInference({ estimate: 0.1, se, n, plannedSampleSize: 10_000 });
    expect(result.ci[1] - 0.1).toBeCloseTo(expected, 15);
    // At the planned size the sequence costs about 1.55× the fixed-horizon width for α = 0.05.
    const atPlan = confidenceSequenceHalfWidth(1, 10_000, rho) * Math.sqrt(10_000);
    expect(atPlan / normalQuantile(0.975)).toBeCloseTo(1.549, 3);
  });

  it('reports as p-value the α at which the sequence just reaches 0', () => {
    const n = 6_000;
    const se = 0.01;
    const estimate = 0.04;
    const rho = sequentialRho(12_000);
    const { pValue } = alwaysValidInference({ estimate, se, n, plannedSampleSize: 12_000 });
    // Bisection on α, independently of the closed form.
    let low = 1e-12;
    let high = 1;
    for (let i = 0; i < 200; i++) {
      const alpha = Math.sqrt(low * high);
      if (confidenceSequenceHalfWidth(se * Math.sqrt(n), n, rho, alpha) > Math.abs(estimate)) low = alpha;
      else high = alpha;
    }
    expect(pValue).toBeCloseTo(high, 12);
    expect(pValue).toBeGreaterThan(0);
    expect(pValue).toBeLessThan(0.05);
    expect(alwaysValidInference({ estimate: 0, se, n, plannedSampleSize: 12_000 }).pValue).toBe(1);
  });

  it('keeps its error rate under daily peeking, where fixed-horizon peeking does not', () => {
    const runs = 200;
    const days = 30;
    const usersPerArmPerDay = 200;
    const rate = 0.1;
    const plannedSampleSize = 2 * usersPerArmPerDay * days;
    const random = new Random(20_240_501);
    let sequentialRejections = 0;
    let naiveRejections = 0;
    for (let run = 0; run < runs; run++) {
      // A/A: both arms convert at the same rate, so every rejection is a false positive.
      const clicks = [0, 0];
      let usersPerArm = 0;
      let sequentialRejected = false;
      let naiveRejected = false;
      for (let day = 0; day < days; day++) {
        for (let user = 0; user < usersPerArmPerDay; user++) {
          if (random.chance(rate)) clicks[0]! += 1;
          if (random.chance(rate)) clicks[1]! += 1;
        }
        usersPerArm += usersPerArmPerDay;
        const [treatment, control] = [clicks[0]! / usersPerArm, clicks[1]! / usersPerArm];
        const variance = (p: number) => (p * (1 - p)) / (usersPerArm - 1);
        const se = Math.sqrt(variance(treatment) + variance(control));
        const result = alwaysValidInference({ estimate: treatment - control, se, n: 2 * usersPerArm, plannedSampleSize });
        if (result.ci[0] > 0 || result.ci[1] < 0) sequentialRejected = true;
        if (result.fixedHorizon.pValue < 0.05) naiveRejected = true;
      }
      if (sequentialRejected) sequentialRejections += 1;
      if (naiveRejected) naiveRejections += 1;
    }
    expect(sequentialRejections / runs).toBeLessThanOrEqual(0.05);
    // Thirty looks at a 5% test reject a true null far more often than 5%.
    expect(naiveRejections / runs).toBeGreaterThan(0.1);
  });
});
