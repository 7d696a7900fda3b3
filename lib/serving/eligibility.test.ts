import { describe, expect, it } from 'vitest';
import { catalogEntry as entry, itemSpaceOver as spaceOf, NOW } from '@/lib/testing/serving-space';
import type { CatalogEntry } from './catalog';
import { blockedModelItems, eligibilityRules, ineligibility, isEligible, isServable, spaceEligibility, type EligibilityRules } from './eligibility';

const user = { seen: new Set(['seen-1']), negatives: new Set(['disliked-1']) };
const rules = (overrides: Partial<EligibilityRules> = {}) =>
  eligibilityRules({ now: NOW, blocks: { ids: new Set(['blocked-id']), categories: new Set(['Horror']), tags: new Set(['spoilers']) }, user, ...overrides });

const cases: [CatalogEntry, string[]][] = [
  [entry('fine'), []],
  [entry('hidden', { hidden: true }), ['hidden']],
  [entry('later', { publishedAt: NOW + 60_000 }), ['unpublished']],
  [entry('gone', { expiresAt: NOW }), ['expired']],
  [entry('ghost', { title: '  ', category: null }), ['placeholder']],
  [entry('blocked-id'), ['blocked']],
  [entry('scary', { category: 'Horror', tags: ['spoilers'] }), ['blocked', 'blocked']],
  [entry('seen-1'), ['seen']],
  [entry('disliked-1'), ['disliked']],
  [entry('all-of-it', { hidden: true, expiresAt: NOW - 1, title: '', category: 'Horror' }), ['hidden', 'expired', 'placeholder', 'blocked']],
];

describe('eligibility', () => {
  it('gives every reason an item may not be shown, in rule order, with the rule that blocks it named', () => {
    for (const [item, kinds] of cases) expect(ineligibility(item, rules()).map((reason) => reason.kind)).toEqual(kinds);
    expect(ineligibility(entry('scary', { category: 'Horror', tags: ['spoilers'] }), rules()).map((reason) => reason.text)).toEqual([
      "blocked by a curation rule on category 'Horror'",
      "blocked by a curation rule on tag 'spoilers'",
    ]);
    expect(ineligibility(entry('later', { publishedAt: NOW + 60_000 }), rules())[0]!.text).toBe('the item is not published until 2026-05-01T12:01:00.000Z');
  });

  it('tells a dislike from an item merely seen', () => {
    const both = eligibilityRules({ now: NOW, user: { seen: new Set(['x']), negatives: new Set(['x']) } });
    expect(ineligibility(entry('x'), both).map((reason) => reason.kind)).toEqual(['disliked']);
  });

  it('answers the predicate, by id and by item index, exactly as the reasons do', () => {
    const entries = cases.map(([item]) => item);
    const space = spaceOf(entries);
    const eligibility = spaceEligibility(space, rules());
    entries.forEach((item, index) => {
      const eligible = ineligibility(item, rules()).length === 0;
      expect(isEligible(item, rules())).toBe(eligible);
      expect(eligibility.allowed(index)).toBe(eligible);
    });
    expect(isEligible(undefined, rules())).toBe(false);
    expect(eligibility.allowed(entries.length)).toBe(false);
  });

  it('lets editors place a seen item, but never a disliked, blocked or unavailable one', () => {
    const entries = [entry('seen-1'), entry('disliked-1'), entry('blocked-id'), entry('hidden', { hidden: true }), entry('fine')];
    const eligibility = spaceEligibility(spaceOf(entries), rules());
    expect(entries.map((_, item) => eligibility.placeable(item))).toEqual([true, false, false, false, true]);
    expect(entries.map((_, item) => eligibility.allowed(item))).toEqual([false, false, false, false, true]);
  });

  it("applies the request's exclusions and category filter", () => {
    const scoped = rules({ excluded: new Set(['fine']), categories: new Set(['Comedy']) });
    expect(ineligibility(entry('fine'), scoped).map((reason) => reason.kind)).toEqual(['excluded', 'filtered']);
    expect(isEligible(entry('funny', { category: 'Comedy' }), scoped)).toBe(true);
    expect(isEligible(entry('uncategorised', { category: null }), scoped)).toBe(false);
  });

  it('leaves lists for nobody in particular to the catalogue and curation', () => {
    const anyone = eligibilityRules({ now: NOW });
    expect(isEligible(entry('seen-1'), anyone)).toBe(true);
    expect(isServable(entry('blocked-id'), NOW)).toBe(true);
    expect(isServable(entry('ghost', { title: '' }), NOW)).toBe(false);
    expect(isServable(undefined, NOW)).toBe(false);
  });

  it("lists the model's items a category or tag block removes, so candidate sources can skip them", () => {
    const entries = [entry('a', { category: 'Horror' }), entry('b'), entry('c', { tags: ['spoilers'] }), entry('new', { category: 'Horror' })];
    const space = spaceOf(entries, 3);
    const blocks = rules().blocks;
    expect(blockedModelItems(space, blocks)).toEqual([0, 2]);
    expect(blockedModelItems(space, blocks)).toBe(blockedModelItems(space, blocks));
    expect(blockedModelItems(space, { ids: new Set(['b']), categories: new Set(), tags: new Set() })).toEqual([]);
  });
});
