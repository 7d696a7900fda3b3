import { describe, expect, it } from 'vitest';
import { buildPositives, type CatalogItem, type TrainingData } from './data';
import { computePopularity, popularityScorer, topItems } from './popularity';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 0, 31);

interface Event {
  user: number;
  item: number;
  strength: number;
  ago: number;
}

function trainingData(items: CatalogItem[], events: Event[]): TrainingData {
  const userCount = Math.max(0, ...events.map((event) => event.user + 1));
  const log = {
    length: events.length,
    user: Uint32Array.from(events, (event) => event.user),
    item: Uint32Array.from(events, (event) => event.item),
    strength: Float32Array.from(events, (event) => event.strength),
    timestamp: Float64Array.from(events, (event) => NOW - event.ago),
  };
  return {
    userIds: Array.from({ length: userCount }, (_, user) => `u${user}`),
    itemIds: items.map((_, item) => `i${item}`),
    items,
    log,
    positives: buildPositives(userCount, items.length, log),
    now: NOW,
  };
}

function item(category: string | null, publishedAgo: number | null): CatalogItem {
  return { title: '', description: '', category, tags: [], publishedAt: publishedAgo === null ? null : NOW - publishedAgo };
}

/** `count` events on `item`, one per user starting at `firstUser`, spread evenly between `from` and `to` ago. */
function spread(itemIndex: number, count: number, from: number, to: number, firstUser: number, strength = 1): Event[] {
  return Array.from({ length: count }, (_, k) => ({ user: firstUser + k, item: itemIndex, strength, ago: from + ((to - from) * k) / Math.max(1, count - 1) }));
}

const OLD_CLASSIC = 0;
const BURST_TODAY = 1;
const STEADY = 2;
const NEW_RELEASE = 3;
const UNTOUCHED_NEW = 4;
const DISLIKED = 5;

const catalogue = [item('A', 700 * DAY), item('A', 365 * DAY), item('B', 400 * DAY), item('B', 2 * DAY), item(null, HOUR), item('A', 300 * DAY)];
const events: Event[] = [
  ...spread(OLD_CLASSIC, 40, 100 * DAY, 300 * DAY, 0),
  ...spread(BURST_TODAY, 12, HOUR, 6 * HOUR, 100, 2),
  { user: 200, item: BURST_TODAY, strength: 1, ago: 20 * DAY },
  // One a day, from twenty regulars.
  ...Array.from({ length: 60 }, (_, day) => ({ user: 300 + (day % 20), item: STEADY, strength: 1, ago: day * DAY + 12 * HOUR })),
  ...spread(NEW_RELEASE, 3, 3 * HOUR, 40 * HOUR, 400, 3),
  ...spread(DISLIKED, 30, HOUR, 5 * HOUR, 500, -4),
  // A like long ago, undone by a dislike: no positive interaction left.
  { user: 600, item: DISLIKED, strength: 4, ago: 400 * DAY },
  { user: 600, item: DISLIKED, strength: -4, ago: 399 * DAY },
];

