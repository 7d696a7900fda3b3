/**
 * CUPED by simulation: users carry a lasting propensity that shows in both their pre-period and their
 * outcome, as real users' history predicts their behaviour. Two claims, each from a fixed seed:
 * - the adjusted interval is narrower: with a covariate correlated at ρ = 0.7 the fixed-horizon
 *   interval's width falls to √(1 − ρ²) ≈ 0.71 of the unadjusted one;
 * - it stays valid: in A/A experiments the adjusted intervals (absolute and relative) exclude 0 at
 *   most α + 0.01 of the time, at one fixed-horizon look of 500–1,500 users per arm and over 20
 *   always-valid looks of 50–150 new users per arm each (relative-lift.aa.test.ts's protocol, at half
 *   the look size to keep this test quick).
 * A share of users is new, with no pre-period at all, as on a live site.
 */

import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { cuped, CupedArm } from './cuped';
import { type ArmEstimate, DEFAULT_ALPHA, type Estimate, normalEstimate, relativeLift } from './inference';
import { alwaysValidInference } from './sequential';
import { compareMeans } from './welch';

const REPLICATIONS = 2_000;
const WIDTH_REPLICATIONS = 200;
const LOOKS = 20;
/** The planned size results.ts gives the sequence (SEQUENTIAL_PLANNED_USERS), users across both arms. */
const PLANNED_USERS = 10_000;
const TOLERANCE = 0.01;
const CORRELATION = 0.7;
/** The pre-period is longer than the outcome's: two weeks of history against the days an experiment has run. */
const PRE_PERIODS = 6;

interface Scenario {
  name: string;
  kind: 'mean' | 'ratio';
  /** Draws one experiment's population, then adds one user to an arm per call. */
  population(random: Random): (random: Random, arm: CupedArm) => void;
}

/** Failures before the first success at probability p, by inversion. */
function geometric(random: Random, p: number): number {
  return Math.floor(Math.log(1 - random.next()) / Math.log(1 - p));
}

/** Geometric with the given mean, at least 1: impressions a user is shown in a period. */
function impressions(random: Random, mean: number): number {
  return 1 + geometric(random, 1 / mean);
}

/** Successes in `trials` at probability p, jumping from one success to the next (about 1 + trials·p draws rather than `trials`). */
function binomial(random: Random, trials: number, p: number): number {
  if (p <= 0) return 0;
  let successes = 0;
  for (let position = geometric(random, p); position < trials; position += 1 + geometric(random, p)) successes += 1;
  return successes;
}

const SCENARIOS: Scenario[] = [
  {
    // Bivariate normal with correlation 0.7: a shared latent part of variance ρ, independent noise of 1 − ρ.
    name: `engagement, ρ = ${CORRELATION}`,
    kind: 'mean',
    population: () => (draw, arm) => {
      const latent = draw.normal(0, Math.sqrt(CORRELATION));
      arm.addMean(10 + latent + draw.normal(0, Math.sqrt(1 - CORRELATION)), 10 + latent + draw.normal(0, Math.sqrt(1 - CORRELATION)));
    },
  },
  {
    // Propensities spread lognormally (a few users click far more than most), so a user's history says something.
    name: 'click-through, 30% new users',
    kind: 'ratio',
    population: (random) => {
      const rate = random.uniform(0.03, 0.1);
      return (draw, arm) => {
        const propensity = Math.min(0.9, rate * draw.lognormal(-0.72, 1.2));
        const clicks = (shown: number) => binomial(draw, shown, propensity);
        const shown = impressions(draw, 15);
        const preShown = draw.chance(0.3) ? 0 : impressions(draw, 15);
        arm.addRatio({ numerator: clicks(shown), denominator: shown, preNumerator: clicks(preShown), preDenominator: preShown });
      };
    },
  },
  {
    // 4–10% buy in a period, lognormal amounts; the pre-period spans several periods, a new user's is empty.
    name: 'skewed revenue, 30% new users',
    kind: 'mean',
    population: (random) => {
      const buyers = random.uniform(0.04, 0.1);
      return (draw, arm) => {
        const propensity = Math.min(1, buyers * draw.lognormal(-0.5, 1));
        const revenue = () => (draw.chance(propensity) ? draw.lognormal(3, 1.2) : 0);
        const outcome = revenue();
        let preRevenue = 0;
        if (!draw.chance(0.3)) for (let period = 0; period < PRE_PERIODS; period++) preRevenue += revenue();
        arm.addMean(outcome, preRevenue);
      };
    },
  },
];

