import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisClient, keyNodes } from '@/lib/cache/redis';
import { parseRedisUrl } from '@/lib/cache/redis-url';
import { getConfig } from '@/lib/config';
import { DEFAULT_EVENT_WEIGHTS, type EventType, type EventWeights } from '@/lib/events/types';
import { log } from '@/lib/runtime/log';
import { getFeatureStore, newlyAccepted, recordRealtimeEvents } from '.';
import type { NewEvent } from '@/lib/events/schema';
import { MemoryFeatureStore, PROFILE_IDLE_TTL_MS } from './memory-store';
import { applyEvents, MAX_CATEGORIES, RECENT_LIMIT, type FeatureStore, type RealtimeEvent, type RealtimeProfile } from './profile';
import { CREATED_KEY, profileKey, RedisFeatureStore } from './redis-store';
import { resilient } from './resilient';

const T0 = Date.UTC(2025, 5, 1);
const MINUTE = 60_000;
const DAY = 86_400_000;
const TYPES: EventType[] = ['view', 'click', 'like', 'dislike', 'add_to_cart', 'purchase', 'rate', 'share', 'skip'];

function event(itemId: string, at: number, fields: Partial<RealtimeEvent> = {}): RealtimeEvent {
  return { itemId, type: 'view', at, sessionId: null, category: null, ...fields };
}

/** Redis's cjson keeps 14 significant digits; everything else must match exactly. */
function expectSameProfile(actual: RealtimeProfile | null, expected: RealtimeProfile) {
  expect(actual).not.toBeNull();
  const { categoryAffinity, ...rest } = actual!;
  const { categoryAffinity: expectedAffinity, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  expect(Object.keys(categoryAffinity).sort()).toEqual(Object.keys(expectedAffinity).sort());
  for (const [category, value] of Object.entries(expectedAffinity)) expect(categoryAffinity[category]).toBeCloseTo(value, 9);
}

/** A deterministic mix: out-of-order batches, session changes and pauses, unknown categories, ratings. */
function scriptedBatches(): RealtimeEvent[][] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const batches: RealtimeEvent[][] = [];
  let clock = T0;
  for (let batch = 0; batch < 12; batch++) {
    const events: RealtimeEvent[] = [];
    for (let i = 0; i < 1 + Math.floor(random() * 8); i++) {
      clock += Math.floor(random() * (random() < 0.2 ? 3 * DAY : 20 * MINUTE));
      const type = TYPES[Math.floor(random() * TYPES.length)]!;
      events.push(
        event(`item-${batch}-${i}`, clock - (random() < 0.3 ? Math.floor(random() * 40 * MINUTE) : 0), {
          type,
          value: type === 'rate' ? 1 + Math.floor(random() * 5) : null,
          sessionId: random() < 0.5 ? null : `s${Math.floor(batch / 3)}`,
          category: random() < 0.15 ? null : `cat-${Math.floor(random() * 70)}`,
        }),
      );
    }
    batches.push(events.reverse());
  }
  // More categories than are kept, tied in strength at the cut, so both sides must break ties alike.
  batches.push(Array.from({ length: 48 }, (_, i) => event(`wide-${i}`, clock, { category: `wide-${i}` })));
  return batches;
}

