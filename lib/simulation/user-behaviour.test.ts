import { describe, expect, it } from 'vitest';
import { generateWorld, trueAffinity } from '@/lib/demo/world';
import { eventBatchSchema } from '@/lib/events/schema';
import { itemIndexById, reactToList, visitRandom, type ServedList } from './user-behaviour';

const world = generateWorld({ seed: 7, items: 400, users: 60, events: 0 });
const items = itemIndexById(world);
const USER = 3;
const TRIALS = 3_000;

/** The user's items sorted by true affinity, best first. */
const ranked = world.items
  .map((item, index) => ({ id: item.input.id, affinity: trueAffinity(world, USER, index) }))
  .sort((a, b) => b.affinity - a.affinity);

/** Clicks over many lists; with `rotate`, each trial shifts the list by one so every item visits every slot. */
function clicksOver(itemIds: string[], { trials = TRIALS, seed = 1, rotate = false } = {}): { total: number; byPosition: number[] } {
  const byPosition = itemIds.map(() => 0);
  let total = 0;
  for (let trial = 1; trial <= trials; trial++) {
    const shift = rotate ? trial % itemIds.length : 0;
    const list: ServedList = { recommendationId: `rec-${trial}`, itemIds: [...itemIds.slice(shift), ...itemIds.slice(0, shift)] };
    const reaction = reactToList(world, items, list, { userIndex: USER, sessionId: 's', at: null }, visitRandom(seed, trial));
    total += reaction.clicks;
    for (const event of reaction.events) if (event.type === 'click') byPosition[list.itemIds.indexOf(event.item_id)]!++;
  }
  return { total, byPosition };
}

describe('reactToList', () => {
  it('clicks well-matched items far more often than poor matches', () => {
    const best = ranked.slice(0, 10).map((item) => item.id);
    const worst = ranked.slice(-10).map((item) => item.id);
    expect(ranked[0]!.affinity).toBeGreaterThan(0.5);
    const good = clicksOver(best).total;
    const poor = clicksOver(worst).total;
    expect(good).toBeGreaterThan(5 * Math.max(1, poor));
  });

  it('spends longer on opened items the better they match, and no time on a list left unopened', () => {
    const secondsPerClick = (itemIds: string[]) => {
      let seconds = 0;
      let clicks = 0;
      for (let trial = 1; trial <= TRIALS; trial++) {
        const reaction = reactToList(world, items, { recommendationId: `rec-${trial}`, itemIds }, { userIndex: USER, sessionId: 's', at: null }, visitRandom(1, trial));
        if (reaction.clicks === 0) expect(reaction.engagedSeconds).toBe(0);
        seconds += reaction.engagedSeconds;
        clicks += reaction.clicks;
      }
      return seconds / clicks;
    };
    const good = secondsPerClick(ranked.slice(0, 10).map((item) => item.id));
    const poor = secondsPerClick(ranked.slice(-10).map((item) => item.id));
    expect(good).toBeGreaterThan(2 * poor);
    expect(good).toBeLessThanOrEqual(300);
    expect(poor).toBeGreaterThanOrEqual(10);
  });

  it('clicks less the lower an item sits in the list', () => {
    // Ten well-matched items, rotated so each spends as long in every slot: only the position differs.
    const { byPosition } = clicksOver(ranked.slice(0, 10).map((item) => item.id), { rotate: true });
    expect(byPosition[0]!).toBeGreaterThan(byPosition[4]!);
    expect(byPosition[4]!).toBeGreaterThan(byPosition[9]!);
    // log2 discount: slot 10 gets log2(2) / log2(11) ≈ 29% of slot 1's clicks.
    expect(byPosition[9]! / byPosition[0]!).toBeGreaterThan(0.2);
    expect(byPosition[9]! / byPosition[0]!).toBeLessThan(0.4);
  });

  it('is deterministic for a seed and varies with it', () => {
    const list: ServedList = { recommendationId: 'rec-x', itemIds: ranked.slice(0, 20).map((item) => item.id) };
    const visit = { userIndex: USER, sessionId: 's-1', at: new Date('2025-03-01T12:00:00Z') };
    const run = (seed: number) => Array.from({ length: 50 }, (_, n) => reactToList(world, items, list, visit, visitRandom(seed, n + 1)).events);
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('emits valid API events that carry the recommendation id, with modest follow-ups', () => {
    const list: ServedList = { recommendationId: 'rec-follow', itemIds: [...ranked.slice(0, 5), ...ranked.slice(-5)].map((item) => item.id) };
    const counts = new Map<string, number>();
    for (let n = 1; n <= 2_000; n++) {
      const at = new Date(Date.UTC(2025, 2, 1) + n * 60_000);
      const { events } = reactToList(world, items, { ...list, recommendationId: `rec-${n}` }, { userIndex: USER, sessionId: `s-${n}`, at }, visitRandom(3, n));
      if (events.length > 0) expect(() => eventBatchSchema.parse(events)).not.toThrow();
      for (const event of events) {
        expect(event.recommendation_id).toBe(`rec-${n}`);
        expect(Date.parse(event.timestamp!)).toBeGreaterThan(at.getTime());
        counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      }
      expect(new Set(events.map((event) => event.event_id)).size).toBe(events.length);
    }
    const clicks = counts.get('click') ?? 0;
    expect(clicks).toBeGreaterThan(0);
    for (const type of ['like', 'skip', 'dislike', 'add_to_cart']) expect(counts.get(type) ?? 0).toBeGreaterThan(0);
    // Follow-ups are a fraction of clicks, purchases a fraction of carts.
    expect(counts.get('like')!).toBeLessThan(clicks * 0.3);
    expect(counts.get('purchase') ?? 0).toBeLessThanOrEqual(counts.get('add_to_cart')!);
  });

  it('omits timestamps without a clock and ignores items the world does not know', () => {
    const list: ServedList = { recommendationId: 'rec-u', itemIds: ['not-in-world', ranked[0]!.id] };
    let sawEvent = false;
    for (let n = 1; n <= 200; n++) {
      const reaction = reactToList(world, items, list, { userIndex: USER, sessionId: 's', at: null }, visitRandom(1, n));
      expect(reaction.unknown).toBe(1);
      expect(reaction.shown).toBe(1);
      for (const event of reaction.events) {
        sawEvent = true;
        expect(event.timestamp).toBeUndefined();
        expect(event.item_id).toBe(ranked[0]!.id);
      }
    }
    expect(sawEvent).toBe(true);
  });

  it('rejects a user index outside the world and a visit number below 1', () => {
    expect(() => reactToList(world, items, { recommendationId: 'r', itemIds: [] }, { userIndex: 999, sessionId: 's', at: null }, visitRandom(1, 1))).toThrow(RangeError);
    expect(() => visitRandom(1, 0)).toThrow(RangeError);
  });
});
