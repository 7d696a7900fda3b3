import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  chiSquareCdf,
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  twoSidedNormalPValue,
  twoSidedTPValue,
} from './distributions';
import { logBeta, logGamma, regularizedGammaP, regularizedGammaQ, regularizedIncompleteBeta } from './special-functions';

/** |actual − expected| ≤ tolerance·|expected|. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('special functions', () => {
  it('log-gamma matches factorials and Γ(½) = √π', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 170; n++) {
      expect(logGamma(n)).toBeCloseTo(logFactorial, 12);
      logFactorial += Math.log(n);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - 0.5772156649015329e-8, 12);
    // Stirling's series far out: ln Γ(1e6) from Python's math.lgamma.
    expectRelative(logGamma(1e6), 12815504.569147611, 1e-14);
  });

  it('log-beta is symmetric and matches B(a, 1) = 1/a', () => {
    expect(logBeta(3.5, 7)).toBeCloseTo(logBeta(7, 3.5), 13);
    expect(logBeta(4, 1)).toBeCloseTo(-Math.log(4), 14);
    // One large, one small parameter: no cancellation between ln Γ(10⁴) and ln Γ(10⁴ + ½). Reference:
    // B(n, ½) = 2·Π_{k<n} 2k/(2k + 1), summed as log1p terms with Python's math.fsum.
    expect(logBeta(10_000, 0.5)).toBeCloseTo(-4.032792743063396, 13);
  });

  it('incomplete gamma: P + Q = 1 and P(1, x) = 1 − e^(−x)', () => {
    for (const [a, x] of [[0.5, 0.3], [2, 5], [10, 3], [50, 60], [1000, 990]] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 15);
    expectRelative(regularizedGammaQ(1, 50), Math.exp(-50), 1e-12);
  });

  it('incomplete beta: closed forms and the reflection identity', () => {
    // I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b.
    expect(regularizedIncompleteBeta(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 15);
    expect(regularizedIncompleteBeta(0.3, 1, 6)).toBeCloseTo(1 - 0.7 ** 6, 15);
    expect(regularizedIncompleteBeta(0.4, 3.3, 7.1) + regularizedIncompleteBeta(0.6, 7.1, 3.3)).toBeCloseTo(1, 14);
    // Large symmetric shapes: the log prefactor is a sum of terms near 280, so about 1e-13 is the floor.
    expect(betaCdf(0.5, 200, 200)).toBeCloseTo(0.5, 12);
  });
});

describe('normal', () => {
  it('Φ matches tabulated values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    // The far tail keeps its relative accuracy (reference: Python's math.erfc).
    expectRelative(normalCdf(-10), 7.619853024160593e-24, 1e-12);
    expect(twoSidedNormalPValue(1.959963984540054)).toBeCloseTo(0.05, 14);
  });

  it('Φ⁻¹ matches tabulated values and inverts Φ', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    for (const p of [1e-300, 1e-12, 0.001, 0.02425, 0.3, 0.7, 0.97575, 0.999999]) {
      expectRelative(normalCdf(normalQuantile(p)), p, 1e-12);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe('Student t', () => {
  it('matches tabulated values', () => {
    // The table's rounded 2.228; the exact value comes from the closed form for even degrees of freedom.
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.975, 4);
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.9749941140914443, 13);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14); // Cauchy: ½ + arctan(1)/π
    // df = 2 has the closed form ½ + t / (2√(2 + t²)).
    expect(studentTCdf(-3, 2)).toBeCloseTo(0.5 - 3 / (2 * Math.sqrt(11)), 14);
    expect(twoSidedTPValue(2.228138851986, 10)).toBeCloseTo(0.05, 10);
    expect(studentTCdf(1.5, Infinity)).toBe(normalCdf(1.5));
  });

  it('quantiles invert the CDF and approach the normal', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986, 9);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 10);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 14);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(normalQuantile(0.975), 6);
    for (const df of [1.5, 3, 30, 19953]) {
      for (const p of [0.6, 0.9, 0.999]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });
});

describe('chi-square', () => {
  it('matches tabulated values', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 4);
    // With 2 degrees of freedom the survival function is e^(−x/2).
    expect(chiSquareSurvival(6.4, 2)).toBeCloseTo(Math.exp(-3.2), 15);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareCdf(11.070497693516351, 5)).toBeCloseTo(0.95, 12);
  });
});
