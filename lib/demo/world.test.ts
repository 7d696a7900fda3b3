import { describe, expect, it } from 'vitest';
import { itemInputSchema } from '@/lib/catalog/schema';
import { eventInputSchema, type NewEvent } from '@/lib/events/schema';
import { EVENT_TYPES } from '@/lib/events/types';
import { userInputSchema } from '@/lib/users/schema';
import { CATEGORY_VOCABULARIES } from './vocabulary';
import { clickProbability, demoWorldParamsSchema, generateEvents, generateWorld, REFERENCE_NOW, trueAffinity, type DemoWorld } from './world';

const SMALL = { seed: 7, items: 1_500, users: 400, events: 20_000 };
const DAY_MS = 86_400_000;

const world = generateWorld(SMALL);
const events = allEvents(world);
const itemIndex = new Map(world.items.map((item, index) => [item.input.id, index]));
const userIndex = new Map(world.users.map((user, index) => [user.input.id, index]));

function allEvents(of: DemoWorld, batchSize?: number): NewEvent[] {
  return [...generateEvents(of, batchSize)].flat();
}

function indexOf<K>(map: Map<K, number>, key: K): number {
  const index = map.get(key);
  if (index === undefined) throw new Error(`unknown id ${String(key)}`);
  return index;
}

describe('demo world parameters', () => {
  it('defaults to the documented world, anchored at a fixed moment', () => {
    expect(demoWorldParamsSchema.parse({})).toEqual({
      seed: 42,
      items: 5_000,
      users: 2_000,
      events: 150_000,
      categories: 20,
      dims: 16,
      days: 90,
      now: REFERENCE_NOW,
    });
  });

  it('rejects worlds it cannot build', () => {
    expect(() => generateWorld({ items: 5, categories: 20 })).toThrow(/at least one item per category/);
    expect(() => generateWorld({ categories: CATEGORY_VOCABULARIES.length + 1 })).toThrow();
    expect(() => generateWorld({ seed: -1 })).toThrow();
  });

  it('ships at least 20 category vocabularies with believable tag pools', () => {
    expect(CATEGORY_VOCABULARIES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CATEGORY_VOCABULARIES.map((vocabulary) => vocabulary.name)).size).toBe(CATEGORY_VOCABULARIES.length);
    for (const vocabulary of CATEGORY_VOCABULARIES) {
      expect(vocabulary.tags.length).toBeGreaterThanOrEqual(8);
      expect(vocabulary.tags.length).toBeLessThanOrEqual(15);
    }
  });
});