type Arm = ArmEstimate & { n: number };

/** The fixed-horizon comparison as results.ts makes it: Welch for means, the normal interval for ratios. */
function fixedHorizon(kind: Scenario['kind'], treatment: Arm, control: Arm): Estimate {
  if (kind === 'mean') {
    const summary = ({ n, mean, variance }: Arm) => ({ n, mean, standardDeviation: Math.sqrt(variance * n) });
    return compareMeans(summary(treatment), summary(control)).absolute;
  }
  return normalEstimate(treatment.mean - control.mean, Math.sqrt(treatment.variance + control.variance));
}

/** The arms adjusted, and unadjusted for reference; null while too few users have a pre-period (results.ts then reports the unadjusted comparison, which relative-lift.aa.test.ts covers). */
function adjust(treatment: CupedArm, control: CupedArm): { adjusted: [Arm, Arm]; unadjusted: [Arm, Arm] } | null {
  const result = cuped([treatment, control]);
  if (!result.applied) return null;
  const arms = (estimates: ArmEstimate[]): [Arm, Arm] => [
    { ...estimates[0]!, n: treatment.n },
    { ...estimates[1]!, n: control.n },
  ];
  return { adjusted: arms(result.arms), unadjusted: arms(result.unadjusted) };
}

const width = ({ ci: [lower, upper] }: Estimate) => upper - lower;
const excludesZero = ({ ci: [lower, upper] }: Estimate) => lower > 0 || upper < 0;

function fillArms(scenario: Scenario, random: Random, addUser: (random: Random, arm: CupedArm) => void, users: number, arms: CupedArm[]): void {
  for (let i = 0; i < users; i++) for (const arm of arms) addUser(random, arm);
}

/** Mean over experiments of the adjusted interval's width over the unadjusted one's. */
function meanWidthRatio(scenario: Scenario, seed: number): number {
  const random = new Random(seed);
  let sum = 0;
  for (let run = 0; run < WIDTH_REPLICATIONS; run++) {
    const arms = [new CupedArm(), new CupedArm()];
    fillArms(scenario, random, scenario.population(random), 500 + random.int(1_001), arms);
    const adjustment = adjust(arms[0]!, arms[1]!);
    if (!adjustment) throw new Error(`CUPED did not apply to ${scenario.name}`);
    sum += width(fixedHorizon(scenario.kind, ...adjustment.adjusted)) / width(fixedHorizon(scenario.kind, ...adjustment.unadjusted));
  }
  return sum / WIDTH_REPLICATIONS;
}

interface Rates {
  absolute: number;
  relative: number;
}

function fixedHorizonRates(scenario: Scenario, seed: number): Rates {
  const random = new Random(seed);
  const rejected = { absolute: 0, relative: 0 };
  for (let run = 0; run < REPLICATIONS; run++) {
    const arms = [new CupedArm(), new CupedArm()];
    fillArms(scenario, random, scenario.population(random), 500 + random.int(1_001), arms);
    const adjustment = adjust(arms[0]!, arms[1]!);
    if (!adjustment) throw new Error(`CUPED did not apply to ${scenario.name}`);
    const absolute = fixedHorizon(scenario.kind, ...adjustment.adjusted);
    if (excludesZero(absolute)) rejected.absolute += 1;
    if (excludesZero(relativeLift(...adjustment.adjusted, absolute))) rejected.relative += 1;
  }
  return { absolute: rejected.absolute / REPLICATIONS, relative: rejected.relative / REPLICATIONS };
}

