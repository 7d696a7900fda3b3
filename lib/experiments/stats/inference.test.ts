import { describe, expect, it } from 'vitest';
import { fiellerRatioInterval, normalEstimate, relativeLift } from './inference';
import { alwaysValidInference } from './sequential';

const Z_975 = 1.959963984540054;

/** The fixed-horizon absolute comparison of two independent arm estimates. */
function absoluteOf(treatment: { mean: number; variance: number }, control: { mean: number; variance: number }) {
  return normalEstimate(treatment.mean - control.mean, Math.sqrt(treatment.variance + control.variance));
}

describe('fiellerRatioInterval', () => {
  it('solves (t − θc)² = m²(v_T + θ²v_C) at both ends', () => {
    const treatment = { mean: 12, variance: 4 };
    const control = { mean: 10, variance: 1 };
    const [lower, upper] = fiellerRatioInterval(treatment, control, Z_975);
    for (const theta of [lower, upper]) {
      expect((treatment.mean - theta * control.mean) ** 2).toBeCloseTo(Z_975 ** 2 * (treatment.variance + theta * theta * control.variance), 9);
    }
    // Not symmetric about t / c = 1.2: the control's noise stretches the upper side.
    expect(upper - 1.2).toBeGreaterThan(1.2 - lower);
  });

  it('is unbounded when the control mean is within m standard errors of zero', () => {
    expect(fiellerRatioInterval({ mean: 5, variance: 1 }, { mean: 1, variance: 1 }, Z_975)).toEqual([-Infinity, Infinity]);
  });
});

describe('relativeLift', () => {
  it('excludes zero exactly when the absolute interval does, with the same p-value', () => {
    const control = { mean: 10, variance: 1 };
    for (const treatmentMean of [6, 7.2, 7.3, 10, 12.7, 12.8, 15]) {
      const treatment = { mean: treatmentMean, variance: 0.8 };
      const absolute = absoluteOf(treatment, control);
      const relative = relativeLift(treatment, control, absolute);
      expect(relative.ci[0] > 0 || relative.ci[1] < 0).toBe(absolute.ci[0] > 0 || absolute.ci[1] < 0);
      expect(relative.pValue).toBe(absolute.pValue);
      expect(relative.estimate).toBeCloseTo(treatmentMean / 10 - 1, 14);
    }
  });

  it('never reports a lift below −100%', () => {
    // A noisy treatment near zero: the delta-method interval here runs to about −139%.
    const treatment = { mean: 0.2, variance: 0.25 };
    const control = { mean: 2, variance: 0.1 };
    const relative = relativeLift(treatment, control, absoluteOf(treatment, control));
    expect(relative.estimate - Z_975 * relative.se).toBeLessThan(-1.3);
    expect(relative.ci[0]).toBe(-1);
    expect(relative.ci[1]).toBeLessThan(0);
  });

  it('widens with the multiplier of an always-valid interval and stays consistent with it', () => {
    const treatment = { mean: 11, variance: 0.1 };
    const control = { mean: 10, variance: 0.1 };
    const fixed = absoluteOf(treatment, control);
    const sequential = alwaysValidInference({ estimate: fixed.estimate, se: fixed.se, n: 2_000, plannedSampleSize: 10_000 });
    const fixedRelative = relativeLift(treatment, control, fixed);
    const sequentialRelative = relativeLift(treatment, control, sequential);
    expect(fixedRelative.ci[0]).toBeGreaterThan(0);
    expect(sequentialRelative.ci[0]).toBeLessThan(fixedRelative.ci[0]);
    expect(sequentialRelative.ci[1]).toBeGreaterThan(fixedRelative.ci[1]);
    expect(sequentialRelative.ci[0] > 0).toBe(sequential.ci[0] > 0);
    expect(sequentialRelative.pValue).toBe(sequential.pValue);
  });

  it('reports an unbounded upper end while the control mean is indistinguishable from zero', () => {
    const treatment = { mean: 3, variance: 1 };
    const control = { mean: 1, variance: 1 };
    expect(relativeLift(treatment, control, absoluteOf(treatment, control)).ci).toEqual([-1, Infinity]);
  });

  it('is undefined for a zero control mean', () => {
    expect(() => relativeLift({ mean: 1, variance: 1 }, { mean: 0, variance: 1 }, normalEstimate(1, 1))).toThrow(RangeError);
  });
});