describe('generateWorld', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateWorld(SMALL);
    expect(again.items).toEqual(world.items);
    expect(again.users).toEqual(world.users);
    expect(allEvents(again)).toEqual(events);

    const other = generateWorld({ ...SMALL, seed: 8 });
    expect(other.items.map((item) => item.input.title)).not.toEqual(world.items.map((item) => item.input.title));
    expect(other.users.map((user) => Array.from(user.taste))).not.toEqual(world.users.map((user) => Array.from(user.taste)));
  });

  it('rebuilds the same world from parameters stored as JSON', () => {
    const stored = JSON.parse(JSON.stringify(world.params)) as unknown;
    const rebuilt = generateWorld(demoWorldParamsSchema.parse(stored));
    expect(rebuilt.params).toEqual(world.params);
    expect(rebuilt.users.map((user) => user.taste)).toEqual(world.users.map((user) => user.taste));
    expect(rebuilt.items.map((item) => item.vector)).toEqual(world.items.map((item) => item.vector));
  });

  it('keeps the catalogue and audience when only the event count changes', () => {
    const longer = generateWorld({ ...SMALL, events: SMALL.events * 2 });
    expect(longer.items).toEqual(world.items);
    expect(longer.users).toEqual(world.users);
  });

  it('builds items the catalogue API accepts', () => {
    expect(world.items).toHaveLength(SMALL.items);
    expect(world.items[0]?.input.id).toBe('item-00001');
    for (const { input } of world.items) {
      const parsed = itemInputSchema.parse({
        ...input,
        published_at: input.published_at?.toISOString() ?? null,
        expires_at: input.expires_at?.toISOString() ?? null,
      });
      expect(parsed).toEqual(input);
      expect(input.tags.length).toBeGreaterThanOrEqual(2);
      expect(input.tags.length).toBeLessThanOrEqual(5);
      expect(world.categories).toContain(input.category);
    }
    const titles = new Set(world.items.map((item) => item.input.title));
    expect(titles.size).toBe(SMALL.items);
  });

  it('spreads publication over about two years, with fresh, hidden and expired items', () => {
    const now = world.params.now.getTime();
    const published = world.items.map((item) => item.input.published_at?.getTime() ?? Number.NaN);
    expect(Math.min(...published)).toBeGreaterThan(now - 731 * DAY_MS);
    expect(Math.max(...published)).toBeLessThanOrEqual(now);
    expect(published.filter((time) => time > now - 7 * DAY_MS).length).toBeGreaterThan(0);
    expect(world.items.filter((item) => item.input.is_hidden).length).toBeGreaterThan(0);
    const expiries = world.items.flatMap((item) => (item.input.expires_at ? [item.input.expires_at.getTime()] : []));
    expect(expiries.filter((time) => time < now).length).toBeGreaterThan(0);
    expect(expiries.filter((time) => time > now).length).toBeGreaterThan(0);
    const retired = world.items.filter((item) => item.input.is_hidden || (item.input.expires_at?.getTime() ?? Infinity) < now);
    expect(retired.length / SMALL.items).toBeLessThan(0.03);
  });

  it('builds users the users API accepts, a third with stated preferences drawn from their true interests', () => {
    expect(world.users).toHaveLength(SMALL.users);
    expect(world.users[0]?.input.id).toBe('user-00001');
    for (const user of world.users) {
      expect(userInputSchema.parse(user.input)).toEqual(user.input);
      expect(user.taste).toHaveLength(world.params.dims);
      expect(user.interests.reduce((sum, interest) => sum + interest.weight, 0)).toBeCloseTo(1, 5);
      const interestNames = user.interests.map((interest) => world.categories[interest.categoryIndex]);
      for (const category of user.input.preferences.categories) expect(interestNames).toContain(category);
    }
    const explicit = world.users.filter((user) => user.input.preferences.categories.length > 0).length / SMALL.users;
    expect(explicit).toBeGreaterThan(0.25);
    expect(explicit).toBeLessThan(0.42);
    const standard = world.users.filter((user) => user.input.data_sharing === 'standard').length / SMALL.users;
    expect(standard).toBeGreaterThan(0.75);
  });
});

