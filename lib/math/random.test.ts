import { describe, expect, it } from 'vitest';
import { AliasTable, Random, WeightedChoice } from './random';

const draws = (random: Random, count: number) => Array.from({ length: count }, () => random.next());

describe('Random', () => {
  it('repeats its sequence for the same seed and stream', () => {
    expect(draws(new Random(7), 100)).toEqual(draws(new Random(7), 100));
    expect(draws(new Random(7, 3), 100)).toEqual(draws(new Random(7, 3), 100));
  });

  it('differs across seeds, streams and seeds beyond 32 bits', () => {
    const base = draws(new Random(7), 10);
    expect(draws(new Random(8), 10)).not.toEqual(base);
    expect(draws(new Random(7, 1), 10)).not.toEqual(base);
    expect(draws(new Random(7 + 2 ** 32), 10)).not.toEqual(base);
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const values = draws(new Random(1), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean(values)).toBeCloseTo(0.5, 2);
  });

  it('draws integers covering exactly [0, n)', () => {
    const random = new Random(2);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[random.int(6)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(9_500);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('draws normals with the requested mean and spread', () => {
    const random = new Random(3);
    const values = Array.from({ length: 100_000 }, () => random.normal(2, 3));
    expect(mean(values)).toBeCloseTo(2, 1);
    expect(Math.sqrt(mean(values.map((v) => (v - 2) ** 2)))).toBeCloseTo(3, 1);
  });

  it('shuffles in place into a permutation and picks members', () => {
    const random = new Random(5);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = random.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items).toContain(random.pick(items));
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe('AliasTable', () => {
  it('samples indices in proportion to their weights', () => {
    const weights = [1, 0, 5, 2, 0.5, 11.5];
    const table = new AliasTable(weights);
    const random = new Random(6);
    const counts = new Array<number>(weights.length).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[table.sample(random)]! += 1;
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((weight, i) => expect(counts[i]! / n).toBeCloseTo(weight / total, 2));
    expect(counts[1]).toBe(0);
  });

  it('handles a single weight and rejects unusable ones', () => {
    expect(new AliasTable([3]).sample(new Random(1))).toBe(0);
    expect(() => new AliasTable([])).toThrow(RangeError);
    expect(() => new AliasTable([0, 0])).toThrow(RangeError);
    expect(() => new AliasTable([1, -1])).toThrow(RangeError);
    expect(() => new AliasTable([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('WeightedChoice', () => {
  it('hands back options in proportion to their weights', () => {
    const choice = new WeightedChoice([
      { value: 'rare', weight: 1 },
      { value: 'common', weight: 3 },
    ]);
    const random = new Random(7);
    const picks = Array.from({ length: 40_000 }, () => choice.pick(random));
    expect(picks.filter((pick) => pick === 'common').length / picks.length).toBeCloseTo(0.75, 1);
  });
});

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
