import { describe, expect, it } from 'vitest';
import { betaPosterior, chanceToBeatControl, probabilityBetaExceeds, type BetaParameters } from './bayes';
import { logBeta } from './special-functions';

/**
 * Independent check: for integer x.a, P(X > Y) = Σ_{i < x.a} B(y.a + i, y.b + x.b) /
 * ((x.b + i)·B(1 + i, x.b)·B(y.a, y.b)) (Evan Miller's closed form), summed term by term.
 */
function closedForm(x: BetaParameters, y: BetaParameters): number {
  let sum = 0;
  for (let i = 0; i < x.a; i++) {
    sum += Math.exp(logBeta(y.a + i, y.b + x.b) - Math.log(x.b + i) - logBeta(1 + i, x.b) - logBeta(y.a, y.b));
  }
  return sum;
}

describe('Bayesian chance to beat control', () => {
  it('reproduces the reference value for 575/10,000 against 520/10,000', () => {
    const chance = chanceToBeatControl({ clicks: 575, impressions: 10_000 }, { clicks: 520, impressions: 10_000 });
    expect(Number(chance.toPrecision(4))).toBe(0.9563);
    expect(chance).toBeCloseTo(closedForm({ a: 576, b: 9426 }, { a: 521, b: 9481 }), 10);
  });

  it('agrees with the closed form across shapes', () => {
    const cases: [BetaParameters, BetaParameters][] = [
      [{ a: 1, b: 1 }, { a: 1, b: 1 }],
      [{ a: 1, b: 1 }, { a: 1, b: 3 }],
      [{ a: 3, b: 20 }, { a: 1, b: 5 }],
      [{ a: 50, b: 30 }, { a: 40, b: 45 }],
      [{ a: 2, b: 100_000 }, { a: 10, b: 100_000 }],
    ];
    for (const [x, y] of cases) expect(probabilityBetaExceeds(x, y)).toBeCloseTo(closedForm(x, y), 10);
  });

  it('is symmetric and complementary', () => {
    const x = { a: 12.5, b: 80.25 };
    const y = { a: 15, b: 70 };
    expect(probabilityBetaExceeds(x, y) + probabilityBetaExceeds(y, x)).toBeCloseTo(1, 10);
    // Shapes below 1 (a Jeffreys prior without data) put singularities at the ends; still close.
    expect(probabilityBetaExceeds({ a: 0.5, b: 0.5 }, { a: 0.5, b: 0.5 })).toBeCloseTo(0.5, 6);
  });

  it('updates a prior by the counts', () => {
    expect(betaPosterior({ clicks: 3, impressions: 10 })).toEqual({ a: 4, b: 8 });
    expect(betaPosterior({ clicks: 3, impressions: 10 }, { a: 2, b: 5 })).toEqual({ a: 5, b: 12 });
    expect(() => betaPosterior({ clicks: 11, impressions: 10 })).toThrow(RangeError);
  });
});
