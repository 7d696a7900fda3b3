/**
 * Bayesian chance to beat control for conversion-style metrics (clicks per impression), from
 * Beta posteriors. For ratio and mean metrics the normal approximation in `normalChanceToBeat` is
 * used instead; for proportions with small counts it is visibly off, hence the exact route here.
 */

import { betaCdf, betaLogPdf } from './distributions';

/** Parameters of a Beta(a, b) distribution. */
export interface BetaParameters {
  a: number;
  b: number;
}

/** Successes out of trials, e.g. a variant's clicks out of its impressions. */
export interface BinomialCounts {
  clicks: number;
  impressions: number;
}

/** Beta(1, 1): every rate equally likely before any data. */
export const UNIFORM_PRIOR: Readonly<BetaParameters> = { a: 1, b: 1 };

/** Conjugate update: Beta(a + clicks, b + impressions − clicks). */
export function betaPosterior({ clicks, impressions }: BinomialCounts, prior: BetaParameters = UNIFORM_PRIOR): BetaParameters {
  if (!(clicks >= 0 && impressions >= clicks)) throw new RangeError(`need 0 ≤ clicks ≤ impressions, got ${clicks} of ${impressions}`);
  if (!(prior.a > 0 && prior.b > 0)) throw new RangeError('a Beta prior needs positive parameters');
  return { a: prior.a + clicks, b: prior.b + impressions - clicks };
}

/** P(treatment's rate > control's) under independent Beta posteriors (uniform prior unless given). */
export function chanceToBeatControl(treatment: BinomialCounts, control: BinomialCounts, prior: BetaParameters = UNIFORM_PRIOR): number {
  return probabilityBetaExceeds(betaPosterior(treatment, prior), betaPosterior(control, prior));
}

/** Integrate this many standard deviations either side of the mean: the Beta tails beyond are far below 1e-12. */
const SUPPORT_STANDARD_DEVIATIONS = 40;
/**
 * Adaptive Simpson starts from this many panels so that a posterior peak, a few percent of the
 * integration range wide, is sampled from the start rather than stepped over.
 */
const INITIAL_PANELS = 32;
const ABSOLUTE_TOLERANCE = 1e-11;
const MAX_DEPTH = 40;

/**
 * P(X > Y) for independent X ~ Beta(x.a, x.b), Y ~ Beta(y.a, y.b): ∫ f_X(t)·F_Y(t) dt, by adaptive
 * Simpson quadrature over where X has its mass. Deterministic and accurate to about 1e-10 for
 * shapes ≥ 1 (any data under a uniform or stronger prior); shapes below 1 put integrable
 * singularities at the ends and are accurate to about 1e-6.
 */
export function probabilityBetaExceeds(x: BetaParameters, y: BetaParameters): number {
  const total = x.a + x.b;
  const mean = x.a / total;
  const sd = Math.sqrt((x.a * x.b) / (total * total * (total + 1)));
  const lower = Math.max(0, mean - SUPPORT_STANDARD_DEVIATIONS * sd);
  const upper = Math.min(1, mean + SUPPORT_STANDARD_DEVIATIONS * sd);
  const integrand = (t: number): number => {
    const value = Math.exp(betaLogPdf(t, x.a, x.b)) * betaCdf(t, y.a, y.b);
    // At a singular endpoint the density is infinite; the integral is finite, so the point itself may count as 0.
    return Number.isFinite(value) ? value : 0;
  };
  const probability = integrate(integrand, lower, upper);
  return Math.min(1, Math.max(0, probability));
}

function integrate(f: (t: number) => number, lower: number, upper: number): number {
  const width = (upper - lower) / INITIAL_PANELS;
  const tolerance = ABSOLUTE_TOLERANCE / INITIAL_PANELS;
  let sum = 0;
  for (let panel = 0; panel < INITIAL_PANELS; panel++) {
    const a = lower + panel * width;
    const b = panel === INITIAL_PANELS - 1 ? upper : a + width;
    const fa = f(a);
    const fm = f(0.5 * (a + b));
    const fb = f(b);
    sum += simpsonStep(f, a, b, fa, fm, fb, ((b - a) / 6) * (fa + 4 * fm + fb), tolerance, MAX_DEPTH);
  }
  return sum;
}

/** One level of adaptive Simpson: split while the two halves disagree with the whole by more than the tolerance allows. */
function simpsonStep(
  f: (t: number) => number,
  a: number,
  b: number,
  fa: number,
  fm: number,
  fb: number,
  whole: number,
  tolerance: number,
  depth: number,
): number {
  const middle = 0.5 * (a + b);
  const leftMiddle = 0.5 * (a + middle);
  const rightMiddle = 0.5 * (middle + b);
  const fLeft = f(leftMiddle);
  const fRight = f(rightMiddle);
  const left = ((middle - a) / 6) * (fa + 4 * fLeft + fm);
  const right = ((b - middle) / 6) * (fm + 4 * fRight + fb);
  const error = left + right - whole;
  // Richardson: the error of the halves is about a fifteenth of their difference from the whole.
  if (depth <= 0 || Math.abs(error) <= 15 * tolerance) return left + right + error / 15;
  return (
    simpsonStep(f, a, middle, fa, fLeft, fm, left, tolerance / 2, depth - 1) +
    simpsonStep(f, middle, b, fm, fRight, fb, right, tolerance / 2, depth - 1)
  );
}
