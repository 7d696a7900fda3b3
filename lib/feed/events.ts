import type { EventType } from '@/lib/events/types';
import { randomBase36 } from './identity';

/** 36^16 ≈ 8·10^24 ids per millisecond: a collision is out of reach. */
const EVENT_ID_RANDOM_LENGTH = 16;

/** What the feed reports: opening an item, liking it, or dismissing it. */
export type FeedEventType = Extract<EventType, 'click' | 'like' | 'dislike'>;

export interface FeedEventBody {
  event_id: string;
  user_id: string;
  item_id: string;
  type: FeedEventType;
  recommendation_id: string | null;
  context: { page: string; device: 'web' };
}

export function feedEvent(
  input: { userId: string; itemId: string; type: FeedEventType; recommendationId: string | null; page: string },
  eventId: string = newEventId(),
): FeedEventBody {
  return { event_id: eventId, user_id: input.userId, item_id: input.itemId, type: input.type, recommendation_id: input.recommendationId, context: { page: input.page, device: 'web' } };
}

/**
 * A unique event id that needs no secure context: `crypto.randomUUID` is missing on plain-http
 * origins other than localhost, where a self-hosted demo often runs; nanoid's
 * `crypto.getRandomValues` is not. The time prefix keeps ids in the order they were made.
 */
export function newEventId(now: number = Date.now()): string {
  return `feed-${now.toString(36)}-${randomBase36(EVENT_ID_RANDOM_LENGTH)}`;
}
