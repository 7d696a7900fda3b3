/**
 * Sequential testing: experimenters look at results every day, and a fixed-horizon 95% interval
 * checked thirty times excludes zero by chance far more often than 5% of the time. An
 * always-valid confidence sequence holds at every look simultaneously, so peeking is safe.
 *
 * This is the asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas
 * (2021), "Time-uniform central limit theory and asymptotic confidence sequences", with the normal
 * mixture boundary: after t units,
 *   C_t = μ̂_t ± σ̂_t · √( (2(tρ² + 1) / (t²ρ²)) · ln(√(tρ² + 1) / α) ),
 * where σ̂_t is the per-unit standard deviation, so σ̂_t / √t is the estimate's standard error.
 */

import { checkAlpha, DEFAULT_ALPHA, type Estimate, type Interval, normalEstimate } from './inference';

export interface SequentialInput {
  /** The difference (of means or ratios) being tracked. */
  estimate: number;
  /** Its standard error after `n` units. */
  se: number;
  /** Units observed so far (users across both arms). */
  n: number;
  /** The sample size the test is planned around (same units as `n`): the sequence is tightest there. */
  plannedSampleSize: number;
  alpha?: number;
}

export interface SequentialResult {
  estimate: number;
  se: number;
  /** Always-valid (1 − α) interval: covers the true difference at every look with probability 1 − α. */
  ci: Interval;
  /**
   * Always-valid p-value: the smallest α whose sequence excludes 0 at this look. Take its running
   * minimum over looks to report a p-value that never rises.
   */
  pValue: number;
  /** The fixed-horizon interval and p-value, valid only when this is the single planned look. */
  fixedHorizon: Estimate;
}

/**
 * The mixture parameter ρ that makes the sequence tightest at `plannedSampleSize` units:
 * ρ² = (−2 ln α + ln(−2 ln α + 1)) / t*.
 */
export function sequentialRho(plannedSampleSize: number, alpha = DEFAULT_ALPHA): number {
  checkAlpha(alpha);
  if (!(plannedSampleSize > 0)) throw new RangeError(`the planned sample size must be positive, got ${plannedSampleSize}`);
  const logTerm = -2 * Math.log(alpha);
  return Math.sqrt((logTerm + Math.log(logTerm + 1)) / plannedSampleSize);
}

/** σ̂·√( (2(nρ² + 1) / (n²ρ²)) · ln(√(nρ² + 1) / α) ): the sequence's half-width after n units with per-unit SD σ̂. */
export function confidenceSequenceHalfWidth(unitStandardDeviation: number, n: number, rho: number, alpha = DEFAULT_ALPHA): number {
  checkAlpha(alpha);
  if (!(n > 0)) throw new RangeError(`a confidence sequence needs n > 0, got ${n}`);
  const scaled = n * rho * rho;
  return unitStandardDeviation * Math.sqrt(((2 * (scaled + 1)) / (n * scaled)) * Math.log(Math.sqrt(scaled + 1) / alpha));
}

/**
 * The always-valid interval and p-value at the current look, with the fixed-horizon ones alongside.
 * ρ is fixed by the design α and planned size, so the sequences for different α are nested and the
 * p-value is well defined.
 */
export function alwaysValidInference({ estimate, se, n, plannedSampleSize, alpha = DEFAULT_ALPHA }: SequentialInput): SequentialResult {
  const rho = sequentialRho(plannedSampleSize, alpha);
  const halfWidth = confidenceSequenceHalfWidth(se * Math.sqrt(n), n, rho, alpha);
  return {
    estimate,
    se,
    ci: [estimate - halfWidth, estimate + halfWidth],
    pValue: alwaysValidPValue(estimate, se, n, rho),
    fixedHorizon: normalEstimate(estimate, se, alpha),
  };
}

/**
 * The α at which the half-width equals |estimate|. The half-width is monotone in α, so this is the
 * point bisection would converge to; solving the boundary equation for α gives it in closed form:
 * α = √(nρ² + 1) · exp(−(z²/2) · nρ² / (nρ² + 1)), z = estimate / se, capped at 1.
 */
export function alwaysValidPValue(estimate: number, se: number, n: number, rho: number): number {
  if (!(n > 0)) throw new RangeError(`a confidence sequence needs n > 0, got ${n}`);
  if (!(se > 0)) return estimate === 0 ? 1 : 0;
  const scaled = n * rho * rho;
  const z = estimate / se;
  const logP = 0.5 * Math.log(scaled + 1) - ((0.5 * z * z * scaled) / (scaled + 1));
  return Math.min(1, Math.exp(logP));
}
