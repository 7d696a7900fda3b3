/**
 * Gamma and Beta draws from the seeded generator, for Thompson sampling: decisions that move real
 * traffic must be reproducible from their seed.
 */

import { type Random } from '@/lib/math/random';

/** Gamma(shape, 1) by Marsaglia and Tsang's squeeze method (2000); shapes below 1 via Γ(a) = Γ(a + 1)·U^(1/a). */
export function sampleGamma(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`a gamma shape must be positive, got ${shape}`);
  if (shape < 1) return sampleGamma(random, shape + 1) * Math.pow(uniformOpenAtZero(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = random.normal();
    const cube = 1 + c * x;
    if (cube <= 0) continue;
    const v = cube * cube * cube;
    const u = uniformOpenAtZero(random);
    const xSquare = x * x;
    // The cheap squeeze accepts ~98% of draws; the logarithmic test decides the rest exactly.
    if (u < 1 - 0.0331 * xSquare * xSquare) return d * v;
    if (Math.log(u) < 0.5 * xSquare + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(random: Random, a: number, b: number): number {
  const x = sampleGamma(random, a);
  const y = sampleGamma(random, b);
  const total = x + y;
  // Both draws underflow only for tiny shapes, where Beta(a, b) sits at 1 with probability a / (a + b) and at 0 otherwise.
  if (total === 0) return random.chance(a / (a + b)) ? 1 : 0;
  return x / total;
}

/** Uniform in (0, 1]: a logarithm or a root of it stays finite. */
function uniformOpenAtZero(random: Random): number {
  return 1 - random.next();
}
