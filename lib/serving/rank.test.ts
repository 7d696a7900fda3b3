import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import type { CurationRule } from '@/lib/curation/types';
import { catalogEntry, catalogOf, feedInputOf, NOW, rankingRequestOver, servingModelOver, servingUserOf } from '@/lib/testing/serving-space';
import type { ServingSnapshot } from './context';
import { ANCHOR_STRENGTH } from './context-policy';
import { feedScope, listDepth, prepareRanking } from './rank';

const entries = [
  catalogEntry('liked'),
  catalogEntry('disliked'),
  catalogEntry('watched', { category: 'Comedy' }),
  catalogEntry('scary', { category: 'Horror' }),
  catalogEntry('anchor', { category: 'Sci-Fi' }),
  catalogEntry('ghost', { title: '', category: null }),
  catalogEntry('fresh'),
];
const model = servingModelOver(entries.map((entry) => entry.id), { userIds: ['u1'] });
const blockHorror: CurationRule = { id: 1, kind: 'block', targetType: 'category', target: 'Horror', position: null, boost: null, segment: null, startsAt: null, endsAt: null, note: '', collection: null, createdBy: null, createdAt: new Date(NOW), updatedAt: new Date(NOW) };
const snapshot: ServingSnapshot = { model, catalog: catalogOf(entries), weights: DEFAULT_EVENT_WEIGHTS, rules: [blockHorror] };
const user = servingUserOf({ strengths: new Map([['liked', 3], ['disliked', -4], ['watched', 1]]), seen: new Set(['watched']), negatives: new Set(['disliked']), preferredCategories: ['Drama'] });
const request = (query = {}, surface: 'feed' | 'session' = 'feed') => rankingRequestOver(snapshot, { input: feedInputOf(query, surface), user: { ...user, surface } });

describe('ranking preparation', () => {
  it('puts the user in model terms: positive strengths are history, the rest negatives, the model row when known', () => {
    const { recommendation, negatives } = prepareRanking(request(), model);
    expect(Array.from(recommendation.history.items)).toEqual([0, 2]);
    expect(Array.from(recommendation.history.strengths)).toEqual([3, 1]);
    expect(negatives).toEqual([1]);
    expect(recommendation.user).toBe(0);
    expect(recommendation.preferredCategories).toEqual(['Drama']);
    expect(prepareRanking(request({}, 'session'), model).recommendation.user).toBeNull();
  });

  it('counts blocked items as seen, so candidate sources propose others in their place', () => {
    expect(prepareRanking(request(), model).recommendation.seen).toEqual([2, 3]);
  });

  it('anchors an item page on its item, with its category as an interest', () => {
    const { recommendation, eligibility } = prepareRanking(request({ context: 'item', item: 'anchor' }), model);
    const anchor = Array.from(recommendation.history.items).indexOf(4);
    expect(recommendation.history.strengths[anchor]).toBe(ANCHOR_STRENGTH);
    expect(recommendation.preferredCategories).toEqual(['Drama', 'Sci-Fi']);
    expect(eligibility.allowed(4)).toBe(false);
  });

  it('allows only what eligibility allows: not seen, disliked, blocked or a placeholder', () => {
    const { eligibility } = prepareRanking(request(), model);
    expect(entries.map((_, item) => eligibility.allowed(item))).toEqual([true, false, false, false, true, false, true]);
  });

  it('scopes a search without a category filter, and a home feed with one', () => {
    expect(feedScope(request({ context: 'search', category: ['Comedy'] }), NOW).rules.categories).toBeNull();
    expect(feedScope(request({ category: ['Comedy'] }), NOW).rules.categories).toEqual(new Set(['Comedy']));
    expect(feedScope(request({ context: 'search' }), NOW).curation.placements).toBe(false);
  });

  it('ranks at least two pages deep', () => {
    expect(listDepth(20)).toBe(60);
    expect(listDepth(100)).toBe(200);
  });
});