describe(`feature store (${getConfig().redis ? 'redis' : 'memory'})`, () => {
  const store = () => getFeatureStore().inner;

  it('uses the configured storage', () => {
    expect(getFeatureStore().kind).toBe(getConfig().redis ? 'redis' : 'memory');
  });

  it('reads back what it recorded, computed exactly as applyEvents does', async () => {
    expect(await store().read('nobody')).toBeNull();
    let expected: RealtimeProfile | null = null;
    for (const batch of scriptedBatches()) {
      expected = applyEvents(expected, batch, DEFAULT_EVENT_WEIGHTS);
      expectSameProfile(await store().record('parity', batch, DEFAULT_EVENT_WEIGHTS), expected);
    }
    expectSameProfile(await store().read('parity'), expected!);
    expect(Object.keys(expected!.categoryAffinity)).toHaveLength(MAX_CATEGORIES);
    expect(expected!.categoryAffinity).not.toHaveProperty('wide-47');
  });

  it('applies the weights it is given', async () => {
    const weights: EventWeights = { ...DEFAULT_EVENT_WEIGHTS, click: 10 };
    const profile = await store().record('weighted', [event('a', T0, { type: 'click', category: 'books' })], weights);
    expect(profile.categoryAffinity).toEqual({ books: 10 });
  });

  it('forgets a user', async () => {
    await store().record('leaving', [event('a', T0)], DEFAULT_EVENT_WEIGHTS);
    await store().forget('leaving');
    expect(await store().read('leaving')).toBeNull();
    expect((await store().record('leaving', [event('b', T0 + 1)], DEFAULT_EVENT_WEIGHTS)).version).toBe(1);
  });

  it('loses nothing when many records for one user race', async () => {
    const RECORDS = RECENT_LIMIT + 30;
    await store().record('busy', [event('first', T0)], DEFAULT_EVENT_WEIGHTS);
    await Promise.all(
      Array.from({ length: RECORDS }, (_, i) => store().record('busy', [event(`i${i}`, T0 + (i + 1) * 1000, { category: 'books', sessionId: 's' })], DEFAULT_EVENT_WEIGHTS)),
    );
    const profile = (await store().read('busy'))!;
    expect(profile.version).toBe(RECORDS + 1);
    expect(profile.recent.map((entry) => entry.itemId)).toEqual(Array.from({ length: RECENT_LIMIT }, (_, i) => `i${RECORDS - 1 - i}`));
    expect(profile.session).toMatchObject({ id: 's', views: RECORDS });
    expect(profile.categoryAffinity.books).toBeGreaterThan(RECORDS - 1);
  });

  it('records ingested events per user, with categories from the lookup', async () => {
    const ingested = (eventId: string, userId: string, itemId: string, type: EventType, minutes: number): NewEvent => ({
      eventId,
      userId,
      itemId,
      type,
      value: null,
      occurredAt: new Date(T0 + minutes * MINUTE),
      sessionId: null,
      context: null,
      recommendationId: null,
    });
    await recordRealtimeEvents(
      [ingested('e1', 'ann', 'book-1', 'view', 0), ingested('e2', 'bob', 'song-1', 'like', 1), ingested('e3', 'ann', 'book-2', 'purchase', 2)],
      (itemId) => (itemId.startsWith('book') ? 'books' : null),
      DEFAULT_EVENT_WEIGHTS,
    );
    const ann = (await store().read('ann'))!;
    expect(ann.recent.map((entry) => entry.itemId)).toEqual(['book-2', 'book-1']);
    expect(Object.keys(ann.categoryAffinity)).toEqual(['books']);
    expect(ann.categoryAffinity.books).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.view + DEFAULT_EVENT_WEIGHTS.purchase, 3);
    expect(ann.version).toBe(1);
    expect((await store().read('bob'))!.recent).toEqual([{ itemId: 'song-1', type: 'like', at: T0 + MINUTE, strength: DEFAULT_EVENT_WEIGHTS.like }]);
  });

  it.runIf(getConfig().redis !== null)('expires a profile after thirty idle days', async () => {
    await store().record('expiring', [event('a', T0)], DEFAULT_EVENT_WEIGHTS);
    const { url, prefix } = getConfig().redis!;
    const redis = createRedisClient(url, prefix);
    try {
      const ttl = await redis.pttl(profileKey('expiring'));
      expect(ttl).toBeGreaterThan(PROFILE_IDLE_TTL_MS - MINUTE);
      expect(ttl).toBeLessThanOrEqual(PROFILE_IDLE_TTL_MS);
    } finally {
      redis.disconnect();
    }
  });
});

