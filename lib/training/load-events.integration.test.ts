import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { itemInputSchema } from '@/lib/catalog/schema';
import { upsertItems } from '@/lib/catalog/store';
import { insertEvents } from '@/lib/events/store';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { loadTrainingData } from './load-events';

describe('loadTrainingData', () => {
  it('turns events into weighted, signed strengths per user and item', async () => {
    const conn = await getConnection();
    await upsertItems(conn, [itemInputSchema.parse({ id: 'space', title: 'Space Opera', category: 'Sci-Fi', tags: ['space'], published_at: '2026-01-01T00:00:00Z' })]);
    const at = new Date('2026-02-01T00:00:00Z');
    const event = (eventId: string, userId: string, itemId: string, type: 'view' | 'like' | 'dislike' | 'rate', value: number | null = null) => ({
      eventId, userId, itemId, type, value, occurredAt: at, sessionId: null, context: null, recommendationId: null,
    });
    await insertEvents(conn, [
      event('l1', 'ann', 'space', 'like'),
      event('l2', 'ann', 'space', 'view'),
      event('l3', 'bob', 'space', 'dislike'),
      event('l4', 'bob', 'drama', 'rate', 4),
    ]);
    const { data, lastEventId } = await loadTrainingData(conn, DEFAULT_EVENT_WEIGHTS);
    expect(lastEventId).toBeGreaterThan(0);
    expect(data.log.length).toBe(4);
    const ann = data.userIds.indexOf('ann');
    const bob = data.userIds.indexOf('bob');
    const space = data.itemIds.indexOf('space');
    const drama = data.itemIds.indexOf('drama');
    expect([...data.positives.rowIndices(ann)]).toEqual([space]);
    expect([...data.positives.rowValues(ann)]).toEqual([DEFAULT_EVENT_WEIGHTS.like + DEFAULT_EVENT_WEIGHTS.view]);
    // bob disliked space: not a positive; his 4-star rating is.
    expect([...data.positives.rowIndices(bob)]).toEqual([drama]);
    expect([...data.positives.rowValues(bob)]).toEqual([4 * DEFAULT_EVENT_WEIGHTS.rate]);
    expect(data.items[space]).toMatchObject({ title: 'Space Opera', category: 'Sci-Fi', publishedAt: Date.parse('2026-01-01T00:00:00Z') });
  });
});
