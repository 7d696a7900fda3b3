/**
 * The shapes every comparison returns, and the normal-theory pieces they share: a confidence
 * interval and p-value from an estimate and its standard error, and the relative lift's interval by
 * Fieller's method.
 */

import { normalCdf, normalQuantile, twoSidedNormalPValue } from './distributions';

/** Significance level used when none is given: 95% intervals, tests at 5%. */
export const DEFAULT_ALPHA = 0.05;

export type Interval = [lower: number, upper: number];

/** A point estimate with its standard error, two-sided (1 − α) confidence interval and two-sided p-value against zero. */
export interface Estimate {
  estimate: number;
  se: number;
  ci: Interval;
  pValue: number;
}

/** Treatment against control: the difference, the relative lift (treatment / control − 1), and P(treatment > control). */
export interface Comparison {
  absolute: Estimate;
  relative: Estimate;
  chanceToBeat: number;
}

export interface InferenceOptions {
  /** Two-sided significance level; the interval covers 1 − α. */
  alpha?: number;
}

export function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
}

/**
 * estimate / se, with the limits a zero standard error implies: a nonzero difference with no noise
 * is infinitely significant, and no difference is no evidence at all.
 */
export function zScore(estimate: number, se: number): number {
  if (se > 0) return estimate / se;
  return estimate === 0 ? 0 : Math.sign(estimate) * Infinity;
}

/** The normal-theory (Wald) interval and p-value: right for ratios and means once each arm has a few hundred users. */
export function normalEstimate(estimate: number, se: number, alpha = DEFAULT_ALPHA): Estimate {
  checkAlpha(alpha);
  const halfWidth = normalQuantile(1 - alpha / 2) * se;
  return { estimate, se, ci: [estimate - halfWidth, estimate + halfWidth], pValue: twoSidedNormalPValue(zScore(estimate, se)) };
}

/** P(treatment > control) under the normal approximation of the difference: Φ(difference / se). */
export function normalChanceToBeat(difference: number, se: number): number {
  return normalCdf(zScore(difference, se));
}

/** One arm's estimate of its mean (or ratio) and that estimate's sampling variance (squared standard error). */
export interface ArmEstimate {
  mean: number;
  variance: number;
}

/**
 * The relative lift t / c − 1 with an interval that holds on skewed metrics, built from the absolute
 * comparison of the same arms (fixed-horizon or always-valid) so the two views always agree.
 *
 * The delta-method interval (t / c − 1) ± m·SE is not valid when the treatment mean is noisy: its
 * SE shrinks as t falls, so on revenue with a few buyers nearly every false positive was a large
 * negative lift (8% of fixed-horizon A/A tests at α = 0.05, up to 27% always-valid). Instead this
 * inverts the absolute test, Fieller's method: the interval holds every ratio θ = μ_T / μ_C that the
 * test of μ_T − θ·μ_C = 0 at the absolute interval's multiplier m does not reject,
 *   (t − θc)² ≤ m²·(v_T + θ²·v_C).
 * At θ = 1 that is exactly the absolute test, so the relative interval excludes 0 exactly when the
 * absolute one does, and the relative p-value is the absolute one. When the control mean is itself
 * indistinguishable from 0 (c² ≤ m²·v_C) the set is unbounded and the upper bound is +∞. A lift
 * cannot fall below −100% for a metric that cannot go negative, so the lower bound is clamped there.
 *
 * `se` is the delta-method standard error, kept as a descriptive spread; the interval does not use it.
 */
export function relativeLift(treatment: ArmEstimate, control: ArmEstimate, absolute: Estimate): Estimate {
  if (control.mean === 0) throw new RangeError('the relative lift is undefined when the control mean is 0');
  const controlSquare = control.mean * control.mean;
  const deltaVariance = treatment.variance / controlSquare + (treatment.mean * treatment.mean * control.variance) / (controlSquare * controlSquare);
  const multiplier = absolute.se > 0 ? (absolute.ci[1] - absolute.estimate) / absolute.se : 0;
  const [lower, upper] = fiellerRatioInterval(treatment, control, multiplier);
  return {
    estimate: treatment.mean / control.mean - 1,
    se: Math.sqrt(deltaVariance),
    ci: [Math.max(-1, lower - 1), upper - 1],
    pValue: absolute.pValue,
  };
}

/** Fieller's set {θ : (t − θc)² ≤ m²(v_T + θ²v_C)} for independent arms; (−∞, +∞) when c is within m standard errors of 0. */
export function fiellerRatioInterval(treatment: ArmEstimate, control: ArmEstimate, multiplier: number): Interval {
  const squaredMultiplier = multiplier * multiplier;
  const leading = control.mean * control.mean - squaredMultiplier * control.variance;
  if (!(leading > 0)) return [-Infinity, Infinity];
  // The discriminant m²(c²v_T + t²v_C − m²v_T·v_C) = m²(v_T·leading + t²v_C) is never negative once leading > 0.
  const root = multiplier * Math.sqrt(treatment.variance * leading + treatment.mean * treatment.mean * control.variance);
  const centre = treatment.mean * control.mean;
  return [(centre - root) / leading, (centre + root) / leading];
}
