/**
 * Sample-ratio mismatch: exposures that do not split as configured mean the assignment or the
 * logging is broken (a redirect that loses users, a bot filter that hits one arm), and every metric
 * of the experiment is then suspect. A χ² goodness-of-fit test catches it.
 */

import { chiSquareSurvival } from './distributions';

/**
 * Conventional SRM threshold: with dozens of experiments checked daily, 0.05 would raise false
 * alarms all the time, and real mismatches are usually far more significant than 0.001.
 */
export const SRM_THRESHOLD = 0.001;

/**
 * Below this many exposures in total the check has no verdict: a split of 3 against 7 is not
 * evidence of anything, and "passed (p = 1.000)" with no users would be a false reassurance.
 */
export const SRM_MIN_EXPOSURES = 100;
/** χ²'s approximation needs every variant's expected count at least this large (Cochran's rule). */
export const SRM_MIN_EXPECTED_PER_VARIANT = 5;

/** `not_enough_data` below the minimum sample, whatever the p-value says; otherwise the verdict at the threshold. */
export const SAMPLE_RATIO_STATUSES = ['not_enough_data', 'passed', 'mismatch'] as const;
export type SampleRatioStatus = (typeof SAMPLE_RATIO_STATUSES)[number];

export interface SampleRatioResult {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Exposures each variant should have had: total × normalised weight. */
  expected: number[];
  status: SampleRatioStatus;
  /** Whether status is `mismatch`: enough data, and pValue < threshold. */
  mismatch: boolean;
}

/**
 * χ² = Σ (observed − expected)² / expected with k − 1 degrees of freedom. Weights need not sum to
 * 1 (e.g. 50/25/25 or [2, 1, 1]); they are normalised. With fewer than SRM_MIN_EXPOSURES in total, or
 * a variant expected to get fewer than SRM_MIN_EXPECTED_PER_VARIANT, the status is `not_enough_data`.
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[], threshold = SRM_THRESHOLD): SampleRatioResult {
  if (observed.length !== weights.length) throw new RangeError(`${observed.length} exposure counts for ${weights.length} weights`);
  if (observed.length < 2) throw new RangeError('a sample-ratio test needs at least 2 variants');
  if (observed.some((count) => !(count >= 0))) throw new RangeError('exposure counts must be non-negative');
  if (weights.some((weight) => !(weight > 0))) throw new RangeError('variant weights must be positive');
  const total = observed.reduce((sum, count) => sum + count, 0);
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const expected = weights.map((weight) => (total * weight) / weightTotal);
  const degreesOfFreedom = observed.length - 1;
  const enough = total >= SRM_MIN_EXPOSURES && expected.every((count) => count >= SRM_MIN_EXPECTED_PER_VARIANT);
  if (total === 0) return { chiSquare: 0, degreesOfFreedom, pValue: 1, expected, status: 'not_enough_data', mismatch: false };
  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const deviation = observed[i]! - expected[i]!;
    chiSquare += (deviation * deviation) / expected[i]!;
  }
  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  const status: SampleRatioStatus = !enough ? 'not_enough_data' : pValue < threshold ? 'mismatch' : 'passed';
  return { chiSquare, degreesOfFreedom, pValue, expected, status, mismatch: status === 'mismatch' };
}