function alwaysValidRates(scenario: Scenario, seed: number): Rates {
  const random = new Random(seed);
  const rejected = { absolute: 0, relative: 0 };
  for (let run = 0; run < REPLICATIONS; run++) {
    const addUser = scenario.population(random);
    const arms = [new CupedArm(), new CupedArm()];
    let absolute = false;
    let relative = false;
    for (let look = 0; look < LOOKS; look++) {
      fillArms(scenario, random, addUser, 50 + random.int(101), arms);
      const adjustment = adjust(arms[0]!, arms[1]!);
      // With no click or sale yet in control there is no lift to report (the results page says insufficient data).
      if (!adjustment || !(adjustment.adjusted[1].mean > 0)) continue;
      const [treatment, control] = adjustment.adjusted;
      const sequential = alwaysValidInference({ estimate: treatment.mean - control.mean, se: Math.sqrt(treatment.variance + control.variance), n: treatment.n + control.n, plannedSampleSize: PLANNED_USERS });
      absolute ||= excludesZero(sequential);
      relative ||= excludesZero(relativeLift(treatment, control, sequential));
    }
    if (absolute) rejected.absolute += 1;
    if (relative) rejected.relative += 1;
  }
  return { absolute: rejected.absolute / REPLICATIONS, relative: rejected.relative / REPLICATIONS };
}

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

describe('CUPED narrows the interval', () => {
  it(`to about √(1 − ρ²) with a covariate correlated at ρ = ${CORRELATION}`, () => {
    const ratio = meanWidthRatio(SCENARIOS[0]!, 3_000);
    console.info(`CUPED width ratio, ${SCENARIOS[0]!.name}: ${ratio.toFixed(3)} (√(1 − ρ²) = ${Math.sqrt(1 - CORRELATION ** 2).toFixed(3)})`);
    expect(ratio).toBeCloseTo(Math.sqrt(1 - CORRELATION ** 2), 1);
  });

  it.each(SCENARIOS.slice(1, 2))('on $name, where history predicts behaviour', (scenario) => {
    const ratio = meanWidthRatio(scenario, 3_001);
    console.info(`CUPED width ratio, ${scenario.name}: ${ratio.toFixed(3)}`);
    expect(ratio).toBeLessThan(0.95);
  });
});

describe(`CUPED in A/A experiments (${REPLICATIONS} per scenario, α = ${DEFAULT_ALPHA})`, () => {
  SCENARIOS.forEach((scenario, index) => {
    it(`${scenario.name}: fixed-horizon false-positive rate ≤ α + ${TOLERANCE}`, () => {
      const rates = fixedHorizonRates(scenario, 4_000 + index);
      console.info(`CUPED A/A ${scenario.name}, fixed-horizon: absolute ${percent(rates.absolute)}, relative ${percent(rates.relative)}`);
      expect(rates.absolute).toBeLessThanOrEqual(DEFAULT_ALPHA + TOLERANCE);
      expect(rates.relative).toBeLessThanOrEqual(DEFAULT_ALPHA + TOLERANCE);
    });

    it(`${scenario.name}: always-valid false-positive rate over ${LOOKS} looks ≤ α + ${TOLERANCE}`, () => {
      const rates = alwaysValidRates(scenario, 5_000 + index);
      console.info(`CUPED A/A ${scenario.name}, always-valid (${LOOKS} looks): absolute ${percent(rates.absolute)}, relative ${percent(rates.relative)}`);
      expect(rates.absolute).toBeLessThanOrEqual(DEFAULT_ALPHA + TOLERANCE);
      expect(rates.relative).toBeLessThanOrEqual(DEFAULT_ALPHA + TOLERANCE);
    });
  });
});
