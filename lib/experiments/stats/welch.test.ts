import { describe, expect, it } from 'vitest';
import { compareMeans, summariseMean, summariseMeanFromSums, welchTTest } from './welch';

function expectDigits(actual: number, expected: number, digits: number): void {
  expect(Number(actual.toPrecision(digits))).toBe(expected);
}

describe("Welch's t-test", () => {
  // Reference values computed independently with SciPy (Welch, from summary statistics).
  const treatment = { n: 10_000, mean: 0.0575, standardDeviation: 0.2328 };
  const control = { n: 10_000, mean: 0.052, standardDeviation: 0.222 };

  it('reproduces the reference test', () => {
    const result = welchTTest(treatment, control);
    expectDigits(result.t, 1.7098, 5);
    expectDigits(result.degreesOfFreedom, 19953.0, 6);
    expectDigits(result.pValue, 0.08733, 4);
    expectDigits(result.ci[0], -0.000805, 3);
    expectDigits(result.ci[1], 0.011805, 5);
  });

  it('matches the textbook df for unequal groups', () => {
    // s² / n = 1 and 4 with n = 5 and 9: ν = 25 / (1/4 + 16/8) = 11.111…
    const result = welchTTest({ n: 5, mean: 1, standardDeviation: Math.sqrt(5) }, { n: 9, mean: 0, standardDeviation: 6 });
    expect(result.degreesOfFreedom).toBeCloseTo(25 / (1 / 4 + 16 / 8), 12);
    expect(result.se).toBeCloseTo(Math.sqrt(5), 14);
  });

  it('wraps the test as a comparison with a relative lift', () => {
    const comparison = compareMeans(treatment, control);
    const welch = welchTTest(treatment, control);
    expect(comparison.absolute).toEqual({ estimate: welch.difference, se: welch.se, ci: welch.ci, pValue: welch.pValue });
    expect(comparison.relative.estimate).toBeCloseTo(0.0575 / 0.052 - 1, 14);
    // Delta method: Var(t/c) ≈ v_T/c² + t²·v_C/c⁴.
    const expectedSe = Math.sqrt(0.2328 ** 2 / 10_000 / 0.052 ** 2 + (0.0575 ** 2 * 0.222 ** 2) / 10_000 / 0.052 ** 4);
    expect(comparison.relative.se).toBeCloseTo(expectedSe, 12);
    expect(comparison.chanceToBeat).toBeGreaterThan(0.95);
  });

  it('summarises values, directly or from sums', () => {
    const values = [1, 2, 3, 4, 10];
    const summary = summariseMean(values);
    expect(summary).toEqual({ n: 5, mean: 4, standardDeviation: Math.sqrt(50 / 4) });
    const fromSums = summariseMeanFromSums({ n: 5, sum: 20, sumOfSquares: 130 });
    expect(fromSums.standardDeviation).toBeCloseTo(summary.standardDeviation, 14);
  });
});
