import { describe, expect, it } from 'vitest';
import { compareRatios, summariseRatio, summariseRatioFromSums, type RatioObservation } from './ratio';

/** Rounds to the precision the reference value was published with, as a person checking it would. */
function expectDigits(actual: number, expected: number, digits: number): void {
  expect(Number(actual.toPrecision(digits))).toBe(expected);
}

const users = (pairs: readonly (readonly [clicks: number, impressions: number])[]): RatioObservation[] =>
  pairs.map(([numerator, denominator]) => ({ numerator, denominator }));

// Reference values computed independently with SciPy, published to the digits checked here.
const control = users([[1, 10], [0, 8], [2, 12], [1, 9], [0, 5], [3, 15], [1, 11], [0, 7]]);
const treatment = users([[2, 10], [1, 9], [2, 11], [1, 6], [0, 4], [4, 16], [2, 12], [1, 8]]);

describe('ratio metrics by the delta method', () => {
  it('summarises each variant', () => {
    const c = summariseRatio(control);
    expect(c).toMatchObject({ n: 8, numerator: 8, denominator: 77 });
    expectDigits(c.mean, 0.103896, 6);
    expectDigits(c.variance, 0.00080211, 5);
    const t = summariseRatio(treatment);
    expectDigits(t.mean, 0.171053, 6);
    expectDigits(t.variance, 0.00051281, 5);
  });

  it('compares treatment with control', () => {
    const comparison = compareRatios(summariseRatio(treatment), summariseRatio(control));
    expectDigits(comparison.absolute.estimate, 0.067157, 5);
    expectDigits(comparison.absolute.se, 0.036262, 5);
    expectDigits(comparison.absolute.estimate / comparison.absolute.se, 1.852, 4);
    expectDigits(comparison.absolute.pValue, 0.06403, 4);
    const [lower, upper] = comparison.absolute.ci;
    expect(lower).toBeCloseTo(0.067157 - 1.959964 * 0.036262, 5);
    expect(upper).toBeCloseTo(0.067157 + 1.959964 * 0.036262, 5);
    expectDigits(comparison.relative.estimate, 0.64638, 5);
    expectDigits(comparison.relative.se, 0.49892, 5);
    // Φ(z) at z = 1.851988 (reference: Python's math.erfc).
    expect(comparison.chanceToBeat).toBeCloseTo(0.9679862257, 9);
  });

  it('gives the same summary from sufficient statistics', () => {
    const sums = {
      n: control.length,
      numeratorSum: 0,
      numeratorSumOfSquares: 0,
      denominatorSum: 0,
      denominatorSumOfSquares: 0,
      productSum: 0,
    };
    for (const { numerator, denominator } of control) {
      sums.numeratorSum += numerator;
      sums.numeratorSumOfSquares += numerator * numerator;
      sums.denominatorSum += denominator;
      sums.denominatorSumOfSquares += denominator * denominator;
      sums.productSum += numerator * denominator;
    }
    const fromSums = summariseRatioFromSums(sums);
    const fromUsers = summariseRatio(control);
    expect(fromSums.mean).toBeCloseTo(fromUsers.mean, 14);
    expect(fromSums.variance).toBeCloseTo(fromUsers.variance, 14);
  });

  it('rejects data it cannot summarise', () => {
    expect(() => summariseRatio(users([[1, 10]]))).toThrow(RangeError);
    expect(() => summariseRatio(users([[0, 0], [0, 0]]))).toThrow(RangeError);
  });
});
