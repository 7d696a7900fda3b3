import { describe, expect, it } from 'vitest';
import { postProcess, type ItemFacts, type ListEntry } from '@/lib/recommend/postprocess';
import { attributeCuration, compareFeeds, type AttributableRule, type AttributedEntry } from './preview';

const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('compareFeeds', () => {
  it('marks pinned items as added or moved up, and items the rules removed', () => {
    const result = compareFeeds(list('pinned', 'a', 'c', 'b'), list('a', 'b', 'c', 'blocked'));
    expect(result.curated.map(({ id, change, otherPosition }) => [id, change, otherPosition])).toEqual([
      ['pinned', 'added', null],
      ['a', 'down', 1],
      ['c', 'same', 3],
      ['b', 'down', 2],
    ]);
    expect(result.uncurated.find((entry) => entry.id === 'blocked')).toEqual({ id: 'blocked', position: 4, otherPosition: null, change: 'added' });
    expect(result.uncurated.find((entry) => entry.id === 'b')?.change).toBe('up');
    expect(result.changed).toBe(4);
  });

  it('finds nothing changed when the lists are equal', () => {
    expect(compareFeeds(list('a', 'b'), list('a', 'b')).changed).toBe(0);
  });
});

describe('attributeCuration', () => {
  const catalog: Record<string, { category: string | null; tags: string[] }> = {
    pinned: { category: 'Drama', tags: [] },
    a: { category: 'Comedy', tags: ['funny'] },
    b: { category: 'Horror', tags: [] },
    c: { category: 'Drama', tags: ['slow'] },
    picked: { category: 'Drama', tags: [] },
    gone: { category: 'Drama', tags: ['slow'] },
  };
  const describeItem = (id: string) => catalog[id];
  const rule = (id: number, fields: Partial<AttributableRule> & Pick<AttributableRule, 'kind' | 'targetType' | 'target'>): AttributableRule => ({ id, position: null, boost: null, collection: null, ...fields });
  const rulesOf = (entries: AttributedEntry[]) => entries.map(({ id, rules }) => [id, rules.map((effect) => `${effect.action} #${effect.rule}`)]);

  it('names the pin, boost and collection pick that placed each shown item, and nothing for items that only moved', () => {
    const rules = [
      rule(1, { kind: 'pin', targetType: 'item', target: 'pinned', position: 1 }),
      rule(2, { kind: 'boost', targetType: 'category', target: 'Comedy', boost: 3 }),
      rule(3, { kind: 'pick', targetType: 'item', target: 'picked', collection: 'Staff favourites' }),
      rule(4, { kind: 'boost', targetType: 'tag', target: 'funny', boost: 2 }),
    ];
    const { curated, removed } = attributeCuration(rules, list('pinned', 'a', 'picked', 'c'), list('c', 'a', 'b'), describeItem);
    expect(rulesOf(curated)).toEqual([
      ['pinned', ['pinned #1']],
      ['a', ['boosted #2', 'boosted #4']],
      ['picked', ['picked #3']],
      ['c', []],
    ]);
    expect(curated[0]!.rules[0]!.text).toBe('pinned at position 1 by rule #1');
    expect(curated[2]!.rules[0]!.text).toBe('inserted from collection “Staff favourites” by rule #3');
    expect(removed).toEqual([{ id: 'b', position: 3, rules: [] }]);
  });

  it('names the block or lowering boost that removed an item, not the boosts that lifted others', () => {
    const rules = [
      rule(7, { kind: 'block', targetType: 'tag', target: 'slow' }),
      rule(8, { kind: 'boost', targetType: 'category', target: 'Horror', boost: 0.5 }),
      rule(9, { kind: 'boost', targetType: 'category', target: 'Comedy', boost: 2 }),
    ];
    const { curated, removed } = attributeCuration(rules, list('a', 'pinned'), list('gone', 'b', 'a', 'pinned'), describeItem);
    expect(removed.map(({ id, position, rules: effects }) => [id, position, effects.map((effect) => effect.text)])).toEqual([
      ['gone', 1, ['removed by block rule #7 on tag slow']],
      ['b', 2, ['lowered ×0.5 by rule #8']],
    ]);
    expect(rulesOf(curated)).toEqual([
      ['a', ['boosted #9']],
      ['pinned', []],
    ]);
  });

  it('ignores what serving ignores: tag pins and picks, unusable boosts, items the catalog lacks', () => {
    const rules = [
      rule(1, { kind: 'pick', targetType: 'tag', target: 'funny' }),
      rule(2, { kind: 'boost', targetType: 'category', target: 'Comedy', boost: 0 }),
      rule(3, { kind: 'block', targetType: 'category', target: 'Drama' }),
    ];
    const { curated, removed } = attributeCuration(rules, list('a'), list('a', 'unknown'), describeItem);
    expect(rulesOf(curated)).toEqual([['a', []]]);
    expect(removed).toEqual([{ id: 'unknown', position: 2, rules: [] }]);
  });
});

describe('attributeCuration against post-processing', () => {
  it('names exactly the boosts and blocks that changed the page post-processing served', () => {
    const catalog: Record<string, { category: string; tags: string[] }> = {
      a: { category: 'Y', tags: [] },
      b: { category: 'Z', tags: [] },
      c: { category: 'W', tags: ['x'] },
      d: { category: 'W', tags: [] },
      e: { category: 'Y', tags: [] },
      f: { category: 'W', tags: [] },
    };
    const ids = Object.keys(catalog);
    const facts: ItemFacts = { id: (item) => ids[item]!, category: (item) => catalog[ids[item]!]!.category, tags: (item) => catalog[ids[item]!]!.tags };
    const entries: ListEntry[] = ids.map((_, item) => ({ item, score: 10 - item, placement: 'ranked' }));
    const rules: AttributableRule[] = [
      { id: 1, kind: 'block', targetType: 'tag', target: 'x', position: null, boost: null, collection: null },
      { id: 2, kind: 'boost', targetType: 'category', target: 'Y', position: null, boost: 3, collection: null },
      { id: 3, kind: 'boost', targetType: 'category', target: 'Z', position: null, boost: 0.05, collection: null },
    ];
    const serve = (directives: AttributableRule[]) =>
      postProcess(entries, { count: 4, diversity: { lambda: 1, maxPerCategory: null }, exploration: null, directives, pinned: [] }, facts).entries.map((entry) => ({ id: ids[entry.item]!, placement: entry.placement }));
    const curated = serve(rules);
    const uncurated = serve([]);

    const attribution = attributeCuration(rules, curated, uncurated, (id) => catalog[id]);
    const boostedByRule = attribution.curated.filter((entry) => entry.rules.some((effect) => effect.action === 'boosted')).map((entry) => entry.id);
    expect(boostedByRule).toEqual(curated.filter((entry) => entry.placement === 'boosted').map((entry) => entry.id));
    expect(boostedByRule.length).toBeGreaterThan(0);
    const missing = uncurated.filter((entry) => !curated.some((shown) => shown.id === entry.id)).map((entry) => entry.id);
    expect(attribution.removed.map((entry) => entry.id)).toEqual(missing);
    expect(attribution.removed.map((entry) => [entry.id, entry.rules.map((effect) => `${effect.action} #${effect.rule}`)])).toEqual([
      ['b', ['lowered #3']],
      ['c', ['blocked #1']],
    ]);
  });
});
