import { apiRequest, queryString } from '@/lib/console/api-client';
import type { FeedEventBody } from '@/lib/feed/events';
import type { RecommendationResponse, ServedItem } from '@/lib/serving/contract';

export type FeedItem = ServedItem;
export type FeedPage = Pick<RecommendationResponse, 'recommendation_id' | 'items' | 'next_cursor' | 'fallback'>;

export const FEED_PAGE_SIZE = 24;
export const SIMILAR_COUNT = 12;

/** The public API as the demo's browser calls it: with the demo key, as any client app would. */
export interface FeedApi {
  feed(query: { user: string; cursor?: string; exclude: readonly string[] }): Promise<FeedPage>;
  similar(itemId: string, user: string): Promise<FeedPage>;
  sendEvent(event: FeedEventBody): Promise<void>;
}

export function feedApi(apiKey: string | null): FeedApi {
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  return {
    feed: ({ user, cursor, exclude }) =>
      apiRequest<FeedPage>(`/api/v1/recommendations${queryString({ user, n: FEED_PAGE_SIZE, cursor, exclude: cursor ? undefined : exclude.join(',') })}`, { headers }),
    similar: (itemId, user) => apiRequest<FeedPage>(`/api/v1/items/${encodeURIComponent(itemId)}/similar${queryString({ user, n: SIMILAR_COUNT })}`, { headers }),
    // keepalive: an "open" event must arrive even when the click navigates away at once.
    sendEvent: async (event) => {
      await apiRequest('/api/v1/events', { method: 'POST', json: event, headers, keepalive: true });
    },
  };
}

export const feedQueryKey = (user: string) => ['feed', 'recommendations', user] as const;
export const similarQueryKey = (itemId: string, user: string) => ['feed', 'similar', itemId, user] as const;
