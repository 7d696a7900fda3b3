import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_WEIGHTS, type EventType } from '@/lib/events/types';
import {
  AFFINITY_HALF_LIFE_MS,
  affinityAt,
  applyEvents,
  MAX_CATEGORIES,
  RECENT_LIMIT,
  SESSION_GAP_MS,
  type RealtimeEvent,
  type RealtimeProfile,
} from './profile';

const T0 = Date.UTC(2025, 5, 1);
const MINUTE = 60_000;
const DAY = 86_400_000;

function event(itemId: string, at: number, fields: Partial<RealtimeEvent> = {}): RealtimeEvent {
  return { itemId, type: 'view', at, sessionId: null, category: null, ...fields };
}

const apply = (profile: RealtimeProfile | null, events: RealtimeEvent[]) => applyEvents(profile, events, DEFAULT_EVENT_WEIGHTS);

describe('applyEvents', () => {
  it('keeps recent interactions newest first, whatever order a batch arrives in', () => {
    const profile = apply(null, [event('b', T0 + 2), event('c', T0 + 3, { type: 'click' }), event('a', T0 + 1)]);
    expect(profile.recent).toEqual([
      { itemId: 'c', type: 'click', at: T0 + 3, strength: DEFAULT_EVENT_WEIGHTS.click },
      { itemId: 'b', type: 'view', at: T0 + 2, strength: DEFAULT_EVENT_WEIGHTS.view },
      { itemId: 'a', type: 'view', at: T0 + 1, strength: DEFAULT_EVENT_WEIGHTS.view },
    ]);
    expect(profile.updatedAt).toBe(T0 + 3);
    expect(profile.version).toBe(1);
  });

  it('slots a late event into place and keeps only the newest RECENT_LIMIT', () => {
    const total = RECENT_LIMIT + 10;
    let profile = apply(null, Array.from({ length: total }, (_, i) => event(`i${i}`, T0 + i * MINUTE)));
    expect(profile.recent).toHaveLength(RECENT_LIMIT);
    expect(profile.recent[0]!.itemId).toBe(`i${total - 1}`);
    expect(profile.recent.at(-1)!.itemId).toBe('i10');
    profile = apply(profile, [event('late', T0 + (total - 9.5) * MINUTE)]);
    expect(profile.recent.map((entry) => entry.itemId).slice(8, 11)).toEqual([`i${total - 9}`, 'late', `i${total - 10}`]);
    expect(profile.recent.at(-1)!.itemId).toBe('i11');
    const tooOld = apply(profile, [event('ancient', T0)]);
    expect(tooOld.recent).toEqual(profile.recent);
    expect(tooOld.version).toBe(profile.version + 1);
  });

  it('does not change the profile it is given', () => {
    const before = apply(null, [event('a', T0, { category: 'books', sessionId: 's1' })]);
    const snapshot = structuredClone(before);
    apply(before, [event('b', T0 + MINUTE, { category: 'music', sessionId: 's1' })]);
    expect(before).toEqual(snapshot);
  });

  it('counts views in the session and follows its latest known category', () => {
    const profile = apply(null, [
      event('a', T0, { sessionId: 's1', category: 'books' }),
      event('b', T0 + MINUTE, { sessionId: 's1', category: 'music' }),
      event('c', T0 + 2 * MINUTE, { sessionId: 's1', category: null }),
    ]);
    expect(profile.session).toEqual({ id: 's1', category: 'music', views: 3, startedAt: T0, lastAt: T0 + 2 * MINUTE });
  });

  it('starts a new session when the session id changes, however short the gap', () => {
    const first = apply(null, [event('a', T0, { sessionId: 's1' }), event('b', T0 + MINUTE, { sessionId: 's1' })]);
    const second = apply(first, [event('c', T0 + 2 * MINUTE, { sessionId: 's2', category: 'games' })]);
    expect(second.session).toEqual({ id: 's2', category: 'games', views: 1, startedAt: T0 + 2 * MINUTE, lastAt: T0 + 2 * MINUTE });
  });

  it('keeps a session with an id across a long pause', () => {
    const profile = apply(null, [event('a', T0, { sessionId: 's1' }), event('b', T0 + 2 * SESSION_GAP_MS, { sessionId: 's1' })]);
    expect(profile.session).toMatchObject({ id: 's1', views: 2 });
  });

  it('without session ids, starts a new session after a pause longer than the gap', () => {
    const within = apply(null, [event('a', T0), event('b', T0 + SESSION_GAP_MS)]);
    expect(within.session).toMatchObject({ id: null, views: 2, startedAt: T0 });
    const after = apply(within, [event('c', T0 + 2 * SESSION_GAP_MS + 1)]);
    expect(after.session).toMatchObject({ id: null, views: 1, startedAt: T0 + 2 * SESSION_GAP_MS + 1 });
  });

  it('counts a straggler from the current session without letting it set the category', () => {
    const profile = apply(null, [event('a', T0, { sessionId: 's1', category: 'books' }), event('b', T0 + 2 * MINUTE, { sessionId: 's1', category: 'music' })]);
    const late = apply(profile, [event('c', T0 + MINUTE, { sessionId: 's1', category: 'games' })]);
    expect(late.session).toMatchObject({ id: 's1', category: 'music', views: 3, lastAt: T0 + 2 * MINUTE });
    const stranger = apply(profile, [event('d', T0 + MINUTE, { sessionId: 's0' })]);
    expect(stranger.session).toEqual(profile.session);
  });

  it('adds weighted strength per category, and rate counts per star', () => {
    const profile = apply(null, [
      event('a', T0, { type: 'click', category: 'books' }),
      event('b', T0, { type: 'purchase', category: 'books' }),
      event('c', T0, { type: 'rate', value: 4, category: 'music' }),
      event('d', T0, { type: 'like' }),
    ]);
    expect(profile.categoryAffinity).toEqual({
      books: DEFAULT_EVENT_WEIGHTS.click + DEFAULT_EVENT_WEIGHTS.purchase,
      music: 4 * DEFAULT_EVENT_WEIGHTS.rate,
    });
  });

  it.each<EventType>(['dislike', 'skip'])('lowers affinity on a %s', (type) => {
    const liked = apply(null, [event('a', T0, { type: 'purchase', category: 'books' })]);
    const after = apply(liked, [event('b', T0, { type, category: 'books' })]);
    expect(after.categoryAffinity.books).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.purchase + DEFAULT_EVENT_WEIGHTS[type]);
    expect(apply(null, [event('c', T0, { type, category: 'music' })]).categoryAffinity.music!).toBeLessThan(0);
    expect(after.categoryAffinity.books!).toBeLessThan(liked.categoryAffinity.books!);
  });

  it('halves affinity every seven days, for old strength and for late events alike', () => {
    const first = apply(null, [event('a', T0, { type: 'like', category: 'books' })]);
    const week = apply(first, [event('b', T0 + AFFINITY_HALF_LIFE_MS, { type: 'like', category: 'music' })]);
    expect(week.categoryAffinity.books).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.like / 2);
    expect(week.categoryAffinity.music).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.like);
    const late = apply(week, [event('c', T0, { type: 'like', category: 'music' })]);
    expect(late.categoryAffinity.music).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.like * 1.5);
    expect(late.updatedAt).toBe(T0 + AFFINITY_HALF_LIFE_MS);
  });

  it('drops categories that have faded to nothing and keeps only the strongest', () => {
    const faded = apply(apply(null, [event('a', T0, { category: 'books' })]), [event('b', T0 + 100 * DAY, { category: 'music' })]);
    expect(Object.keys(faded.categoryAffinity)).toEqual(['music']);
    const many = apply(
      null,
      Array.from({ length: MAX_CATEGORIES + 10 }, (_, i) => event(`i${i}`, T0 + i, { category: `c${i}` })),
    );
    expect(Object.keys(many.categoryAffinity)).toHaveLength(MAX_CATEGORIES);
    expect(many.categoryAffinity).toHaveProperty(`c${MAX_CATEGORIES + 9}`);
  });
});

describe('affinityAt', () => {
  it('decays the stored affinities to the given time, never beyond their own', () => {
    const profile = apply(null, [event('a', T0, { type: 'purchase', category: 'books' })]);
    expect(affinityAt(profile, T0 + AFFINITY_HALF_LIFE_MS).books).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.purchase / 2);
    expect(affinityAt(profile, T0 + 2 * AFFINITY_HALF_LIFE_MS).books).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.purchase / 4);
    expect(affinityAt(profile, T0 - DAY).books).toBe(DEFAULT_EVENT_WEIGHTS.purchase);
  });
});
