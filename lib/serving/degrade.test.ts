import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { catalogEntry, catalogOf, itemSpaceOver, rankingRequestOver, servingModelOver, servingUserOf } from '@/lib/testing/serving-space';
import type { ServingSnapshot } from './context';
import type { RankedList } from './contract';
import { neighboursAndTrending, rankWithFallbacks, servedFallback } from './degrade';

const entries = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => catalogEntry(id));
const model = servingModelOver(
  entries.map((entry) => entry.id),
  { neighbours: [[1, 2], [3], [], [], [], []], hot: [5, 4, 3, 0] },
);
const snapshot: ServingSnapshot = { model, catalog: catalogOf(entries), weights: DEFAULT_EVENT_WEIGHTS, rules: [] };
const history = (items: number[]) => ({ items: Uint32Array.from(items), strengths: Float32Array.from(items, () => 1) });

describe('the fallback ladder', () => {
  it("serves the neighbours of the user's items first, then what is hot, within what is allowed", () => {
    const items = neighboursAndTrending(snapshot, itemSpaceOver(entries), history([0]), (item) => item !== 0 && item !== 4, 4);
    expect(items.map((item) => item.id)).toEqual(['b', 'c', 'f', 'd']);
    expect(items[0]!.reasons[0]).toMatchObject({ kind: 'because_you_watched', item: 'a' });
    expect(items[2]!.reasons[0]).toMatchObject({ kind: 'trending' });
  });

  it('steps down to neighbours and trending when the pipeline fails, and says so', async () => {
    // The stand-in model has nothing to rank with: the pipeline throws at its first stage.
    const request = rankingRequestOver(snapshot, { user: servingUserOf({ strengths: new Map([['a', 2]]), seen: new Set(['a']) }) });
    const { list } = await rankWithFallbacks(request, 3);
    expect(list.fallback).toBe('neighbors_trending');
    expect(list.items.map((item) => item.id)).toEqual(['b', 'c', 'f']);
    expect(list).toMatchObject({ userId: 'u1', strategy: 'hybrid', modelVersion: 1 });
  });

  it('names a real-time store that did not answer, unless the list has a fallback of its own', () => {
    const list = { fallback: null } as RankedList;
    expect(servedFallback(list, true)).toBe('feature_store');
    expect(servedFallback(list, false)).toBeNull();
    expect(servedFallback({ ...list, fallback: 'ranker' }, true)).toBe('ranker');
  });
});
