import { describe, expect, it, vi } from 'vitest';
import { getCache } from '@/lib/cache';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { catalogEntry, catalogOf, feedInputOf, rankingRequestOver, servingUserOf } from '@/lib/testing/serving-space';
import type { ServingSnapshot } from './context';
import { ServingInputError, type RankedList } from './contract';
import { cachedResponse, deliver, forgetUserPages, pageOf, responseKey } from './pages';
import type { RankingRequest } from './rank';

function snapshotOf(entries = [catalogEntry('a'), catalogEntry('b'), catalogEntry('hidden', { hidden: true }), catalogEntry('c'), catalogEntry('d')]): ServingSnapshot {
  return { model: null, catalog: catalogOf(entries), weights: DEFAULT_EVENT_WEIGHTS, rules: [] };
}

const user = servingUserOf();
const input = feedInputOf;
const request = (overrides: Partial<RankingRequest> = {}) => rankingRequestOver(snapshotOf(), overrides);

describe('the response cache key', () => {
  it('tells apart page sizes, diversity settings and contexts, and repeats for the same request', () => {
    const key = responseKey(request());
    expect(responseKey(request())).toBe(key);
    expect(responseKey(request({ input: input({ n: 100 }) }))).not.toBe(key);
    expect(responseKey(request({ diversity: { lambda: 0.8, max_per_category: 2 } }))).not.toBe(key);
    expect(responseKey(request({ diversity: { lambda: 0.5, max_per_category: null } }))).not.toBe(key);
    expect(responseKey(request({ input: input({ context: 'search' }) }))).not.toBe(key);
    expect(responseKey(request({ user: { ...user, profileVersion: 4 } }))).not.toBe(key);
  });

  it('is ignored for the cursor, and absent for sessions and explained feeds', () => {
    expect(responseKey(request({ input: input({ cursor: 'abc' }) }))).toBe(responseKey(request()));
    expect(responseKey(request({ input: input({}, 'session') }))).toBeNull();
    expect(responseKey(request({ input: input({ explain: true }) }))).toBeNull();
  });
});

describe('pages', () => {
  const list: RankedList = {
    userId: 'u1',
    strategy: 'hybrid',
    experiment: null,
    variant: null,
    modelVersion: 1,
    fallback: null,
    items: ['a', 'b', 'hidden', 'c', 'd'].map((id) => ({ id, title: id, category: 'Drama', score: 1, reasons: [] })),
  };

  it('slices the stored list page by page, skipping what the catalogue hides since, until it ends', async () => {
    const snapshot = snapshotOf();
    const first = await deliver({ input: input({ n: 2 }), snapshot, list, fallback: null, started: performance.now(), timings: {} });
    expect(first.items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(first.next_cursor).not.toBeNull();
    // The list is stored off the response's path.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const page = await pageOf('u1', first.next_cursor!);
    const second = await deliver({ input: input({ n: 2 }), snapshot, list: page.list, fallback: null, started: performance.now(), timings: {}, page });
    expect(second.items.map((item) => item.id)).toEqual(['c', 'd']);
    expect(second.next_cursor).toBeNull();
  });

  it("refuses a cursor that is not one of ours or is someone else's", async () => {
    await expect(pageOf('u1', 'not-a-cursor')).rejects.toBeInstanceOf(ServingInputError);
    const first = await deliver({ input: input({ n: 2 }), snapshot: snapshotOf(), list, fallback: null, started: performance.now(), timings: {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(pageOf('someone-else', first.next_cursor!)).rejects.toMatchObject({ field: 'cursor' });
  });

  it('answers a repeat from the list the first response stored, writing nothing', async () => {
    const key = `rec:test:${Math.random()}`;
    const first = await deliver({ input: input({ n: 2 }), snapshot: snapshotOf(), list, fallback: null, started: performance.now(), timings: {}, responseCacheKey: key });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const set = vi.spyOn(getCache(), 'set');
    try {
      const cached = (await cachedResponse(key, 'u1'))!;
      expect(cached.list).toEqual(list);
      const repeat = await deliver({ input: input({ n: 2 }), snapshot: snapshotOf(), list: cached.list, fallback: null, started: performance.now(), timings: {}, stored: cached });
      expect(repeat.items.map((item) => item.id)).toEqual(['a', 'b']);
      expect(repeat.next_cursor).toBe(first.next_cursor);
      expect(set).not.toHaveBeenCalled();
    } finally {
      set.mockRestore();
    }
  });

  it("forgets one user's stored lists and cached responses, and only theirs", async () => {
    const owners = ['u1', 'u1:x', 'u1*'];
    const cursors = new Map<string, string>();
    for (const owner of owners) {
      const key = responseKey(request({ input: { ...input({ n: 2 }), userId: owner } }))!;
      const first = await deliver({ input: { ...input({ n: 2 }), userId: owner }, snapshot: snapshotOf(), list: { ...list, userId: owner }, fallback: null, started: performance.now(), timings: {}, responseCacheKey: key });
      cursors.set(owner, first.next_cursor!);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    await forgetUserPages('u1');
    await expect(pageOf('u1', cursors.get('u1')!)).rejects.toMatchObject({ field: 'cursor' });
    expect(await cachedResponse(responseKey(request({ input: { ...input({ n: 2 }), userId: 'u1' } })), 'u1')).toBeNull();
    for (const owner of ['u1:x', 'u1*']) expect((await pageOf(owner, cursors.get(owner)!)).list.userId).toBe(owner);
  });
});
