import { describe, expect, it } from 'vitest';
import { holmBonferroni } from './multiple';

describe('Holm–Bonferroni', () => {
  it('matches a hand-computed example, in input order', () => {
    // Sorted: 0.005·4 = 0.02; 0.01·3 = 0.03; 0.03·2 = 0.06; 0.04·1 = 0.04 → raised to 0.06 by monotonicity.
    const adjusted = holmBonferroni([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    adjusted.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 15));
  });

  it('caps at 1 and keeps the order of the raw p-values', () => {
    const raw = [0.5, 0.2, 0.9, 0.01, 0.3];
    const adjusted = holmBonferroni(raw);
    expect(adjusted[2]).toBe(1);
    expect(adjusted.every((value, i) => value >= raw[i]! && value <= 1)).toBe(true);
    const order = raw.map((_, i) => i).sort((a, b) => raw[a]! - raw[b]!);
    for (let rank = 1; rank < order.length; rank++) expect(adjusted[order[rank]!]!).toBeGreaterThanOrEqual(adjusted[order[rank - 1]!]!);
  });

  it('leaves a single comparison alone', () => {
    expect(holmBonferroni([0.04])).toEqual([0.04]);
    expect(holmBonferroni([])).toEqual([]);
  });
});
