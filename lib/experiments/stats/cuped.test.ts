import { describe, expect, it } from 'vitest';
import { cuped, CupedArm, type CupedRatioObservation } from './cuped';
import { summariseRatio } from './ratio';

const NO_THRESHOLDS = { minUsersWithPrePeriod: 0, minShareWithPrePeriod: 0 };

const meanArm = (values: readonly number[], preValues: readonly number[]) => CupedArm.ofMeans(values.map((value, index) => ({ value, preValue: preValues[index]! })));

describe('CUPED on a mean metric', () => {
  // By hand. Control y = 2,4,6,8 and x = 1,2,2,3: ȳ = 5, x̄ = 2, s²_y = 20/3, s²_x = 2/3, s_xy = 2.
  // Treatment y = 3,5,9,7 and x = 2,4,3,3: ȳ = 6, x̄ = 3, s²_y = 20/3, s²_x = 2/3, s_xy = 2/3.
  // θ = (2/4 + (2/3)/4) / ((2/3)/4 + (2/3)/4) = 2. Pooled x̄ = 2.5.
  // Adjusted means: 5 − 2(2 − 2.5) = 6 and 6 − 2(3 − 2.5) = 5.
  // Adjusted variances of the means: (20/3 − 2·2·2 + 4·2/3) / 4 = 1/3 and (20/3 − 2·2·2/3 + 4·2/3) / 4 = 5/3,
  // against 5/3 each unadjusted: the variance falls by 1 − 2 / (10/3) = 40%.
  const control = meanArm([2, 4, 6, 8], [1, 2, 2, 3]);
  const treatment = meanArm([3, 5, 9, 7], [2, 4, 3, 3]);

  it('matches the hand computation', () => {
    const result = cuped([control, treatment], NO_THRESHOLDS);
    if (!result.applied) throw new Error(`not applied: ${result.reason}`);
    expect(result.theta).toBeCloseTo(2, 12);
    expect(result.arms[0]!.mean).toBeCloseTo(6, 12);
    expect(result.arms[1]!.mean).toBeCloseTo(5, 12);
    expect(result.arms[0]!.variance).toBeCloseTo(1 / 3, 12);
    expect(result.arms[1]!.variance).toBeCloseTo(5 / 3, 12);
    expect(result.varianceReduction).toBeCloseTo(0.4, 12);
    expect(result.usersWithPrePeriod).toBe(8);
  });

  it('equals the plain variance of y − θx within each arm', () => {
    const result = cuped([control, treatment], NO_THRESHOLDS);
    if (!result.applied) throw new Error(`not applied: ${result.reason}`);
    // Control y − 2x = 0,0,2,2: s² = 4/3, over n = 4.
    expect(result.arms[0]!.variance).toBeCloseTo(4 / 3 / 4, 12);
  });

  it('adjusts nothing when the covariate does not vary', () => {
    expect(cuped([meanArm([1, 2, 3], [5, 5, 5]), meanArm([2, 3, 4], [5, 5, 5])], NO_THRESHOLDS)).toEqual({ applied: false, reason: 'no_pre_period_variance', usersWithPrePeriod: 6 });
  });

  it('needs two users in every arm', () => {
    expect(cuped([meanArm([1], [1]), meanArm([2, 3, 4], [1, 2, 3])], NO_THRESHOLDS)).toMatchObject({ applied: false, reason: 'too_little_data' });
  });

  it('needs at least 50 users and 10% of them with pre-period data', () => {
    const arms = (withPrePeriod: number, users: number) => {
      const values = Array.from({ length: users }, (_, index) => index % 7);
      const preValues = values.map((value, index) => (index < withPrePeriod ? value + 1 : 0));
      return [meanArm(values, preValues), meanArm(values, preValues)];
    };
    // 2 × 40 = 80 of 2,000 users: 4%.
    expect(cuped(arms(40, 1_000))).toEqual({ applied: false, reason: 'few_pre_period_users', usersWithPrePeriod: 80 });
    // 2 × 20 = 40 users, 40% of them: too few in number.
    expect(cuped(arms(20, 50))).toEqual({ applied: false, reason: 'few_pre_period_users', usersWithPrePeriod: 40 });
    expect(cuped(arms(100, 1_000))).toMatchObject({ applied: true, usersWithPrePeriod: 200 });
  });
});

