import { describe, expect, it } from 'vitest';
import { insertExploration, postProcess } from './index';
import type { CurationDirective, ItemFacts, ListEntry, PostProcessOptions } from './types';

/** Items 0–39 are ranked candidates (item i scores 40 − i); 100+ are new items for exploration. */
const entries: ListEntry[] = Array.from({ length: 40 }, (_, item) => ({ item, score: 40 - item, placement: 'ranked' }));
const facts: ItemFacts = {
  id: (item) => `item-${item}`,
  category: (item) => (item >= 100 ? 'new' : `c${item % 4}`),
  tags: (item) => (item % 10 === 7 ? ['recalled'] : []),
};
const blockRecalled: CurationDirective = { kind: 'block', targetType: 'tag', target: 'recalled', position: null, boost: null };
const items = (list: readonly ListEntry[]) => list.map((entry) => entry.item);
const plain: PostProcessOptions = { count: 10, diversity: { lambda: 1, maxPerCategory: null }, exploration: null, directives: [], pinned: [] };

const full: PostProcessOptions = {
  count: 10,
  diversity: { lambda: 0.7, maxPerCategory: 3, similarity: (a, b) => (a % 4 === b % 4 ? 0.8 : 0) },
  exploration: { share: 0.2, pool: [107, 100, 101, 102, 103, 104, 105, 106, 5], seed: 9 },
  directives: [blockRecalled, { kind: 'boost', targetType: 'item', target: 'item-30', position: null, boost: 3 }],
  pinned: [
    { item: 12, position: 1 },
    { item: 17, position: 2 }, // blocked: dropped
    { item: 101, position: 4 },
  ],
};

const page = (options: PostProcessOptions, offset: number) => postProcess(entries, { ...options, offset }, facts).entries;

