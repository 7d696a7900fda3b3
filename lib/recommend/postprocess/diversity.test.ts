import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { diversify } from './diversity';
import type { DiversityOptions, ItemFacts, ListEntry } from './types';

const noFacts: ItemFacts = { id: (item) => `item-${item}`, category: () => null, tags: () => [] };
const withCategories = (categories: Record<number, string>): ItemFacts => ({ ...noFacts, category: (item) => categories[item] ?? null });

const entriesOf = (scores: number[]): ListEntry[] => scores.map((score, item) => ({ item, score, placement: 'ranked' }));
const items = (list: readonly ListEntry[]) => list.map((entry) => entry.item);
const relevanceOnly: DiversityOptions = { lambda: 1, maxPerCategory: null };

/** Items 0–4 are near-duplicates of each other; every other item is its own cluster. */
const nearDuplicates = (a: number, b: number) => (a === b ? 1 : a < 5 && b < 5 ? 0.99 : 0);

describe('diversify', () => {
  const scores = [1.0, 0.98, 0.96, 0.94, 0.92, 0.8, 0.7, 0.6, 0.5, 0.4];

  it('with λ = 1 or no similarity is plain score order, whatever the input order', () => {
    const shuffled = entriesOf(scores).reverse();
    const expected = [0, 1, 2, 3, 4, 5];
    expect(items(diversify(shuffled, 6, relevanceOnly, noFacts))).toEqual(expected);
    expect(items(diversify(shuffled, 6, { lambda: 1, maxPerCategory: null, similarity: nearDuplicates }, noFacts))).toEqual(expected);
    expect(items(diversify(shuffled, 6, { lambda: 0.3, maxPerCategory: null }, noFacts))).toEqual(expected);
  });

  it('with λ = 0.3 takes the best near-duplicate once, then the other clusters', () => {
    const result = diversify(entriesOf(scores), 5, { lambda: 0.3, maxPerCategory: null, similarity: nearDuplicates }, noFacts);
    expect(items(result)).toEqual([0, 5, 6, 7, 8]);
    // The entries themselves are passed through untouched.
    expect(result[1]).toEqual({ item: 5, score: 0.8, placement: 'ranked' });
  });

  it('returns to the duplicates only once the other clusters are used up', () => {
    expect(items(diversify(entriesOf(scores), 10, { lambda: 0.3, maxPerCategory: null, similarity: nearDuplicates }, noFacts))).toEqual([0, 5, 6, 7, 8, 9, 1, 2, 3, 4]);
  });

  it('treats equal scores as equally relevant and still diversifies', () => {
    const result = diversify(entriesOf([1, 1, 1, 1, 1, 1, 1]), 3, { lambda: 0.5, maxPerCategory: null, similarity: nearDuplicates }, noFacts);
    expect(items(result)).toEqual([0, 5, 6]);
  });

  it('caps a category at 2 when five of the best share it', () => {
    const facts = withCategories({ 0: 'a', 1: 'a', 2: 'a', 3: 'a', 4: 'a', 5: 'b', 6: 'c', 7: 'b' });
    expect(items(diversify(entriesOf(scores.slice(0, 8)), 5, { lambda: 1, maxPerCategory: 2 }, facts))).toEqual([0, 1, 5, 6, 7]);
  });

  it('fills from the capped leftovers in score order rather than returning fewer', () => {
    const facts = withCategories({ 0: 'a', 1: 'a', 2: 'a', 3: 'a', 4: 'a', 5: 'b' });
    const entries = entriesOf(scores.slice(0, 6));
    expect(items(diversify(entries, 5, { lambda: 1, maxPerCategory: 2 }, facts))).toEqual([0, 1, 5, 2, 3]);
    expect(items(diversify(entries, 5, { lambda: 0.3, maxPerCategory: 2, similarity: nearDuplicates }, facts))).toEqual([0, 5, 1, 2, 3]);
  });

  it('never caps items without a category', () => {
    expect(items(diversify(entriesOf([5, 4, 3, 2, 1]), 3, { lambda: 1, maxPerCategory: 1 }, noFacts))).toEqual([0, 1, 2]);
  });

  it('returns every entry when asked for more than there are, and none for a count of 0', () => {
    expect(diversify(entriesOf([1, 2]), 5, relevanceOnly, noFacts)).toHaveLength(2);
    expect(diversify(entriesOf([1, 2]), 0, relevanceOnly, noFacts)).toEqual([]);
  });

  it('is a prefix of any longer selection, which pagination relies on', () => {
    const facts = withCategories({ 0: 'a', 1: 'a', 2: 'a', 5: 'b', 6: 'b', 7: 'b' });
    const options: DiversityOptions = { lambda: 0.5, maxPerCategory: 1, similarity: nearDuplicates };
    const long = items(diversify(entriesOf(scores), 10, options, facts));
    for (let count = 1; count < 10; count++) expect(items(diversify(entriesOf(scores), count, options, facts))).toEqual(long.slice(0, count));
  });

  it('calls similarity at most count × entries times (1,000 entries, 100 picks)', () => {
    let calls = 0;
    const similarity = (a: number, b: number) => {
      calls += 1;
      return Math.cos(a - b);
    };
    const entries = entriesOf(Array.from({ length: 1_000 }, (_, i) => Math.sin(i * 12.9898) * 0.5));
    const started = performance.now();
    const result = diversify(entries, 100, { lambda: 0.5, maxPerCategory: null, similarity }, noFacts);
    expect(result).toHaveLength(100);
    expect(new Set(items(result)).size).toBe(100);
    expect(calls).toBeLessThanOrEqual(100 * 1_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

/** Plain greedy MMR, every open entry re-scored at every step: what the lazy selection must equal. */
function eagerMmr(entries: ListEntry[], wanted: number, lambda: number, similarity: (a: number, b: number) => number, categoryOf: (item: number) => string | null, maxPerCategory: number | null): number[] {
  const scores = entries.map((entry) => entry.score);
  const min = Math.min(...scores);
  const range = Math.max(...scores) - min;
  const relevance = scores.map((score) => (range > 0 ? (score - min) / range : 1));
  const order = entries.map((_, index) => index).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const taken = new Map<string, number>();
  const full = (index: number) => {
    const category = categoryOf(entries[index]!.item);
    return maxPerCategory !== null && category !== null && (taken.get(category) ?? 0) >= maxPerCategory;
  };
  const maxSimilarity = new Array<number>(entries.length).fill(0);
  const picked: number[] = [];
  while (picked.length < wanted) {
    let best = -1;
    let bestValue = -Infinity;
    for (const index of order) {
      if (picked.includes(index) || full(index)) continue;
      const value = lambda * relevance[index]! - (1 - lambda) * maxSimilarity[index]!;
      if (value > bestValue) [best, bestValue] = [index, value];
    }
    if (best < 0) break;
    picked.push(best);
    const category = categoryOf(entries[best]!.item);
    if (category !== null) taken.set(category, (taken.get(category) ?? 0) + 1);
    entries.forEach((entry, i) => {
      if (picked.includes(i)) return;
      const value = similarity(entry.item, entries[best]!.item);
      if (picked.length === 1 || value > maxSimilarity[i]!) maxSimilarity[i] = value;
    });
  }
  for (const index of order) if (picked.length < wanted && !picked.includes(index)) picked.push(index);
  return picked.map((index) => entries[index]!.item);
}

describe('lazy MMR', () => {
  it('selects exactly what re-scoring every entry at every step selects, ties and negative similarities included', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = new Random(seed);
      const n = 20 + Math.floor(random.next() * 100);
      const dims = 4;
      const vectors = Array.from({ length: n }, () => Array.from({ length: dims }, () => random.next() * 2 - 1));
      const similarity = (a: number, b: number) => vectors[a]!.reduce((sum, value, d) => sum + value * vectors[b]![d]!, 0);
      // Coarse scores make ties common.
      const entries = Array.from({ length: n }, (_, item): ListEntry => ({ item, score: Math.round(random.next() * 8) / 8, placement: 'ranked' }));
      const categories = Object.fromEntries(entries.map(({ item }) => [item, `c${Math.floor(random.next() * 4)}`]));
      const lambda = [0, 0.3, 0.7, 0.95][seed % 4]!;
      const maxPerCategory = seed % 3 === 0 ? 3 : null;
      const wanted = Math.min(n, 5 + (seed % 40));
      const lazy = items(diversify(entries, wanted, { lambda, maxPerCategory, similarity }, withCategories(categories)));
      expect(lazy, `seed ${seed}`).toEqual(eagerMmr(entries, wanted, lambda, similarity, (item) => categories[item] ?? null, maxPerCategory));
    }
  });
});
