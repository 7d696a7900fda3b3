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
  dataSharing: 'standard',
  updatedAt: NOW - 60_000,
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
    expect(user).toMatchObject({ id: 'u1', profileVersion: 7, degraded: false, segment: { isNew: false, attributes: {} }, dataSharing: 'standard', profileUpdatedAt: NOW - 60_000 });
  });

  it('counts as seen only the configured event types', () => {
    process.env.TAILOR_SEEN_EVENT_TYPES = 'purchase';
    resetConfigForTests();
    // Training marks the trained pairs by the same setting; here only the purchase was marked seen.
    const trainedOnPurchases = { ...stored, trainedSeen: new Set(['bought']) };
    const recent = profile({ recent: [{ itemId: 'fresh-buy', type: 'purchase', at: NOW - 1_000 }, { itemId: 'fresh-view', type: 'view', at: NOW - 500 }] });
    expect(buildServingUser(input(), trainedOnPurchases, { profile: recent, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).seen).toEqual(new Set(['bought', 'fresh-buy']));
  });

  it('adds a session that keeps to one category to the stated interests of an enhanced user, while it is recent', () => {
    const enhanced = { ...stored, dataSharing: 'enhanced' as const };
    expect(buildServingUser(input(), enhanced, { profile: profile(), degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).preferredCategories).toEqual(['Comedy', 'Drama']);
    const stale = profile({ session: { id: 's', category: 'Drama', views: 3, startedAt: 0, lastAt: NOW - 31 * 60_000 } });
    expect(buildServingUser(input(), enhanced, { profile: stale, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).preferredCategories).toEqual(['Comedy']);
    expect(buildServingUser(input(), stored, { profile: profile(), degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW).preferredCategories).toEqual(['Comedy']);
  });

  it("gives segments an enhanced user's attributes with the request's device and their local time of day; nobody else's", () => {
    const enhanced = { ...stored, dataSharing: 'enhanced' as const, attributes: { country: 'de', timezone: 'Asia/Tokyo' } };
    // 14:00 UTC is 23:00 in Tokyo.
    const at = Date.UTC(2026, 11, 2, 14);
    const user = buildServingUser(input({ query: { n: 20, context: 'home', explain: false, device: 'tv' } }), enhanced, { profile: null, degraded: false }, DEFAULT_EVENT_WEIGHTS, at);
    expect(user.segment.attributes).toEqual({ country: 'de', timezone: 'Asia/Tokyo', device: 'tv', time_of_day: 'evening' });
    const utc = buildServingUser(input(), { ...enhanced, attributes: { timezone: 'Nowhere/Special' } }, { profile: null, degraded: false }, DEFAULT_EVENT_WEIGHTS, at);
    expect(utc.segment.attributes).toMatchObject({ time_of_day: 'afternoon' });
    expect(buildServingUser(input({ query: { n: 20, context: 'home', explain: false, device: 'tv' } }), stored, { profile: null, degraded: false }, DEFAULT_EVENT_WEIGHTS, at).segment.attributes).toEqual({});
  });

  it('serves a minimal user on stated preferences alone: no trained or real-time history, nothing seen, a new user', () => {
    const minimal: StoredUser = { ...stored, dataSharing: 'minimal', trained: new Map(), trainedSeen: new Set() };
    const user = buildServingUser(input(), minimal, { profile: profile(), degraded: true }, DEFAULT_EVENT_WEIGHTS, NOW);
    expect(user.strengths.size).toBe(0);
    expect(user.seen.size).toBe(0);
    expect(user.negatives.size).toBe(0);
    expect(user).toMatchObject({ segment: { isNew: true, attributes: {} }, preferredCategories: ['Comedy'], profileVersion: 0, degraded: false, dataSharing: 'minimal' });
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

describe('the session of a serving user', () => {
  it('lists positive items newest first: real-time events, then the trained history, without repeats', () => {
    const user = buildServingUser(
      input(),
      stored,
      { profile: profile({ recent: [{ itemId: 'fresh', type: 'click', at: NOW - 500 }, { itemId: 'bad', type: 'dislike', at: NOW - 1_000 }, { itemId: 'bought', type: 'view', at: NOW - 2_000 }] }), degraded: false },
      DEFAULT_EVENT_WEIGHTS,
      NOW,
    );
    expect(user.recent).toEqual(['fresh', 'bought', 'watched']);
  });

  it('reads an anonymous session\'s items as listed oldest first', () => {
    const user = buildServingUser(input({ surface: 'session', sessionItems: ['older', 'newer'] }), null, { profile: null, degraded: false }, DEFAULT_EVENT_WEIGHTS, NOW);
    expect(user.recent).toEqual(['newer', 'older']);
  });
});