describe('generateEvents', () => {
  it('yields exactly the requested events in full batches with unique deterministic ids', () => {
    const batches = [...generateEvents(world, 3_000)];
    expect(batches.map((batch) => batch.length)).toEqual([3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 2_000]);
    expect(batches.flat()).toEqual(events);
    expect(events).toHaveLength(SMALL.events);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(SMALL.events);
    expect(events[0]?.eventId).toBe('demo-7-1');
    expect(allEvents(generateWorld({ ...SMALL, events: 0 }))).toEqual([]);
    // Batches smaller than a session still come out one size.
    const tiny = [...generateEvents(generateWorld({ ...SMALL, events: 50 }), 1)];
    expect(tiny.map((batch) => batch.length)).toEqual(new Array<number>(50).fill(1));
  });

  it('produces events the events API accepts', () => {
    for (const event of events.slice(0, 2_000)) {
      const parsed = eventInputSchema.parse({
        event_id: event.eventId,
        user_id: event.userId,
        item_id: event.itemId,
        type: event.type,
        value: event.value,
        timestamp: event.occurredAt.toISOString(),
        session_id: event.sessionId,
        context: event.context,
        recommendation_id: event.recommendationId,
      });
      expect(parsed.timestamp).toEqual(event.occurredAt);
    }
  });

  it('mixes mostly views and clicks with every other type, rating from one to five', () => {
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    for (const type of EVENT_TYPES) expect(counts.get(type) ?? 0).toBeGreaterThan(0);
    expect(((counts.get('view') ?? 0) + (counts.get('click') ?? 0)) / events.length).toBeGreaterThan(0.6);
    const badValues = events.filter((event) =>
      event.type === 'rate' ? !Number.isInteger(event.value) || (event.value ?? 0) < 1 || (event.value ?? 0) > 5 : event.value !== null,
    );
    expect(badValues).toEqual([]);
  });

  it('places every event inside the history window, while its item was live', () => {
    const now = world.params.now.getTime();
    const misplaced = events.filter((event) => {
      const at = event.occurredAt.getTime();
      const publishedAt = world.items[indexOf(itemIndex, event.itemId)]?.input.published_at?.getTime() ?? -Infinity;
      return at < now - world.params.days * DAY_MS || at > now || at < publishedAt;
    });
    expect(misplaced).toEqual([]);
  });

  it('groups events into short sessions of one user on one device', () => {
    const sessions = new Map<string, NewEvent[]>();
    for (const event of events) sessions.set(event.sessionId ?? '', [...(sessions.get(event.sessionId ?? '') ?? []), event]);
    expect(sessions.size).toBeGreaterThan(SMALL.events / 10);
    expect(sessions.size).toBeLessThan(SMALL.events / 2);
    for (const session of sessions.values()) {
      expect(new Set(session.map((event) => event.userId)).size).toBe(1);
      expect(new Set(session.map((event) => event.context?.device)).size).toBe(1);
    }
  });

  it('favours popular items: the top tenth gets far more than its share', () => {
    const perItem = new Array<number>(world.items.length).fill(0);
    for (const event of events) perItem[indexOf(itemIndex, event.itemId)]! += 1;
    const sorted = perItem.sort((a, b) => b - a);
    const topTenth = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((sum, count) => sum + count, 0);
    expect(topTenth / events.length).toBeGreaterThan(0.3);
  });

  it('has heavy-tailed user activity', () => {
    const perUser = new Array<number>(world.users.length).fill(0);
    for (const event of events) perUser[indexOf(userIndex, event.userId)]! += 1;
    const sorted = perUser.sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(sorted[0]).toBeGreaterThan(8 * median);
  });

  it('reveals tastes: users act mostly inside their true categories, far above chance', () => {
    let inside = 0;
    let chance = 0;
    for (const event of events) {
      const user = world.users[indexOf(userIndex, event.userId)];
      const item = world.items[indexOf(itemIndex, event.itemId)];
      if (!user || !item) throw new Error('event points outside the world');
      if (user.interests.some((interest) => interest.categoryIndex === item.categoryIndex)) inside++;
      chance += user.interests.length / world.categories.length;
    }
    expect(inside / events.length).toBeGreaterThan(0.7);
    expect(inside).toBeGreaterThan(4 * chance);
  });

  it('puts negative events on items the user likes less', () => {
    const meanAffinity = (selected: NewEvent[]) =>
      selected.reduce((sum, event) => sum + trueAffinity(world, indexOf(userIndex, event.userId), indexOf(itemIndex, event.itemId)), 0) / selected.length;
    const negative = events.filter((event) => event.type === 'dislike' || event.type === 'skip');
    const positive = events.filter((event) => ['like', 'purchase', 'share'].includes(event.type));
    expect(meanAffinity(positive) - meanAffinity(negative)).toBeGreaterThan(0.3);
    const ratings = events.filter((event) => event.type === 'rate');
    const high = ratings.filter((event) => (event.value ?? 0) >= 4);
    const low = ratings.filter((event) => (event.value ?? 0) <= 2);
    expect(meanAffinity(high)).toBeGreaterThan(meanAffinity(low));
  });
});

describe('ground truth', () => {
  it('gives in-taste items a higher affinity than the rest', () => {
    let inTaste = 0;
    let inCount = 0;
    let outside = 0;
    let outCount = 0;
    world.users.slice(0, 100).forEach((user, u) => {
      const favourite = user.interests[0]?.categoryIndex;
      const interests = new Set(user.interests.map((interest) => interest.categoryIndex));
      world.items.forEach((item, i) => {
        if (item.categoryIndex === favourite) {
          inTaste += trueAffinity(world, u, i);
          inCount++;
        } else if (!interests.has(item.categoryIndex)) {
          outside += trueAffinity(world, u, i);
          outCount++;
        }
      });
    });
    expect(inTaste / inCount - outside / outCount).toBeGreaterThan(0.3);
  });

  it('makes clicks likelier for better matches and higher positions', () => {
    const user = 0;
    const byAffinity = world.items.map((_, i) => i).sort((a, b) => trueAffinity(world, user, b) - trueAffinity(world, user, a));
    const best = byAffinity[0] ?? 0;
    const worst = byAffinity[byAffinity.length - 1] ?? 0;
    expect(clickProbability(world, user, best, 0)).toBeGreaterThan(clickProbability(world, user, worst, 0));
    expect(clickProbability(world, user, best, 0)).toBeGreaterThan(clickProbability(world, user, best, 5));
    for (const position of [0, 1, 10, 100]) {
      const probability = clickProbability(world, user, best, position);
      expect(probability).toBeGreaterThan(0);
      expect(probability).toBeLessThan(1);
    }
    expect(() => clickProbability(world, user, best, -1)).toThrow(RangeError);
    expect(() => trueAffinity(world, SMALL.users, 0)).toThrow(RangeError);
  });
});
