'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UNDO_DISMISS_MS } from '@/lib/feed/dismissed';
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
 * A dismissal hides the item at once but is sent only after its Undo window (UNDO_DISMISS_MS).
 */
export function useFeedAction() {
  const { api, viewer, dismiss, undismiss, markLiked, announce } = useFeed();
  const queryClient = useQueryClient();
  const label = (item: FeedActionInput['item']) => `“${item.title || item.id}”`;

  /** True once the window passes or the page is left (the send uses keepalive); false on Undo. */
  const undoWindow = (item: FeedActionInput['item']) =>
    new Promise<boolean>((resolve) => {
      const keep = () => resolve(true);
      const timer = setTimeout(keep, UNDO_DISMISS_MS);
      window.addEventListener('pagehide', keep, { once: true });
      const undo = () => {
        clearTimeout(timer);
        window.removeEventListener('pagehide', keep);
        undismiss(item.id);
        announce({ tone: 'good', text: `Kept ${label(item)} · nothing was recorded` });
        resolve(false);
      };
      announce({ tone: 'good', text: `Hidden ${label(item)}`, action: { label: 'Undo', run: undo }, durationMs: UNDO_DISMISS_MS });
    });

  return useMutation({
    mutationFn: async ({ item, type, recommendationId }: FeedActionInput) => {
      if (!viewer) throw new Error('the viewer is not known yet');
      if (type === 'dislike' && !(await undoWindow(item))) return null;
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
      // Opening navigates away; the feed refetches on return, nothing to announce. Null: undone.
      if (type !== 'click' && elapsedMs !== null) announce({ tone: 'good', text: `${DONE[type]} ${label(item)} · feed updated in ${(elapsedMs / 1000).toFixed(1)} s` });
    },
    onError: (error) => announce({ tone: 'bad', text: `That did not save: ${error instanceof Error ? error.message : 'unknown error'}` }),
  });
}
