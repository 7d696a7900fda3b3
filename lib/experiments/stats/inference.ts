/**
 * The shapes every comparison returns, and the normal-theory pieces they share: a confidence
 * interval and p-value from an estimate and its standard error, and the delta-method variance of a
 * relative lift.
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

/**
 * The relative lift t / c − 1 of two independent estimates and its standard error by the delta
 * method: Var(t / c) ≈ Var(t) / c² + t²·Var(c) / c⁴. The lift is what product owners read ("+6%"),
 * so it gets its own interval rather than the absolute one divided by c, which would ignore the
 * control's own noise.
 */
export function relativeLift(
  treatmentMean: number,
  treatmentVariance: number,
  controlMean: number,
  controlVariance: number,
  alpha = DEFAULT_ALPHA,
): Estimate {
  if (controlMean === 0) throw new RangeError('the relative lift is undefined when the control mean is 0');
  const controlSquare = controlMean * controlMean;
  const variance = treatmentVariance / controlSquare + (treatmentMean * treatmentMean * controlVariance) / (controlSquare * controlSquare);
  return normalEstimate(treatmentMean / controlMean - 1, Math.sqrt(variance), alpha);
}
