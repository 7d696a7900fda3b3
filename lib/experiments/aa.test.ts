import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { assignUser, type AssignableExperiment } from './assignment';
import { compareRatios, DEFAULT_ALPHA, sampleBeta, sampleRatioMismatch, summariseRatio, type Comparison, type RatioObservation } from './stats';
import { LAYER_SLOTS } from './types';

/**
 * The guarantee behind every experiment readout: with no real difference, the analysis calls a
 * difference significant no more often than α; with a real one, it finds it. Users go through the
 * real assignment function and their per-user (clicks, impressions) sums through the same ratio
 * comparison and SRM check the results API uses. Every run is seeded, so the test is exact.
 */

const RUNS = 20;
const USERS_PER_RUN = 2_000;
const ITEMS_PER_LIST = 10;
// Per-user latent CTR ~ Beta(2, 38): mean 5%, with users who almost never click and a few who click a lot.
const CTR_ALPHA = 2;
const CTR_BETA = 38;
/** Lists per user: 1 + a geometric count, mean 5, so impressions vary per user as in real traffic. */
const MORE_LISTS = 0.8;

interface Arm {
  users: RatioObservation[];
}

/** One experiment: users assigned by hash, each shown lists and clicking at their own rate (times `lift` in the treatment). */
function simulate(seed: number, users: number, treatmentLift: number): { control: Arm; treatment: Arm } {
  const experiment: AssignableExperiment = { layer: 'feed', slots: { start: 0, count: LAYER_SLOTS }, seed: `aa-${seed}`, targeting: 'all', weights: [0.5, 0.5] };
  const random = new Random(seed);
  const arms: [Arm, Arm] = [{ users: [] }, { users: [] }];
  for (let index = 0; index < users; index++) {
    const assignment = assignUser([experiment], { id: `user-${seed}-${index}`, isNew: false, attributes: {} });
    if (!assignment) throw new Error('full coverage assigns everyone');
    const rate = Math.min(1, sampleBeta(random, CTR_ALPHA, CTR_BETA) * (assignment.variant === 1 ? treatmentLift : 1));
    let lists = 1;
    while (random.chance(MORE_LISTS)) lists++;
    const impressions = lists * ITEMS_PER_LIST;
    let clicks = 0;
    for (let shown = 0; shown < impressions; shown++) if (random.chance(rate)) clicks++;
    arms[assignment.variant]!.users.push({ numerator: clicks, denominator: impressions });
  }
  return { control: arms[0], treatment: arms[1] };
}

function analyse({ control, treatment }: { control: Arm; treatment: Arm }): { comparison: Comparison; srmMismatch: boolean } {
  return {
    comparison: compareRatios(summariseRatio(treatment.users), summariseRatio(control.users)),
    srmMismatch: sampleRatioMismatch([control.users.length, treatment.users.length], [0.5, 0.5]).mismatch,
  };
}

describe('A/A guarantee', () => {
  it('finds no significant difference in at least 19 of 20 seeded A/A runs, and no SRM', () => {
    const results = Array.from({ length: RUNS }, (_, run) => analyse(simulate(run + 1, USERS_PER_RUN, 1)));
    const significant = results.filter((result) => result.comparison.absolute.pValue < DEFAULT_ALPHA);
    expect(significant.length).toBeLessThanOrEqual(1);
    expect(results.filter((result) => result.srmMismatch)).toEqual([]);
    // Calibration, not just a lucky zero: p-values spread over (0, 1) rather than piling up at 1.
    const pValues = results.map((result) => result.comparison.absolute.pValue).sort((a, b) => a - b);
    expect(pValues[Math.floor(RUNS / 2)]!).toBeGreaterThan(0.2);
    expect(pValues[Math.floor(RUNS / 2)]!).toBeLessThan(0.8);
  });

  it('detects a real +20% CTR lift with 4,000 users per arm', () => {
    const arms = simulate(101, 8_000, 1.2);
    expect(Math.abs(arms.control.users.length - 4_000)).toBeLessThan(200);
    const { comparison, srmMismatch } = analyse(arms);
    expect(srmMismatch).toBe(false);
    expect(comparison.absolute.pValue).toBeLessThan(DEFAULT_ALPHA);
    expect(comparison.relative.ci[0]).toBeGreaterThan(0);
    expect(comparison.relative.ci[0]).toBeLessThan(0.2);
    expect(comparison.relative.ci[1]).toBeGreaterThan(0.2);
  });
});