const redisTarget = getConfig().redis && parseRedisUrl(getConfig().redis!.url);

describe.runIf(redisTarget)('feature store keys in Redis', () => {
  const { url, prefix } = getConfig().redis ?? { url: '', prefix: '' };
  const store = () => getFeatureStore().inner;

  it('writes the creation marker with a profile, and starts afresh when the marker is lost', async () => {
    const redis = createRedisClient(url, prefix);
    try {
      await redis.del(CREATED_KEY);
      const before = Date.now();
      await store().record('marked', [event('a', T0)], DEFAULT_EVENT_WEIGHTS);
      const marked = Number(await redis.get(CREATED_KEY));
      expect(marked).toBeGreaterThanOrEqual(before);
      await redis.del(CREATED_KEY);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A new process: the store above trusts what it read for a few seconds.
      const fresh = new RedisFeatureStore(createRedisClient(url, prefix));
      expect(await fresh.completeSince()).toBeGreaterThan(marked);
      await fresh.close();
    } finally {
      redis.disconnect();
    }
  });

  it.runIf(redisTarget?.kind === 'cluster')('spreads profiles over every master of a cluster', async () => {
    const users = Array.from({ length: 40 }, (_, i) => `spread-${i}`);
    await recordRealtimeEvents(
      users.map((userId, i) => ({ eventId: `s${i}`, userId, itemId: 'x', type: 'view', value: null, occurredAt: new Date(T0), sessionId: null, context: null, recommendationId: null })),
      () => null,
      DEFAULT_EVENT_WEIGHTS,
    );
    const cluster = createRedisClient(url, prefix);
    try {
      const holding = await Promise.all((await keyNodes(cluster)).map((node) => node.keys(`${prefix}${profileKey('spread-')}*`)));
      expect(holding.flat()).toHaveLength(users.length);
      expect(holding.every((keys) => keys.length > 0)).toBe(true);
    } finally {
      cluster.disconnect();
    }
  });
});

describe('newlyAccepted', () => {
  const ids = (events: NewEvent[]) => events.map((e) => `${e.eventId}@${e.itemId}`);
  const make = (eventId: string, itemId: string) => ({ eventId, itemId }) as NewEvent;

  it('drops duplicates, keeping the first copy of an id repeated within the request', () => {
    const events = [make('a', '1'), make('b', '1'), make('a', '2'), make('c', '1')];
    expect(ids(newlyAccepted(events, []))).toEqual(['a@1', 'b@1', 'a@2', 'c@1']);
    expect(ids(newlyAccepted(events, ['a']))).toEqual(['a@1', 'b@1', 'c@1']);
    expect(ids(newlyAccepted(events, ['a', 'a', 'c']))).toEqual(['b@1']);
  });
});

describe('MemoryFeatureStore', () => {
  it('evicts the least recently used user beyond its bound', async () => {
    const store = new MemoryFeatureStore(2);
    await store.record('a', [event('x', T0)], DEFAULT_EVENT_WEIGHTS);
    await store.record('b', [event('x', T0)], DEFAULT_EVENT_WEIGHTS);
    await store.read('a');
    await store.record('c', [event('x', T0)], DEFAULT_EVENT_WEIGHTS);
    expect(await store.read('b')).toBeNull();
    expect(await store.read('a')).not.toBeNull();
    expect(await store.read('c')).not.toBeNull();
  });

  it('drops a profile left idle for thirty days, and never lets a caller change what it stores', async () => {
    let clock = T0;
    const store = new MemoryFeatureStore(10, () => clock);
    const recorded = await store.record('a', [event('x', T0)], DEFAULT_EVENT_WEIGHTS);
    expect(() => {
      (recorded.recent as unknown[]).length = 0;
    }).toThrow(TypeError);
    const read = (await store.read('a'))!;
    read.recent.length = 0;
    expect((await store.read('a'))!.recent).toHaveLength(1);
    clock += PROFILE_IDLE_TTL_MS + 1;
    expect(await store.read('a')).toBeNull();
  });
});

