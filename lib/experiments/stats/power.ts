/**
 * Planning: how many users a test needs before its verdict means anything, and how long the
 * traffic takes to supply them. Stopping before this is where most false "wins" come from.
 */

import { normalQuantile } from './distributions';
import { checkAlpha, DEFAULT_ALPHA } from './inference';

export const DEFAULT_POWER = 0.8;

export interface PowerOptions {
  /** Two-sided significance level. */
  alpha?: number;
  /** Probability of detecting an effect of exactly the minimum detectable size. */
  power?: number;
}

export interface ProportionSampleSizeInput extends PowerOptions {
  /** Control conversion rate, e.g. 0.05 for a 5% click-through rate. */
  baselineRate: number;
  /** Smallest relative change worth detecting, e.g. 0.1 for +10% (0.05 → 0.055). */
  relativeMde: number;
}

export interface MeanSampleSizeInput extends PowerOptions {
  /** Control mean per user. */
  mean: number;
  /** Per-user standard deviation, assumed equal in both arms. */
  standardDeviation: number;
  relativeMde: number;
}

/** (z_{1−α/2} + z_{power})²: the factor shared by every two-sided sample-size formula. */
function zFactor({ alpha = DEFAULT_ALPHA, power = DEFAULT_POWER }: PowerOptions): number {
  checkAlpha(alpha);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must lie in (0, 1), got ${power}`);
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return z * z;
}

/**
 * Users per variant for a two-sided two-proportion z-test, with unpooled variances:
 * n = (z_{1−α/2} + z_{power})² · (p₁(1 − p₁) + p₂(1 − p₂)) / (p₂ − p₁)², p₂ = p₁(1 + MDE), rounded up.
 * For p₁ = 0.05, MDE = 10%: 7.8489 · 0.099475 / 0.005² = 31,231.
 */
export function sampleSizePerVariantForProportion({ baselineRate, relativeMde, ...options }: ProportionSampleSizeInput): number {
  const treatmentRate = baselineRate * (1 + relativeMde);
  if (!(baselineRate > 0 && baselineRate < 1)) throw new RangeError(`the baseline rate must lie in (0, 1), got ${baselineRate}`);
  if (!(relativeMde !== 0 && treatmentRate > 0 && treatmentRate < 1)) throw new RangeError(`the MDE must move the rate to within (0, 1), got ${relativeMde}`);
  const variance = baselineRate * (1 - baselineRate) + treatmentRate * (1 - treatmentRate);
  const effect = treatmentRate - baselineRate;
  return Math.ceil((zFactor(options) * variance) / (effect * effect));
}

/** Users per variant for a two-sided two-sample test of means: n = 2(z_{1−α/2} + z_{power})²·σ² / (μ·MDE)², rounded up. */
export function sampleSizePerVariantForMean({ mean, standardDeviation, relativeMde, ...options }: MeanSampleSizeInput): number {
  const effect = mean * relativeMde;
  if (!(effect !== 0 && Number.isFinite(effect))) throw new RangeError('the minimum detectable effect must be a nonzero finite change');
  if (!(standardDeviation > 0)) throw new RangeError(`the standard deviation must be positive, got ${standardDeviation}`);
  return Math.ceil((2 * zFactor(options) * standardDeviation * standardDeviation) / (effect * effect));
}

export interface DurationInput {
  samplePerVariant: number;
  /** Users entering the experiment per day, across all variants. */
  dailyTraffic: number;
  /** Traffic split; normalised, so [1, 1] and [0.5, 0.5] mean the same. */
  weights: readonly number[];
}

/** Whole days until the smallest-weighted variant has `samplePerVariant` users. */
export function estimateDurationDays({ samplePerVariant, dailyTraffic, weights }: DurationInput): number {
  if (!(dailyTraffic > 0)) throw new RangeError(`daily traffic must be positive, got ${dailyTraffic}`);
  if (weights.length === 0 || weights.some((weight) => !(weight > 0))) throw new RangeError('variant weights must be positive');
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const smallestShare = Math.min(...weights) / weightTotal;
  return Math.ceil(samplePerVariant / (dailyTraffic * smallestShare));
}

/** Whether every variant has reached the planned minimum: before that, a verdict would be underpowered. */
export function verdictReady(samplesPerVariant: readonly number[], minimumPerVariant: number): boolean {
  return samplesPerVariant.length > 0 && samplesPerVariant.every((n) => n >= minimumPerVariant);
}
