/**
 * The distributions the tests need: normal, Student t, chi-square and beta. CDFs come from the
 * incomplete gamma and beta functions, quantiles from a rational first guess refined against the
 * CDF, so every value is accurate to about 1e-12 or better.
 */

import { logBeta, regularizedGammaP, regularizedGammaQ, regularizedIncompleteBeta } from './special-functions';

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

/**
 * Φ(x). erfc(z) = Q(½, z²), so each half is the upper tail of a Gamma(½) variable: the lower
 * tail keeps full relative accuracy far out (Φ(−30) ≈ 5e-198), rather than rounding to 0 near −8.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const halfSquare = 0.5 * x * x;
  return x < 0 ? 0.5 * regularizedGammaQ(0.5, halfSquare) : 0.5 + 0.5 * regularizedGammaP(0.5, halfSquare);
}

/** 1 − Φ(x), without the cancellation of computing it that way for large x. */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

/** Acklam's rational approximation of Φ⁻¹: relative error below 1.2e-9, refined below. */
const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
/** Below this probability (and above its complement) Acklam's tail approximation takes over from the central one. */
const ACKLAM_TAIL = 0.02425;

/** Φ⁻¹(p) for 0 < p < 1 (±∞ at 0 and 1). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must lie in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // 1 − p is exact for p ≥ ½, and solving in the lower tail keeps the refinement below accurate.
  if (p > 0.5) return -normalQuantile(1 - p);
  const guess = acklamQuantile(p);
  // One Halley step against the accurate CDF takes Acklam's 1e-9 to the precision of the CDF itself.
  const error = normalCdf(guess) - p;
  const step = error * SQRT_TWO_PI * Math.exp(0.5 * guess * guess);
  return guess - step / (1 + 0.5 * guess * step);
}

function acklamQuantile(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  if (p < ACKLAM_TAIL || p > 1 - ACKLAM_TAIL) {
    // In the tails, a rational function of √(−2 ln q), q the smaller tail.
    const q = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
    const x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    return p < 0.5 ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, 2 * normalSurvival(Math.abs(z)));
}

/**
 * P(T ≤ t) for Student's t with `degreesOfFreedom` > 0 (Infinity gives the normal). The tail
 * beyond |t| is ½·I_{ν/(ν+t²)}(ν/2, ½).
 */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  checkDegreesOfFreedom(degreesOfFreedom);
  if (Number.isNaN(t)) return NaN;
  if (degreesOfFreedom === Infinity) return normalCdf(t);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * tTailIncompleteBeta(t, degreesOfFreedom);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|). */
export function twoSidedTPValue(t: number, degreesOfFreedom: number): number {
  checkDegreesOfFreedom(degreesOfFreedom);
  if (degreesOfFreedom === Infinity) return twoSidedNormalPValue(t);
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return tTailIncompleteBeta(t, degreesOfFreedom);
}

/** P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½), with 1 − x passed as t²/(ν + t²): for small t, x is 1 to many digits. */
function tTailIncompleteBeta(t: number, degreesOfFreedom: number): number {
  const square = t * t;
  const total = degreesOfFreedom + square;
  return regularizedIncompleteBeta(degreesOfFreedom / total, 0.5 * degreesOfFreedom, 0.5, square / total);
}

/**
 * The t quantile, by bisection on the CDF. The CDF is monotone, so bisection cannot miss; 60-odd
 * halvings reach double precision, cheap next to everything else an analysis does.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  checkDegreesOfFreedom(degreesOfFreedom);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must lie in [0, 1], got ${p}`);
  if (degreesOfFreedom === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // By symmetry, solve for the upper half only.
  if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom);
  let low = 0;
  // t quantiles lie outside the normal ones, so the normal quantile is a lower bound to grow the bracket from.
  let high = Math.max(1, 2 * normalQuantile(p));
  while (studentTCdf(high, degreesOfFreedom) < p) {
    low = high;
    high *= 2;
  }
  for (let iteration = 0; iteration < 200 && high - low > 4 * Number.EPSILON * high; iteration++) {
    const middle = 0.5 * (low + high);
    if (studentTCdf(middle, degreesOfFreedom) < p) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

function checkDegreesOfFreedom(degreesOfFreedom: number): void {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`degrees of freedom must be positive, got ${degreesOfFreedom}`);
}

/** P(X ≥ x) for a chi-square variable with `degreesOfFreedom`: Q(k/2, x/2). */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  checkDegreesOfFreedom(degreesOfFreedom);
  if (x <= 0) return 1;
  return regularizedGammaQ(0.5 * degreesOfFreedom, 0.5 * x);
}

/** P(X ≤ x) for a chi-square variable with `degreesOfFreedom`. */
export function chiSquareCdf(x: number, degreesOfFreedom: number): number {
  checkDegreesOfFreedom(degreesOfFreedom);
  if (x <= 0) return 0;
  return regularizedGammaP(0.5 * degreesOfFreedom, 0.5 * x);
}

/** P(X ≤ x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return regularizedIncompleteBeta(x, a, b);
}

/** ln of the Beta(a, b) density at 0 < x < 1; in log space because posteriors over thousands of users overflow otherwise. */
export function betaLogPdf(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1)) return -Infinity;
  // A unit exponent contributes nothing, even at the endpoint where its logarithm is −∞.
  const leftTerm = a === 1 ? 0 : (a - 1) * Math.log(x);
  const rightTerm = b === 1 ? 0 : (b - 1) * Math.log1p(-x);
  return leftTerm + rightTerm - logBeta(a, b);
}
