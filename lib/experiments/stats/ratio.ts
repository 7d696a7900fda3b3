/**
 * Ratio metrics (click-through rate, revenue per impression) where the randomisation unit is the
 * user but the metric is a ratio of sums over users. Users' impressions and clicks are correlated,
 * so treating impressions as independent trials understates the variance; the delta method over
 * per-user sums gets it right.
 */

import { type Comparison, DEFAULT_ALPHA, type InferenceOptions, normalChanceToBeat, normalEstimate, relativeLift } from './inference';

/** One randomisation unit's totals: e.g. its clicks (numerator) over its impressions (denominator). */
export interface RatioObservation {
  numerator: number;
  denominator: number;
}

/** Sufficient statistics of a ratio metric, as a warehouse query can return them without shipping per-user rows. */
export interface RatioSums {
  n: number;
  numeratorSum: number;
  numeratorSumOfSquares: number;
  denominatorSum: number;
  denominatorSumOfSquares: number;
  /** Σ numeratorᵢ·denominatorᵢ. */
  productSum: number;
}

/** A variant's ratio metric: its totals, the ratio `mean` = numerator / denominator, and that ratio's sampling variance. */
export interface RatioSummary {
  n: number;
  numerator: number;
  denominator: number;
  mean: number;
  /** Var(R̂) by the delta method: the squared standard error of `mean`, not the per-user spread. */
  variance: number;
}

/** Summarises per-user observations, with two-pass (co)variances: exact even when the sums are large. */
export function summariseRatio(users: readonly RatioObservation[]): RatioSummary {
  const n = users.length;
  checkSampleSize(n);
  let numerator = 0;
  let denominator = 0;
  for (const user of users) {
    numerator += user.numerator;
    denominator += user.denominator;
  }
  const meanY = numerator / n;
  const meanX = denominator / n;
  let squaresY = 0;
  let squaresX = 0;
  let products = 0;
  for (const user of users) {
    const dy = user.numerator - meanY;
    const dx = user.denominator - meanX;
    squaresY += dy * dy;
    squaresX += dx * dx;
    products += dx * dy;
  }
  return ratioSummary(n, numerator, denominator, squaresY / (n - 1), squaresX / (n - 1), products / (n - 1));
}

/** Summarises from sufficient statistics; (co)variances by the one-pass formulas, fine for counts in double precision. */
export function summariseRatioFromSums(sums: RatioSums): RatioSummary {
  const { n, numeratorSum, denominatorSum } = sums;
  checkSampleSize(n);
  const varianceY = (sums.numeratorSumOfSquares - (numeratorSum * numeratorSum) / n) / (n - 1);
  const varianceX = (sums.denominatorSumOfSquares - (denominatorSum * denominatorSum) / n) / (n - 1);
  const covariance = (sums.productSum - (numeratorSum * denominatorSum) / n) / (n - 1);
  return ratioSummary(n, numeratorSum, denominatorSum, Math.max(0, varianceY), Math.max(0, varianceX), covariance);
}

/**
 * R = ȳ / x̄ and, by the delta method, Var(R) ≈ (1/n)(s²_Y / x̄² − 2ȳ·s_XY / x̄³ + ȳ²·s²_X / x̄⁴),
 * with sample (co)variances (divisor n − 1).
 */
function ratioSummary(n: number, numerator: number, denominator: number, varianceY: number, varianceX: number, covariance: number): RatioSummary {
  if (!(denominator > 0)) throw new RangeError('a ratio metric needs a positive denominator total');
  const meanY = numerator / n;
  const meanX = denominator / n;
  const mean = meanY / meanX;
  // Written in R = ȳ/x̄ to keep the powers of x̄ small: (s²_Y − 2R·s_XY + R²·s²_X) / (n·x̄²).
  const variance = Math.max(0, (varianceY - 2 * mean * covariance + mean * mean * varianceX) / (n * meanX * meanX));
  return { n, numerator, denominator, mean, variance };
}

function checkSampleSize(n: number): void {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`a variance needs at least 2 users, got ${n}`);
}

/**
 * Treatment against control for a ratio metric: the difference with SE = √(Var_T + Var_C), the
 * relative lift by Fieller's method on the ratio of ratios (see `relativeLift`), and the normal chance to beat control.
 */
export function compareRatios(treatment: RatioSummary, control: RatioSummary, { alpha = DEFAULT_ALPHA }: InferenceOptions = {}): Comparison {
  const difference = treatment.mean - control.mean;
  const se = Math.sqrt(treatment.variance + control.variance);
  const absolute = normalEstimate(difference, se, alpha);
  return {
    absolute,
    relative: relativeLift(treatment, control, absolute),
    chanceToBeat: normalChanceToBeat(difference, se),
  };
}
