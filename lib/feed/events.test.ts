import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '@/lib/events/schema';
import { feedEvent, newEventId } from './events';

describe('feedEvent', () => {
  it('builds an event the events API accepts, tied to the served list', () => {
    const body = feedEvent({ userId: 'user-00001', itemId: 'item-00002', type: 'click', recommendationId: 'rec-1', page: '/feed' });
    expect(body).toMatchObject({ user_id: 'user-00001', item_id: 'item-00002', type: 'click', recommendation_id: 'rec-1', context: { page: '/feed', device: 'web' } });
    expect(eventInputSchema.safeParse(body).success).toBe(true);
  });

  it('gives every event its own id, so retries are deduplicated and new actions are not', () => {
    expect(newEventId(0)).toMatch(/^feed-0-[0-9a-z]{16}$/);
    expect(new Set(Array.from({ length: 1000 }, () => newEventId(0))).size).toBe(1000);
  });
});