type Behaviour = 'ok' | 'fail' | 'hang' | 'gate';

/** An inner store whose every call does what the test says, and is counted. */
class FakeStore implements FeatureStore {
  readonly kind = 'redis';
  behaviour: Behaviour = 'ok';
  calls = 0;
  private release: (() => void) | null = null;

  read = (userId: string) => this.answer<RealtimeProfile | null>(applyEvents(null, [event(userId, T0)], DEFAULT_EVENT_WEIGHTS));
  record = (_userId: string, events: RealtimeEvent[], weights: EventWeights) => this.answer({ ...applyEvents(null, events, weights), version: 99 });
  forget = () => this.answer(undefined);
  completeSince = () => this.answer(T0);
  close = async () => undefined;

  open(): void {
    this.release?.();
  }

  private answer<T>(value: T): Promise<T> {
    this.calls += 1;
    if (this.behaviour === 'fail') return Promise.reject(new Error('store down'));
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    if (this.behaviour === 'gate') return new Promise((resolve) => (this.release = () => resolve(value)));
    return Promise.resolve(value);
  }
}

describe('resilient feature store', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers null within the timeout when the store hangs', async () => {
    const inner = new FakeStore();
    inner.behaviour = 'hang';
    const store = resilient(inner, { timeoutMs: 5 });
    const started = performance.now();
    expect(await store.read('u')).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
    expect(store.health()).toEqual({ state: 'closed', lastError: 'feature store read took longer than 5 ms' });
  });

  it('never throws from record, logs the failure and answers the events alone', async () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const inner = new FakeStore();
    inner.behaviour = 'fail';
    const store = resilient(inner);
    const profile = await store.record('u', [event('a', T0, { category: 'books' })], DEFAULT_EVENT_WEIGHTS);
    expect(profile).toMatchObject({ recent: [{ itemId: 'a' }], categoryAffinity: { books: 1 } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not record 1 real-time events for user u'), 'store down');
  });

  it('opens after consecutive failures, then lets one trial through after the cooldown', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    vi.spyOn(log, 'info').mockImplementation(() => undefined);
    let clock = T0;
    const inner = new FakeStore();
    const store = resilient(inner, { failureThreshold: 3, cooldownMs: 5_000, timeoutMs: 1_000, now: () => clock });

    inner.behaviour = 'fail';
    for (let i = 0; i < 3; i++) expect(await store.read('u')).toBeNull();
    expect(store.health()).toEqual({ state: 'open', lastError: 'store down' });

    inner.behaviour = 'ok';
    expect(await store.read('u')).toBeNull();
    expect((await store.record('u', [event('a', T0)], DEFAULT_EVENT_WEIGHTS)).version).not.toBe(99);
    expect(inner.calls).toBe(3);

    clock += 5_000;
    expect(store.health().state).toBe('half-open');
    inner.behaviour = 'gate';
    const trial = store.read('u');
    expect(await store.read('u')).toBeNull();
    expect(inner.calls).toBe(4);
    inner.open();
    expect(await trial).not.toBeNull();
    expect(store.health()).toEqual({ state: 'closed', lastError: null });

    inner.behaviour = 'fail';
    for (let i = 0; i < 3; i++) await store.read('u');
    clock += 5_000;
    expect(await store.read('u')).toBeNull();
    expect(store.health().state).toBe('open');
    expect(inner.calls).toBe(8);
  });

  it('forgets even while open, and reports a failure to forget', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    vi.spyOn(log, 'info').mockImplementation(() => undefined);
    const inner = new FakeStore();
    const store = resilient(inner, { failureThreshold: 1 });
    inner.behaviour = 'fail';
    await store.read('u');
    expect(store.health().state).toBe('open');
    await expect(store.forget('u')).rejects.toThrow('store down');
    inner.behaviour = 'ok';
    await store.forget('u');
    expect(store.health().state).toBe('closed');
  });
});