describe('computePopularity', () => {
  const model = computePopularity(trainingData(catalogue, events));

  it('ranks the old item most people liked first all-time, and the burst today first in hot and rising', () => {
    expect(topItems(model, 'allTime', null)[0]).toBe(OLD_CLASSIC);
    expect([...topItems(model, 'allTime', null)]).not.toContain(DISLIKED);
    expect(topItems(model, 'hot', null)[0]).toBe(BURST_TODAY);
    expect(topItems(model, 'rising', null)[0]).toBe(BURST_TODAY);
    expect(topItems(model, 'allTime', null)[0]).not.toBe(BURST_TODAY);
  });

  it('counts distinct users with a net positive interaction as all-time popularity', () => {
    const scores = model.variants.allTime.scores;
    expect(scores[OLD_CLASSIC]).toBe(40);
    expect(scores[BURST_TODAY]).toBe(13);
    expect(scores[DISLIKED]).toBe(0);
  });

  it('keeps items without recent or growing engagement out of hot and rising', () => {
    expect([...topItems(model, 'hot', null)]).not.toContain(DISLIKED);
    expect([...topItems(model, 'rising', null)]).not.toContain(DISLIKED);
    expect([...topItems(model, 'rising', null)]).not.toContain(OLD_CLASSIC);
    expect([...topItems(model, 'rising', null)]).not.toContain(STEADY);
  });

  it('lists only recently published items as fresh, including ones nobody has touched yet', () => {
    expect([...topItems(model, 'fresh', null)]).toEqual([NEW_RELEASE, UNTOUCHED_NEW]);
    expect(model.variants.fresh.scores[OLD_CLASSIC]).toBe(0);
  });

  it('filters by category, and knows no unknown category', () => {
    expect([...topItems(model, 'allTime', 'A')]).toEqual([OLD_CLASSIC, BURST_TODAY]);
    expect([...topItems(model, 'hot', 'B')]).toEqual([NEW_RELEASE, STEADY]);
    expect([...topItems(model, 'fresh', 'B')]).toEqual([NEW_RELEASE]);
    expect(topItems(model, 'hot', 'Nope')).toHaveLength(0);
    expect(model.categories).toEqual(['A', 'B']);
  });

  it('cuts lists to the requested and the configured length', () => {
    expect([...topItems(model, 'allTime', null, 2)]).toEqual([OLD_CLASSIC, STEADY]);
    const short = computePopularity(trainingData(catalogue, events), { listLength: 1 });
    expect([...topItems(short, 'allTime', null)]).toEqual([OLD_CLASSIC]);
    expect([...topItems(short, 'allTime', 'B')]).toEqual([STEADY]);
  });

  it('scores the whole catalogue by all-time popularity as a scorer', () => {
    const out = new Float32Array(catalogue.length);
    popularityScorer(model).scoreItems(0, { items: new Uint32Array(0), strengths: new Float32Array(0) }, out);
    expect([...out]).toEqual([...model.variants.allTime.scores]);
  });
});

describe('rising', () => {
  const BIG = 0;
  const TINY = 1;
  const YOUNG_STEADY = 2;
  const items = [item('A', 365 * DAY), item('A', 365 * DAY), item('A', 3 * DAY)];
  const data = trainingData(items, [
    // Two a day for four weeks, then twenty today.
    ...spread(BIG, 56, 1 * DAY + HOUR, 29 * DAY - HOUR, 0),
    ...spread(BIG, 20, HOUR, 20 * HOUR, 100),
    // Nothing, then two today.
    ...spread(TINY, 2, HOUR, 2 * HOUR, 200),
    // Four a day since it came out three days ago.
    ...spread(YOUNG_STEADY, 12, HOUR, 3 * DAY - HOUR, 300),
  ]);
  const model = computePopularity(data);

  it('ranks an established item growing tenfold above a tiny one going from nothing to two', () => {
    expect([...topItems(model, 'rising', null)]).toEqual([BIG, TINY]);
    expect(model.variants.rising.scores[TINY]).toBeLessThan(2);
  });

  it('compares a young item with its own days since publication, not with weeks before it existed', () => {
    expect(model.variants.rising.scores[YOUNG_STEADY]).toBeCloseTo(1, 1);
  });

  it('takes the hot half-life as a parameter, for histories that span years', () => {
    const years = trainingData(
      [item('A', null), item('A', null)],
      [...spread(0, 50, 400 * DAY, 500 * DAY, 0), ...spread(1, 5, 30 * DAY, 40 * DAY, 100)],
    );
    expect(topItems(computePopularity(years), 'hot', null)[0]).toBe(1);
    expect(topItems(computePopularity(years, { hotHalfLifeDays: 365 }), 'hot', null)[0]).toBe(0);
  });
});

describe('anonymous events (users sharing minimal data)', () => {
  it('count in every variant exactly as the same events of users with rows', () => {
    const items = [item('A', 2 * DAY), item('A', 200 * DAY), item('B', 200 * DAY)];
    const events = [...spread(0, 4, HOUR, 2 * HOUR, 0), ...spread(1, 3, 20 * DAY, 30 * DAY, 4), { user: 7, item: 2, strength: 2, ago: HOUR }, { user: 7, item: 2, strength: -3, ago: HOUR }];
    const withRows = computePopularity(trainingData(items, events));
    const anonymous = trainingData(items, events);
    const empty = trainingData(items, []);
    const asAnonymous = computePopularity({ ...empty, anonymous: { log: anonymous.log, positives: anonymous.positives } });
    for (const variant of ['allTime', 'hot', 'rising', 'fresh'] as const) {
      expect(Array.from(asAnonymous.variants[variant].scores)).toEqual(Array.from(withRows.variants[variant].scores));
      expect(Array.from(asAnonymous.variants[variant].items)).toEqual(Array.from(withRows.variants[variant].items));
    }
    expect(withRows.variants.allTime.scores[0]).toBe(4);
  });
});
