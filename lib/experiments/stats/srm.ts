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

export interface SampleRatioResult {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Exposures each variant should have had: total × normalised weight. */
  expected: number[];
  /** Whether pValue < threshold. */
  mismatch: boolean;
}

/**
 * χ² = Σ (observed − expected)² / expected with k − 1 degrees of freedom. Weights need not sum to
 * 1 (e.g. 50/25/25 or [2, 1, 1]); they are normalised.
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
  if (total === 0) return { chiSquare: 0, degreesOfFreedom, pValue: 1, expected, mismatch: false };
  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const deviation = observed[i]! - expected[i]!;
    chiSquare += (deviation * deviation) / expected[i]!;
  }
  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  return { chiSquare, degreesOfFreedom, pValue, expected, mismatch: pValue < threshold };
}
