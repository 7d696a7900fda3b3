import { afterEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import type { RealtimeProfile } from '@/lib/realtime/profile';
import { NOW } from '@/lib/testing/serving-space';
import type { FeedInput } from './contract';
import { buildServingUser } from './user';
import type { StoredUser } from './user-context';

const input = (overrides: Partial<FeedInput> = {}): FeedInput => ({ userId: 'u1', surface: 'feed', query: { n: 20, context: 'home', explain: false }, ...overrides });
const TRAINED_UNTIL = NOW - 10_000;
const stored: StoredUser = {
  known: true,
  preferredCategories: ['Comedy'],
  attributes: { country: 'de' },
  trained: new Map([
    ['watched', DEFAULT_EVENT_WEIGHTS.view],
    ['bought', DEFAULT_EVENT_WEIGHTS.purchase],
    ['bad', DEFAULT_EVENT_WEIGHTS.view],
  ]),
  trainedSeen: new Set(['watched', 'bought', 'bad']),
  trainedUntil: TRAINED_UNTIL,
  readBack: [],
  readBackFailed: false,
};
const profile = (overrides: Partial<RealtimeProfile> = {}): RealtimeProfile => ({
  recent: [
    { itemId: 'bad', type: 'dislike', at: NOW - 1_000 },
    // Before the training data ends: the model has it already, so it must not count twice.
    { itemId: 'watched', type: 'view', at: TRAINED_UNTIL - 1 },
  ],
  session: { id: 's', category: 'Drama', views: 3, startedAt: NOW - 60_000, lastAt: NOW - 1_000 },
  categoryAffinity: {},
  updatedAt: NOW,
  version: 7,
  ...overrides,
});

afterEach(() => {
  delete process.env.TAILOR_SEEN_EVENT_TYPES;
  resetConfigForTests();
});

describe('the serving user', () => {
  it('adds the real-time events since training to the trained interactions, giving strengths, seen items and dislikes', () => {
    const user = buildServingUser(input(), stored, { profile: profile(), degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW);
    expect(user.strengths.get('watched')).toBe(DEFAULT_EVENT_WEIGHTS.view);
    expect(user.strengths.get('bad')).toBe(DEFAULT_EVENT_WEIGHTS.view + DEFAULT_EVENT_WEIGHTS.dislike);
    expect(user.negatives).toEqual(new Set(['bad']));
    expect(user.seen).toEqual(new Set(['watched', 'bought', 'bad']));
    expect(user).toMatchObject({ id: 'u1', profileVersion: 7, degraded: false, segment: { isNew: false, attributes: { country: 'de' } } });
  });

  it('counts as seen only the configured event types', () => {
    process.env.TAILOR_SEEN_EVENT_TYPES = 'purchase';
    resetConfigForTests();
    // Training marks the trained pairs by the same setting; here only the purchase was marked seen.
    const trainedOnPurchases = { ...stored, trainedSeen: new Set(['bought']) };
    const recent = profile({ recent: [{ itemId: 'fresh-buy', type: 'purchase', at: NOW - 1_000 }, { itemId: 'fresh-view', type: 'view', at: NOW - 500 }] });
    expect(buildServingUser(input(), trainedOnPurchases, { profile: recent, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).seen).toEqual(new Set(['bought', 'fresh-buy']));
  });

  it('adds a session that keeps to one category to the stated interests, while it is recent', () => {
    expect(buildServingUser(input(), stored, { profile: profile(), degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).preferredCategories).toEqual(['Comedy', 'Drama']);
    const stale = profile({ session: { id: 's', category: 'Drama', views: 3, startedAt: 0, lastAt: NOW - 31 * 60_000 } });
    expect(buildServingUser(input(), stored, { profile: stale, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).preferredCategories).toEqual(['Comedy']);
  });

  it('adds what was read back after the feature store lost events', () => {
    const user = buildServingUser(input(), { ...stored, readBack: [{ itemId: 'lost', type: 'rate', value: 4 }] }, { profile: null, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW);
    expect(user.strengths.get('lost')).toBe(4 * DEFAULT_EVENT_WEIGHTS.rate);
    expect(user.seen.has('lost')).toBe(true);
    expect(user.degraded).toBe(false);
    expect(buildServingUser(input(), { ...stored, readBackFailed: true }, { profile: null, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).degraded).toBe(true);
  });

  it("serves an anonymous session from its items alone, as a new user", () => {
    const user = buildServingUser(input({ surface: 'session', sessionItems: ['a', 'b'] }), null, { profile: null, degraded: true }, DEFAULT_EVENT_WEIGHTS, NOW);
    expect(user.seen).toEqual(new Set(['a', 'b']));
    expect(user.strengths.get('a')).toBe(DEFAULT_EVENT_WEIGHTS.view);
    expect(user).toMatchObject({ segment: { isNew: true, attributes: {} }, preferredCategories: [], profileVersion: 0, degraded: true });
  });
});
