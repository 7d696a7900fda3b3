/**
 * Thompson sampling for traffic allocation: each arm gets traffic in proportion to the posterior
 * probability that it is the best, so a clearly losing variant is starved quickly while a close
 * race keeps exploring. Pure: the same arms and seed always give the same weights.
 */

import { Random } from '@/lib/math/random';
import { type BetaParameters, betaPosterior, type BinomialCounts, UNIFORM_PRIOR } from './bayes';
import { sampleBeta } from './sampling';

export const DEFAULT_THOMPSON_DRAWS = 10_000;
/** Every arm keeps at least this share, so a bad early streak cannot starve an arm of the data that would redeem it. */
export const DEFAULT_WEIGHT_FLOOR = 0.01;
/** Users every arm needs before allocation follows the posteriors: the first few hundred clicks are mostly noise. */
export const DEFAULT_BURN_IN = 100;

export interface BanditArm extends BinomialCounts {
  /** Users assigned so far, for the burn-in; when absent, impressions are counted instead. */
  users?: number;
}

export interface ThompsonOptions {
  /** Seed for the posterior draws; derive it from the experiment and the update (e.g. its date) so a rerun repeats. */
  seed: number;
  draws?: number;
  floor?: number;
  burnIn?: number;
  prior?: BetaParameters;
}

export interface ThompsonResult {
  /** New traffic weights, summing to 1, each at least the floor. */
  weights: number[];
  /** Monte Carlo estimate of P(arm has the highest rate), from `draws` joint posterior draws. */
  probabilityBest: number[];
  /** True while some arm is below the burn-in, when the weights stay equal. */
  burningIn: boolean;
}

export function thompsonWeights(
  arms: readonly BanditArm[],
  { seed, draws = DEFAULT_THOMPSON_DRAWS, floor = DEFAULT_WEIGHT_FLOOR, burnIn = DEFAULT_BURN_IN, prior = UNIFORM_PRIOR }: ThompsonOptions,
): ThompsonResult {
  const k = arms.length;
  if (k === 0) throw new RangeError('a bandit needs at least one arm');
  if (!(Number.isInteger(draws) && draws > 0)) throw new RangeError(`draws must be a positive integer, got ${draws}`);
  if (!(floor >= 0 && floor * k <= 1)) throw new RangeError(`a floor of ${floor} cannot hold for ${k} arms`);

  const probabilityBest = estimateProbabilityBest(arms.map((arm) => betaPosterior(arm, prior)), draws, seed);
  const burningIn = arms.some((arm) => (arm.users ?? arm.impressions) < burnIn);
  if (burningIn) return { weights: new Array<number>(k).fill(1 / k), probabilityBest, burningIn };
  // floor + (1 − k·floor)·p: every arm keeps the floor, the rest follows the posterior, and the sum stays 1
  // (clamping to the floor and renormalising would push clamped arms back below it).
  const weights = probabilityBest.map((p) => floor + (1 - k * floor) * p);
  return { weights, probabilityBest, burningIn };
}

/** The share of joint posterior draws in which each arm comes out on top. */
function estimateProbabilityBest(posteriors: readonly BetaParameters[], draws: number, seed: number): number[] {
  const random = new Random(seed);
  const wins = new Array<number>(posteriors.length).fill(0);
  for (let draw = 0; draw < draws; draw++) {
    let best = 0;
    let bestValue = -Infinity;
    posteriors.forEach((posterior, arm) => {
      const value = sampleBeta(random, posterior.a, posterior.b);
      if (value > bestValue) {
        bestValue = value;
        best = arm;
      }
    });
    wins[best]! += 1;
  }
  return wins.map((count) => count / draws);
}
