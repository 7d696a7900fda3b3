import { describe, expect, it } from 'vitest';
import { applyBlocks, applyBoosts, isBlocked, placePins } from './curation';
import type { CurationDirective, ItemFacts, ListEntry } from './types';

interface Fact {
  category?: string;
  tags?: string[];
}

function factsFrom(facts: Record<number, Fact>): ItemFacts {
  return { id: (item) => `item-${item}`, category: (item) => facts[item]?.category ?? null, tags: (item) => facts[item]?.tags ?? [] };
}

const ranked = (...scores: number[]): ListEntry[] => scores.map((score, item) => ({ item, score, placement: 'ranked' }));
const items = (list: readonly ListEntry[]) => list.map((entry) => entry.item);
const block = (targetType: CurationDirective['targetType'], target: string): CurationDirective => ({ kind: 'block', targetType, target, position: null, boost: null });
const boost = (targetType: CurationDirective['targetType'], target: string, multiplier: number): CurationDirective => ({ kind: 'boost', targetType, target, position: null, boost: multiplier });

describe('applyBlocks', () => {
  const facts = factsFrom({ 0: { category: 'books', tags: ['adult'] }, 1: { category: 'films' }, 2: { category: 'books', tags: ['new', 'adult'] }, 3: { tags: ['new'] }, 4: { category: 'films' } });
  const entries = ranked(5, 4, 3, 2, 1);

  it('removes exactly the items carrying a blocked tag, keeping the order of the rest', () => {
    expect(items(applyBlocks(entries, [block('tag', 'adult')], facts))).toEqual([1, 3, 4]);
  });

  it('blocks by external id and by category', () => {
    expect(items(applyBlocks(entries, [block('item', 'item-3')], facts))).toEqual([0, 1, 2, 4]);
    expect(items(applyBlocks(entries, [block('category', 'films')], facts))).toEqual([0, 2, 3]);
    expect(items(applyBlocks(entries, [block('category', 'films'), block('tag', 'new')], facts))).toEqual([0]);
  });

  it('ignores directives that are not blocks', () => {
    const others: CurationDirective[] = [boost('tag', 'adult', 3), { kind: 'pin', targetType: 'item', target: 'item-0', position: 1, boost: null }];
    expect(items(applyBlocks(entries, others, facts))).toEqual([0, 1, 2, 3, 4]);
  });

  it('answers for single items so callers can filter pins and pools', () => {
    expect(isBlocked(2, [block('tag', 'new')], facts)).toBe(true);
    expect(isBlocked(1, [block('tag', 'new')], facts)).toBe(false);
    expect(isBlocked(3, [block('category', 'books')], facts)).toBe(false); // no category never matches
  });
});

describe('applyBoosts', () => {
  const facts = factsFrom({ 0: { category: 'a' }, 1: { category: 'a' }, 2: { category: 'b', tags: ['promo'] }, 3: { category: 'b' } });

  it('lifts an item boosted by 2 above one it was slightly below, and marks it boosted', () => {
    const result = applyBoosts(ranked(1.0, 0.9, 0.85, 0.5), [boost('tag', 'promo', 2)], facts);
    expect(items(result)).toEqual([2, 0, 1, 3]);
    expect(result[0]).toMatchObject({ item: 2, placement: 'boosted' });
    expect(result[0]!.score).toBeCloseTo(0.45 + 0.4 * 2);
    // Unboosted entries keep their exact score and placement.
    expect(result.slice(1)).toEqual([
      { item: 0, score: 1.0, placement: 'ranked' },
      { item: 1, score: 0.9, placement: 'ranked' },
      { item: 3, score: 0.5, placement: 'ranked' },
    ]);
  });

  it('lifts negative scores, where a plain multiplication would sink them', () => {
    const result = applyBoosts(ranked(-1, -2, -2.1, -5), [boost('item', 'item-2', 2)], facts);
    expect(items(result)).toEqual([2, 0, 1, 3]);
    expect(result[0]!.score).toBeGreaterThan(-1);
  });

  it('lifts even the lowest-scored entry above its equals', () => {
    const result = applyBoosts(ranked(1, 0.5, 0, 0), [boost('item', 'item-3', 1.5)], facts);
    expect(items(result)).toEqual([0, 1, 3, 2]);
  });

  it('multiplies every matching boost together and lowers items boosted below 1', () => {
    const scores = ranked(1.0, 0.9, 0.8, 0.0);
    const both = applyBoosts(scores, [boost('category', 'b', 1.5), boost('tag', 'promo', 2)], facts);
    const floor = 0 - 0.1 * 1;
    expect(both.find((entry) => entry.item === 2)!.score).toBeCloseTo(floor + (0.8 - floor) * 3);
    const demoted = applyBoosts(scores, [boost('item', 'item-0', 0.5)], facts);
    expect(items(demoted)).toEqual([1, 2, 0, 3]);
    expect(demoted.find((entry) => entry.item === 0)!.placement).toBe('ranked');
  });

  it('keeps the input order among equal scores and ignores unusable multipliers', () => {
    const result = applyBoosts(ranked(1, 1, 1, 1), [boost('item', 'item-0', 1), boost('item', 'item-1', -3), boost('item', 'item-2', Number.NaN)], facts);
    expect(result).toEqual(ranked(1, 1, 1, 1));
  });
});

describe('placePins', () => {
  const list = ranked(10, 9, 8, 7, 6, 5);

  it('puts pinned items at exactly their positions, removed from where they were', () => {
    const result = placePins(list, [{ item: 4, position: 1 }, { item: 99, position: 3 }], 10);
    expect(items(result)).toEqual([4, 0, 99, 1, 2, 3, 5]);
    expect(result[0]).toEqual({ item: 4, score: 6, placement: 'pinned' }); // keeps its own score
    expect(result[2]).toEqual({ item: 99, score: 10, placement: 'pinned' }); // borrows item 0's, the one above
  });

  it('gives a colliding pin the next free position; the first listed wins', () => {
    const result = placePins(list, [{ item: 98, position: 2 }, { item: 99, position: 2 }, { item: 97, position: 3 }], 10);
    expect(items(result)).toEqual([0, 98, 99, 97, 1, 2, 3, 4, 5]);
  });

  it('puts a pin beyond the list length at the end', () => {
    expect(items(placePins(ranked(3, 2), [{ item: 99, position: 7 }], 10))).toEqual([0, 1, 99]);
    expect(items(placePins(ranked(3, 2), [{ item: 99, position: 7 }, { item: 98, position: 2 }], 10))).toEqual([0, 98, 1, 99]);
  });

  it('returns only the page, so a pin the page does not cover is not on it', () => {
    expect(items(placePins(list, [{ item: 99, position: 5 }], 4))).toEqual([0, 1, 2, 3]);
    expect(items(placePins(list, [{ item: 99, position: 4 }], 4))).toEqual([0, 1, 2, 99]);
  });

  it('uses an item pinned twice once, at its first position', () => {
    expect(items(placePins(list, [{ item: 5, position: 2 }, { item: 5, position: 4 }], 10))).toEqual([0, 5, 1, 2, 3, 4]);
  });

  it('scores a pin at the top from the first ranked entry below it', () => {
    expect(placePins(ranked(3, 2), [{ item: 99, position: 1 }], 10)[0]).toEqual({ item: 99, score: 3, placement: 'pinned' });
  });
});