describe('CUPED on a ratio metric', () => {
  const control: CupedRatioObservation[] = [
    { numerator: 1, denominator: 10, preNumerator: 1, preDenominator: 8 },
    { numerator: 0, denominator: 8, preNumerator: 0, preDenominator: 6 },
    { numerator: 2, denominator: 12, preNumerator: 3, preDenominator: 14 },
    { numerator: 1, denominator: 9, preNumerator: 0, preDenominator: 0 },
    { numerator: 3, denominator: 15, preNumerator: 2, preDenominator: 10 },
    { numerator: 0, denominator: 5, preNumerator: 1, preDenominator: 9 },
  ];
  const treatment: CupedRatioObservation[] = [
    { numerator: 2, denominator: 10, preNumerator: 2, preDenominator: 11 },
    { numerator: 1, denominator: 9, preNumerator: 0, preDenominator: 4 },
    { numerator: 4, denominator: 16, preNumerator: 3, preDenominator: 12 },
    { numerator: 0, denominator: 4, preNumerator: 0, preDenominator: 0 },
    { numerator: 2, denominator: 12, preNumerator: 1, preDenominator: 7 },
    { numerator: 1, denominator: 6, preNumerator: 1, preDenominator: 5 },
  ];

  /** The delta method's per-user linearisations (yᵢ − R·xᵢ) / x̄, written out directly. */
  function linearised(users: readonly CupedRatioObservation[], pick: (user: CupedRatioObservation) => [number, number]): number[] {
    const pairs = users.map(pick);
    const [top, bottom] = pairs.reduce(([a, b], [y, x]) => [a + y, b + x], [0, 0]);
    const ratio = top / bottom;
    const meanBottom = bottom / users.length;
    return pairs.map(([y, x]) => (y - ratio * x) / meanBottom);
  }
  const covariance = (a: readonly number[], b: readonly number[]) => {
    const meanA = a.reduce((sum, value) => sum + value, 0) / a.length;
    const meanB = b.reduce((sum, value) => sum + value, 0) / b.length;
    return a.reduce((sum, value, index) => sum + (value - meanA) * (b[index]! - meanB), 0) / (a.length - 1);
  };

  it('regresses the linearised outcome on the linearised pre-period ratio', () => {
    const result = cuped([CupedArm.ofRatios(control), CupedArm.ofRatios(treatment)], NO_THRESHOLDS);
    if (!result.applied) throw new Error(`not applied: ${result.reason}`);
    const arms = [control, treatment].map((users) => {
      const outcome = linearised(users, (user) => [user.numerator, user.denominator]);
      const covariate = linearised(users, (user) => [user.preNumerator, user.preDenominator]);
      return { n: users.length, varY: covariance(outcome, outcome), varX: covariance(covariate, covariate), cov: covariance(outcome, covariate) };
    });
    const theta = arms.reduce((sum, arm) => sum + arm.cov / arm.n, 0) / arms.reduce((sum, arm) => sum + arm.varX / arm.n, 0);
    expect(result.theta).toBeCloseTo(theta, 12);
    arms.forEach((arm, index) => expect(result.arms[index]!.variance).toBeCloseTo((arm.varY - 2 * theta * arm.cov + theta * theta * arm.varX) / arm.n, 12));

    // The unadjusted variances the reduction is measured against are the delta method's.
    const unadjusted = summariseRatio(control.map(({ numerator, denominator }) => ({ numerator, denominator }))).variance + summariseRatio(treatment.map(({ numerator, denominator }) => ({ numerator, denominator }))).variance;
    expect(1 - (result.arms[0]!.variance + result.arms[1]!.variance) / unadjusted).toBeCloseTo(result.varianceReduction, 12);

    // Each ratio moves by θ times its arm's pre-period ratio's distance from the pooled one: 7/47 and 7/39 against 14/86.
    const pooled = (7 + 7) / (47 + 39);
    expect(result.arms[0]!.mean).toBeCloseTo(7 / 59 - result.theta * (7 / 47 - pooled), 12);
    expect(result.arms[1]!.mean).toBeCloseTo(10 / 57 - result.theta * (7 / 39 - pooled), 12);
    expect(result.usersWithPrePeriod).toBe(10);
  });

  it('removes all the variance when the pre-period equals the outcome', () => {
    const echo = (users: CupedRatioObservation[]) => CupedArm.ofRatios(users.map((user) => ({ ...user, preNumerator: user.numerator, preDenominator: user.denominator })));
    const result = cuped([echo(control), echo(treatment)], NO_THRESHOLDS);
    if (!result.applied) throw new Error(`not applied: ${result.reason}`);
    expect(result.theta).toBeCloseTo(1, 12);
    expect(result.varianceReduction).toBeCloseTo(1, 12);
  });

  it('does not adjust when an arm has no pre-period impressions', () => {
    const none = CupedArm.ofRatios(treatment.map((user) => ({ ...user, preNumerator: 0, preDenominator: 0 })));
    expect(cuped([CupedArm.ofRatios(control), none], NO_THRESHOLDS)).toMatchObject({ applied: false, reason: 'no_pre_period_variance' });
  });
});
