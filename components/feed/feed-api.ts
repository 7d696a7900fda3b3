import type { FeedEventBody } from '@/lib/feed/events';
import { createBrowserClient, unwrap, type BrowserPaths } from '@/lib/sdk';

type Recommendations = BrowserPaths['/api/v1/recommendations']['get']['responses'][200]['content']['application/json'];
export type FeedItem = Recommendations['items'][number];
export type FeedPage = Pick<Recommendations, 'recommendation_id' | 'items' | 'next_cursor' | 'fallback'>;

export const FEED_PAGE_SIZE = 24;
export const SIMILAR_COUNT = 12;

/** The public API as the demo's browser calls it: with the demo key, as any client app would. */
export interface FeedApi {
  feed(query: { user: string; cursor?: string; exclude: readonly string[] }): Promise<FeedPage>;
  similar(itemId: string, user: string): Promise<FeedPage>;
  sendEvent(event: FeedEventBody): Promise<void>;
}

/** Through the SDK's browser client, on the page's own origin. */
export function feedApi(apiKey: string | null): FeedApi {
  const client = createBrowserClient({ baseUrl: '', publicKey: apiKey });
  return {
    feed: ({ user, cursor, exclude }) =>
      unwrap(client.GET('/api/v1/recommendations', { params: { query: { user, n: FEED_PAGE_SIZE, ...(cursor ? { cursor } : exclude.length > 0 && { exclude: exclude.join(',') }) } } })),
    similar: (itemId, user) => unwrap(client.GET('/api/v1/items/{id}/similar', { params: { path: { id: itemId }, query: { user, n: SIMILAR_COUNT } } })),
    // keepalive: an "open" event must arrive even when the click navigates away at once.
    sendEvent: async (event) => {
      await unwrap(client.POST('/api/v1/events', { body: event, keepalive: true }));
    },
  };
}

export const feedQueryKey = (user: string) => ['feed', 'recommendations', user] as const;
export const similarQueryKey = (itemId: string, user: string) => ['feed', 'similar', itemId, user] as const;
