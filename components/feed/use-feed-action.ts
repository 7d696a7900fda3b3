'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { feedEvent, type FeedEventType } from '@/lib/feed/events';
import type { FeedItem } from './feed-api';
import { useFeed } from './feed-provider';

export interface FeedActionInput {
  item: Pick<FeedItem, 'id' | 'title'>;
  type: FeedEventType;
  /** The served list the item came from; null on an item page reached directly. */
  recommendationId: string | null;
}

const DONE: Record<FeedEventType, string> = { click: 'Opened', like: 'Liked', dislike: 'Hidden' };

/**
 * Posts a viewer's action as a real event, then refetches every feed list on the page: the
 * server folds the event into the profile at once, so the next list already reflects it.
 */
export function useFeedAction() {
  const { api, viewer, dismiss, markLiked, announce } = useFeed();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ item, type, recommendationId }: FeedActionInput) => {
      if (!viewer) throw new Error('the viewer is not known yet');
      const started = performance.now();
      await api.sendEvent(feedEvent({ userId: viewer.id, itemId: item.id, type, recommendationId, page: window.location.pathname }));
      await queryClient.invalidateQueries({ queryKey: ['feed'] });
      return performance.now() - started;
    },
    onMutate: ({ item, type }) => {
      if (type === 'dislike') dismiss(item.id);
      if (type === 'like') markLiked(item.id);
    },
    onSuccess: (elapsedMs, { item, type }) => {
      // Opening navigates away; the feed refetches on return, nothing to announce.
      if (type !== 'click') announce({ tone: 'good', text: `${DONE[type]} “${item.title || item.id}” · feed updated in ${(elapsedMs / 1000).toFixed(1)} s` });
    },
    onError: (error) => announce({ tone: 'bad', text: `That did not save: ${error instanceof Error ? error.message : 'unknown error'}` }),
  });
}