describe('postProcess', () => {
  it('paginates without repeats across offsets 0, 10 and 20, each page full', () => {
    const pages = [0, 10, 20].map((offset) => page(full, offset));
    for (const shown of pages) expect(shown).toHaveLength(10);
    const all = pages.flatMap(items);
    expect(new Set(all).size).toBe(30);
  });

  it('never shows blocked items, even pinned or in the exploration pool', () => {
    const all = [0, 10, 20].flatMap((offset) => items(page(full, offset)));
    expect(all.filter((item) => item % 10 === 7)).toEqual([]);
  });

  it('pins on the first page only, at their positions, and never shows pinned items later', () => {
    const first = page(full, 0);
    expect(first[0]).toMatchObject({ item: 12, placement: 'pinned' });
    expect(first[3]).toMatchObject({ item: 101, placement: 'pinned' });
    expect(first[1]!.item).not.toBe(17);
    const later = [10, 20].flatMap((offset) => items(page(full, offset)));
    expect(later).not.toContain(12);
    expect(later).not.toContain(101);
  });

  it('explores on every page, never at its first position', () => {
    for (const offset of [0, 10, 20]) {
      const shown = page(full, offset);
      expect(shown.filter((entry) => entry.placement === 'explore')).toHaveLength(2);
      expect(shown[0]!.placement).not.toBe('explore');
    }
  });

  it('gives the first page the same exploration as insertExploration with the same seed', () => {
    const exploration = { share: 0.3, pool: [100, 101, 102], seed: 4 };
    expect(page({ ...plain, exploration }, 0)).toEqual(insertExploration(entries, 10, exploration, facts));
  });

  it('carries what pins push off the first page onto the second, skipping nothing', () => {
    const pinned = { ...plain, pinned: [{ item: 25, position: 3 }] };
    expect(items(page(pinned, 0))).toEqual([0, 1, 25, 2, 3, 4, 5, 6, 7, 8]);
    expect(items(page(pinned, 10))).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('applies boosts and diversity before paging', () => {
    const boostItem30: CurationDirective = { kind: 'boost', targetType: 'item', target: 'item-30', position: null, boost: 5 };
    const shown = items(page({ ...plain, directives: [boostItem30], diversity: { lambda: 1, maxPerCategory: 1 } }, 0));
    // Item 30 (×5) lifts to the top; then one item per category (c0..c3) before the cap's leftovers.
    expect(shown.slice(0, 4)).toEqual([30, 0, 1, 3]);
    expect(shown.slice(4)).toEqual([2, 4, 5, 6, 7, 8]);
  });

  it('answers an offset between pages from the same pages', () => {
    const straddling = items(page(full, 5));
    expect(straddling).toEqual([...items(page(full, 0)).slice(5), ...items(page(full, 10)).slice(0, 5)]);
  });

  it('is deterministic for a fixed input and seed, and empty beyond the candidates', () => {
    expect(page(full, 10)).toEqual(page(full, 10));
    expect(page(plain, 40)).toEqual([]);
    expect(postProcess(entries, { ...plain, count: 0 }, facts).entries).toEqual([]);
  });

  it('holds the category cap on every page of `pageSize` when ranking several pages at once, exploration included', () => {
    // Exploration wants four slots a page, all from one category ('new'): the cap leaves it two.
    const capped: PostProcessOptions = {
      ...full,
      count: 30,
      directives: [blockRecalled],
      pinned: [],
      exploration: { ...full.exploration!, share: 0.4 },
      diversity: { ...full.diversity, maxPerCategory: 2, pageSize: 10 },
    };
    const list = postProcess(entries, capped, facts).entries;
    expect(list).toHaveLength(30);
    for (let start = 0; start < 30; start += 10) {
      const counts = new Map<string, number>();
      for (const entry of list.slice(start, start + 10)) counts.set(facts.category(entry.item)!, (counts.get(facts.category(entry.item)!) ?? 0) + 1);
      // Four ranked categories and the new items: two of each fill a page of ten.
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    }
    // The same pages as asking for each page on its own.
    expect(items(list.slice(10, 20))).toEqual(items(postProcess(entries, { ...capped, count: 10, offset: 10 }, facts).entries));
  });
});

describe('postProcess trace', () => {
  const traced = (options: PostProcessOptions) => postProcess(entries, options, facts);

  it('records nothing when no step moved an entry: each sits at its score rank', () => {
    const { entries: list, trace } = traced(plain);
    list.forEach((entry, index) => expect(trace.get(entry.item)).toEqual({ scoreRank: index + 1, adjustments: [] }));
  });

  it('names the boost rule that lifted an entry, and what diversity moved up or down', () => {
    const promo: CurationDirective = { kind: 'boost', targetType: 'item', target: 'item-30', position: null, boost: 5, rule: 'Promo week' };
    const { entries: list, trace } = traced({ ...plain, directives: [promo], diversity: { lambda: 1, maxPerCategory: 1 } });
    expect(items(list).slice(0, 5)).toEqual([30, 0, 1, 3, 2]);
    expect(trace.get(30)).toEqual({ scoreRank: 31, adjustments: [{ kind: 'boost', rules: ['Promo week'], multiplier: 5 }] });
    // Item 2 shares item 30's category, so the cap takes item 3 before it.
    expect(trace.get(3)).toEqual({ scoreRank: 4, adjustments: [{ kind: 'diversity', places: 1 }] });
    expect(trace.get(2)).toEqual({ scoreRank: 3, adjustments: [{ kind: 'diversity', places: -1 }] });
    expect(trace.get(0)!.adjustments).toEqual([]);
  });

  it('marks exploration slots as placed, not ranked, and pins with their rule and position', () => {
    const withRules: PostProcessOptions = { ...full, pinned: [{ item: 12, position: 1, rule: 'Hero slot' }, { item: 101, position: 4 }] };
    const { entries: list, trace } = traced(withRules);
    expect(trace.get(12)!.adjustments).toEqual([{ kind: 'pin', rule: 'Hero slot', position: 1 }]);
    expect(trace.get(101)!.adjustments).toEqual([{ kind: 'pin', rule: null, position: 4 }]);
    const explored = list.filter((entry) => entry.placement === 'explore');
    expect(explored.length).toBeGreaterThan(0);
    for (const { item } of explored) expect(trace.get(item)).toEqual({ scoreRank: null, adjustments: [{ kind: 'exploration' }] });
    expect([...trace.keys()].sort()).toEqual(items(list).sort());
  });

  it('credits diversity only on the page that kept the entry, not one exploration pushed it off', () => {
    // Items 0 and 1 share a category; with one item per category, page 1 of four is 0, 2, 3, 4 (2–4 moved up).
    const categoryOf = ['a', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const ranked: ListEntry[] = categoryOf.map((_, item) => ({ item, score: 10 - item, placement: 'ranked' }));
    const byCategory: ItemFacts = { ...facts, category: (item) => categoryOf[item] ?? 'new' };
    const options: PostProcessOptions = { ...plain, count: 8, diversity: { lambda: 1, maxPerCategory: 1, pageSize: 4 }, exploration: { share: 0.25, pool: [100], seed: 1 } };
    const { entries: list, trace } = postProcess(ranked, options, byCategory);
    // The exploration slot pushed item 4 to page 2, where it sits in score order behind item 1.
    expect(items(list).slice(4, 6)).toEqual([1, 4]);
    expect(trace.get(4)).toEqual({ scoreRank: 5, adjustments: [] });
    expect(trace.get(3)!.adjustments).toEqual([{ kind: 'diversity', places: 1 }]);
  });
});
