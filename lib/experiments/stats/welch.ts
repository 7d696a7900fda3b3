/**
 * Mean metrics (per-user value: revenue, watch time, items viewed) compared by Welch's t-test,
 * which does not assume the variants share a variance: a treatment that changes behaviour usually
 * changes its spread too.
 */

import { studentTQuantile, twoSidedTPValue } from './distributions';
import {
  checkAlpha,
  type Comparison,
  DEFAULT_ALPHA,
  type Interval,
  type InferenceOptions,
  normalChanceToBeat,
  relativeLift,
  zScore,
} from './inference';

/** A variant's mean metric: users, mean per user, and the sample standard deviation (divisor n − 1) across users. */
export interface MeanSummary {
  n: number;
  mean: number;
  standardDeviation: number;
}

/** Sufficient statistics of a mean metric. */
export interface MeanSums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export interface WelchResult {
  /** Treatment mean − control mean. */
  difference: number;
  se: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  degreesOfFreedom: number;
  pValue: number;
  /** (1 − α) interval of the difference, from the t quantile at the Welch degrees of freedom. */
  ci: Interval;
}

/** Summarises per-user values, two-pass so a large common offset (e.g. revenue in cents) costs no precision. */
export function summariseMean(values: readonly number[]): MeanSummary {
  const n = values.length;
  checkSampleSize(n);
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) * (value - mean);
  return { n, mean, standardDeviation: Math.sqrt(squares / (n - 1)) };
}

export function summariseMeanFromSums({ n, sum, sumOfSquares }: MeanSums): MeanSummary {
  checkSampleSize(n);
  const mean = sum / n;
  return { n, mean, standardDeviation: Math.sqrt(Math.max(0, (sumOfSquares - sum * mean) / (n - 1))) };
}

function checkSampleSize(n: number): void {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`a standard deviation needs at least 2 users, got ${n}`);
}

/** Var(mean) = s² / n: the squared standard error of a variant's mean. */
export function varianceOfMean(summary: MeanSummary): number {
  return (summary.standardDeviation * summary.standardDeviation) / summary.n;
}

/**
 * Welch's two-sample t-test of treatment − control: t = Δ / √(v_T + v_C) with v = s² / n, and
 * ν = (v_T + v_C)² / (v_T² / (n_T − 1) + v_C² / (n_C − 1)).
 */
export function welchTTest(treatment: MeanSummary, control: MeanSummary, { alpha = DEFAULT_ALPHA }: InferenceOptions = {}): WelchResult {
  checkAlpha(alpha);
  const treatmentVariance = varianceOfMean(treatment);
  const controlVariance = varianceOfMean(control);
  const pooled = treatmentVariance + controlVariance;
  const difference = treatment.mean - control.mean;
  const se = Math.sqrt(pooled);
  const t = zScore(difference, se);
  const denominator = (treatmentVariance * treatmentVariance) / (treatment.n - 1) + (controlVariance * controlVariance) / (control.n - 1);
  // With no spread in either arm the test is degenerate; infinite degrees of freedom make it the normal limit.
  const degreesOfFreedom = denominator > 0 ? (pooled * pooled) / denominator : Infinity;
  const halfWidth = studentTQuantile(1 - alpha / 2, degreesOfFreedom) * se;
  return {
    difference,
    se,
    t,
    degreesOfFreedom,
    pValue: twoSidedTPValue(t, degreesOfFreedom),
    ci: [difference - halfWidth, difference + halfWidth],
  };
}

/**
 * Treatment against control for a mean metric: the difference by Welch's test, the relative lift by
 * Fieller's method at Welch's t quantile, and the normal chance to beat control.
 */
export function compareMeans(treatment: MeanSummary, control: MeanSummary, { alpha = DEFAULT_ALPHA }: InferenceOptions = {}): Comparison {
  const welch = welchTTest(treatment, control, { alpha });
  const absolute = { estimate: welch.difference, se: welch.se, ci: welch.ci, pValue: welch.pValue };
  return {
    absolute,
    relative: relativeLift({ mean: treatment.mean, variance: varianceOfMean(treatment) }, { mean: control.mean, variance: varianceOfMean(control) }, absolute),
    chanceToBeat: normalChanceToBeat(welch.difference, welch.se),
  };
}
