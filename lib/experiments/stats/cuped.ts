/**
 * CUPED (Deng, Xu, Kohavi and Walker 2013): variance reduction by regression adjustment on each
 * user's pre-experiment value of the metric. The pre-period cannot be affected by the treatment, so
 * subtracting θ·(covariate − its pooled mean) leaves each arm's expected value unchanged while
 * removing the part of the spread the user's history already explained: the variance falls by the
 * squared correlation ρ² between the outcome and the covariate.
 *
 * One computation serves mean and ratio metrics. A ratio R = Σy / Σx (clicks over impressions) is
 * handled through the delta method's per-user linearisation (yᵢ − R·xᵢ) / x̄, with the pre-period
 * ratio P = Σu / Σv linearised the same way as the covariate, as GrowthBook and Statsig do; a mean
 * metric is the ratio whose denominators are all 1, where the linearisation is the value itself.
 *
 * θ is pooled across arms: θ = Σₐ Cov(R̂ₐ, P̂ₐ) / Σₐ Var(P̂ₐ), which minimises the sum of the arms'
 * adjusted sampling variances (for two arms, the variance of the difference). Arm a's adjusted
 * estimate is R̂ₐ − θ(P̂ₐ − P̂), P̂ the pre-period ratio over all arms, and its variance
 * Var(R̂ₐ) − 2θ·Cov(R̂ₐ, P̂ₐ) + θ²·Var(P̂ₐ).
 */

import type { ArmEstimate } from './inference';

/** Below this many users with pre-period data (across arms) the regression is too noisy to adjust with. */
export const CUPED_MIN_USERS_WITH_PRE_PERIOD = 50;
/** Nor when fewer than this share of users have any: the covariate would be mostly zeros. */
export const CUPED_MIN_SHARE_WITH_PRE_PERIOD = 0.1;

/** One user's ratio metric in the experiment and over the pre-period: e.g. clicks / impressions, before and after first exposure. */
export interface CupedRatioObservation {
  numerator: number;
  denominator: number;
  preNumerator: number;
  preDenominator: number;
}

const [Y, X, U, V] = [0, 1, 2, 3];

/**
 * One arm's users, accumulated as the means and co-moments of (outcome numerator, outcome
 * denominator, covariate numerator, covariate denominator). The update is Welford's, so it is exact
 * enough for sums of millions and can be read between additions (a sequential test's looks).
 * Feed an arm either mean or ratio observations, not both.
 */
export class CupedArm {
  n = 0;
  /** Users whose pre-period holds data: a non-zero value for a mean, a positive denominator for a ratio. */
  withPrePeriod = 0;
  private readonly means = new Float64Array(4);
  /** Each value's distance from the mean before and after an update: scratch, so adding a user allocates nothing. */
  private readonly deviations = new Float64Array(4);
  private readonly after = new Float64Array(4);
  /** Σ (zᵢ − z̄)(zⱼ − z̄) for i ≤ j, row-major over a 4 × 4 matrix. */
  private readonly comoments = new Float64Array(16);

  static ofMeans(users: readonly { value: number; preValue: number }[]): CupedArm {
    const arm = new CupedArm();
    for (const user of users) arm.addMean(user.value, user.preValue);
    return arm;
  }

  static ofRatios(users: readonly CupedRatioObservation[]): CupedArm {
    const arm = new CupedArm();
    for (const user of users) arm.addRatio(user);
    return arm;
  }

  addMean(value: number, preValue: number): void {
    this.add(value, 1, preValue, 1, preValue !== 0);
  }

  addRatio({ numerator, denominator, preNumerator, preDenominator }: CupedRatioObservation): void {
    this.add(numerator, denominator, preNumerator, preDenominator, preDenominator > 0);
  }

  mean(index: number): number {
    return this.means[index]!;
  }

  /** Sample covariance (divisor n − 1). */
  covariance(i: number, j: number): number {
    const [low, high] = i <= j ? [i, j] : [j, i];
    return this.comoments[low * 4 + high]! / (this.n - 1);
  }

  private add(y: number, x: number, u: number, v: number, hasPrePeriod: boolean): void {
    this.n += 1;
    if (hasPrePeriod) this.withPrePeriod += 1;
    const { means, deviations, after, comoments } = this;
    deviations[Y] = y - means[Y]!;
    deviations[X] = x - means[X]!;
    deviations[U] = u - means[U]!;
    deviations[V] = v - means[V]!;
    for (let i = 0; i < 4; i++) {
      means[i] = means[i]! + deviations[i]! / this.n;
      // (value − new mean) = (value − old mean)·(n − 1)/n.
      after[i] = (deviations[i]! * (this.n - 1)) / this.n;
    }
    for (let i = 0; i < 4; i++) {
      for (let j = i; j < 4; j++) comoments[i * 4 + j] = comoments[i * 4 + j]! + deviations[i]! * after[j]!;
    }
  }
}

