import { describe, expect, it } from 'vitest';
import { insertExploration } from './exploration';
import type { ExplorationOptions, ItemFacts, ListEntry, Placement } from './types';

const ranked = (length: number): ListEntry[] => Array.from({ length }, (_, item) => ({ item, score: length - item, placement: 'ranked' }));
const items = (list: readonly ListEntry[]) => list.map((entry) => entry.item);
const explored = (list: readonly ListEntry[]) => list.filter((entry) => entry.placement === 'explore').map((entry) => entry.item);
const explorePositions = (list: readonly ListEntry[]) => list.flatMap((entry, index) => (entry.placement === 'explore' ? [index + 1] : []));
const pool = [100, 101, 102, 103, 104, 105];
const options = (share: number, seed = 1, from: readonly number[] = pool): ExplorationOptions => ({ share, pool: from, seed });

describe('insertExploration', () => {
  it('inserts round(share × count) pool items, best first, replacing the lowest-ranked entries', () => {
    const result = insertExploration(ranked(12), 10, options(0.2));
    expect(result).toHaveLength(10);
    expect(explored(result)).toEqual([100, 101]);
    // The ranked entries keep their order; the two lowest of the page (8 and 9) give way.
    expect(result.filter((entry) => entry.placement === 'ranked').map((entry) => entry.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('inserts at least one item for any positive share, none for 0, and at most half the page', () => {
    expect(explored(insertExploration(ranked(10), 10, options(0.01)))).toHaveLength(1);
    expect(insertExploration(ranked(10), 10, options(0))).toEqual(ranked(10));
    expect(explored(insertExploration(ranked(10), 10, options(0.9)))).toHaveLength(5);
  });

  it('never uses position 1, for any seed', () => {
    for (let seed = 0; seed < 300; seed++) {
      const result = insertExploration(ranked(4), 4, options(0.5, seed));
      expect(result[0]).toEqual(ranked(4)[0]);
      expect(explored(result)).toHaveLength(2);
    }
  });

  it('places items at positions fixed by the seed, spread over the page across seeds', () => {
    expect(insertExploration(ranked(10), 10, options(0.3, 42))).toEqual(insertExploration(ranked(10), 10, options(0.3, 42)));
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) for (const position of explorePositions(insertExploration(ranked(10), 10, options(0.1, seed)))) seen.add(position);
    expect([...seen].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('skips pool items already in the list and stops when the pool runs out', () => {
    const result = insertExploration(ranked(10), 10, options(0.3, 1, [3, 100, 7]));
    expect(explored(result)).toEqual([100]);
    expect(items(result).filter((item) => item === 3)).toHaveLength(1);
    expect(insertExploration(ranked(10), 10, options(0.3, 1, [1, 2]))).toEqual(ranked(10));
  });

  it('puts the better pool item in the higher slot and gives each the score of the entry above', () => {
    const result = insertExploration(ranked(10), 10, options(0.3, 7));
    const positions = explorePositions(result);
    expect(explored(result)).toEqual([100, 101, 102]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const position of positions) expect(result[position - 1]!.score).toBe(result[position - 2]!.score);
  });

  it('adds to a short page without displacing anyone', () => {
    const result = insertExploration(ranked(3), 10, options(0.2));
    expect(result).toHaveLength(5);
    expect(result.filter((entry) => entry.placement === 'ranked')).toEqual(ranked(3));
  });

  it('never displaces curated entries, inserting fewer when only they remain', () => {
    const curated = (placement: Placement) => (entry: ListEntry, index: number): ListEntry => (index > 0 ? { ...entry, placement } : entry);
    const boostedTail = ranked(5).map((entry, index) => (index === 4 ? { ...entry, placement: 'boosted' as const } : entry));
    const result = insertExploration(boostedTail, 5, options(0.2));
    expect(items(result).filter((item) => item < 100)).toEqual([0, 1, 2, 4]);
    expect(explored(insertExploration(ranked(5).map(curated('pinned')), 5, options(0.5)))).toEqual([]);
  });

  it('spreads its picks over categories when facts are given', () => {
    const facts: ItemFacts = { id: String, category: (item) => (item < 103 ? 'a' : 'b'), tags: () => [] };
    expect(explored(insertExploration(ranked(10), 10, options(0.2), facts))).toEqual([100, 103]);
    expect(explored(insertExploration(ranked(10), 10, options(0.4), facts))).toEqual([100, 103, 101, 102]);
  });
});
