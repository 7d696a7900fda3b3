import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './srm';

function expectDigits(actual: number, expected: number, digits: number): void {
  expect(Number(actual.toPrecision(digits))).toBe(expected);
}

describe('sample-ratio mismatch', () => {
  // Reference values computed independently with SciPy (scipy.stats.chisquare).
  it('reproduces a two-way split', () => {
    const result = sampleRatioMismatch([5000, 5210], [0.5, 0.5]);
    expectDigits(result.chiSquare, 4.3193, 5);
    expectDigits(result.pValue, 0.03768, 4);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.expected).toEqual([5105, 5105]);
    expect(result.mismatch).toBe(false);
    expect(result.status).toBe('passed');
  });

  it('reproduces a three-way split and normalises weights', () => {
    const result = sampleRatioMismatch([3300, 3350, 3500], [1, 1, 1]);
    expectDigits(result.chiSquare, 6.4039, 5);
    expectDigits(result.pValue, 0.04068, 4);
    expect(result.degreesOfFreedom).toBe(2);
  });

  it('flags a real mismatch and honours unequal weights', () => {
    expect(sampleRatioMismatch([5000, 5400], [1, 1])).toMatchObject({ status: 'mismatch', mismatch: true });
    // 50/25/25 observed exactly as configured.
    const result = sampleRatioMismatch([5000, 2500, 2500], [2, 1, 1]);
    expect(result.chiSquare).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it('has no verdict below the minimum sample', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toMatchObject({ status: 'not_enough_data', mismatch: false });
    // 99 exposures: under SRM_MIN_EXPOSURES, however lopsided.
    expect(sampleRatioMismatch([90, 9], [1, 1])).toMatchObject({ status: 'not_enough_data', mismatch: false });
    // 100 exposures, but the 1% arm expects only 1.
    expect(sampleRatioMismatch([98, 1, 1], [98, 1, 1])).toMatchObject({ status: 'not_enough_data', mismatch: false });
    expect(sampleRatioMismatch([50, 50], [1, 1])).toMatchObject({ status: 'passed', mismatch: false });
    expect(sampleRatioMismatch([90, 10], [1, 1])).toMatchObject({ status: 'mismatch', mismatch: true });
  });

  it('rejects mismatched inputs', () => {
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([1, 2], [1, 0])).toThrow(RangeError);
  });
});