/**
 * Why CUPED was not applied:
 * - too_little_data: an arm has fewer than 2 users or no outcome denominator, so there is nothing to compare, adjusted or not;
 * - few_pre_period_users: too few users have pre-period data (see the thresholds above);
 * - no_pre_period_variance: the pre-period value does not vary within the arms, or an arm has no pre-period denominator.
 */
export const CUPED_SKIP_REASONS = ['too_little_data', 'few_pre_period_users', 'no_pre_period_variance'] as const;
export type CupedSkipReason = (typeof CUPED_SKIP_REASONS)[number];

export interface CupedOptions {
  minUsersWithPrePeriod?: number;
  minShareWithPrePeriod?: number;
}

export type CupedResult =
  | {
      applied: true;
      theta: number;
      /** 1 − Σ adjusted / Σ unadjusted sampling variances of the arms' estimates: the share of variance removed. */
      varianceReduction: number;
      usersWithPrePeriod: number;
      /** Per arm, in input order: the adjusted estimate of its mean (or ratio) and that estimate's sampling variance. */
      arms: ArmEstimate[];
      /** The same without the adjustment. */
      unadjusted: ArmEstimate[];
    }
  | { applied: false; reason: CupedSkipReason; usersWithPrePeriod: number };

/** The delta method's (co)variances of an arm's outcome ratio R̂ and covariate ratio P̂, per user (multiply by 1/n for the estimates'). */
interface Linearised {
  n: number;
  outcome: number;
  covariate: number;
  outcomeVariance: number;
  covariateVariance: number;
  covariance: number;
}

function linearise(arm: CupedArm): Linearised {
  const [y, x, u, v] = [arm.mean(Y), arm.mean(X), arm.mean(U), arm.mean(V)];
  const outcome = y / x;
  const covariate = u / v;
  const c = (i: number, j: number) => arm.covariance(i, j);
  // Var((y − R·x) / x̄) and its analogues: the same formula `summariseRatio` uses, per user.
  return {
    n: arm.n,
    outcome,
    covariate,
    outcomeVariance: Math.max(0, (c(Y, Y) - 2 * outcome * c(Y, X) + outcome * outcome * c(X, X)) / (x * x)),
    covariateVariance: Math.max(0, (c(U, U) - 2 * covariate * c(U, V) + covariate * covariate * c(V, V)) / (v * v)),
    covariance: (c(Y, U) - covariate * c(Y, V) - outcome * c(X, U) + outcome * covariate * c(X, V)) / (x * v),
  };
}

/** Adjusts each arm's estimate by its users' pre-period values, or says why it cannot. */
export function cuped(arms: readonly CupedArm[], { minUsersWithPrePeriod = CUPED_MIN_USERS_WITH_PRE_PERIOD, minShareWithPrePeriod = CUPED_MIN_SHARE_WITH_PRE_PERIOD }: CupedOptions = {}): CupedResult {
  const users = arms.reduce((sum, arm) => sum + arm.n, 0);
  const usersWithPrePeriod = arms.reduce((sum, arm) => sum + arm.withPrePeriod, 0);
  if (arms.length === 0 || arms.some((arm) => arm.n < 2 || !(arm.mean(X) > 0))) return { applied: false, reason: 'too_little_data', usersWithPrePeriod };
  if (usersWithPrePeriod < minUsersWithPrePeriod || usersWithPrePeriod < minShareWithPrePeriod * users) return { applied: false, reason: 'few_pre_period_users', usersWithPrePeriod };
  if (arms.some((arm) => !(arm.mean(V) > 0))) return { applied: false, reason: 'no_pre_period_variance', usersWithPrePeriod };

  const linearised = arms.map(linearise);
  const covariateVariance = linearised.reduce((sum, arm) => sum + arm.covariateVariance / arm.n, 0);
  if (!(covariateVariance > 0)) return { applied: false, reason: 'no_pre_period_variance', usersWithPrePeriod };
  const theta = linearised.reduce((sum, arm) => sum + arm.covariance / arm.n, 0) / covariateVariance;
  const pooledCovariate = arms.reduce((sum, arm) => sum + arm.n * arm.mean(U), 0) / arms.reduce((sum, arm) => sum + arm.n * arm.mean(V), 0);

  const unadjusted = linearised.map((arm): ArmEstimate => ({ mean: arm.outcome, variance: arm.outcomeVariance / arm.n }));
  const adjusted = linearised.map(
    (arm): ArmEstimate => ({
      mean: arm.outcome - theta * (arm.covariate - pooledCovariate),
      variance: Math.max(0, arm.outcomeVariance - 2 * theta * arm.covariance + theta * theta * arm.covariateVariance) / arm.n,
    }),
  );
  const total = (arms: readonly ArmEstimate[]) => arms.reduce((sum, arm) => sum + arm.variance, 0);
  const before = total(unadjusted);
  return { applied: true, theta, varianceReduction: before > 0 ? 1 - total(adjusted) / before : 0, usersWithPrePeriod, arms: adjusted, unadjusted };
}
