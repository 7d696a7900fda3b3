'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { viewerName } from '@/lib/feed/identity';
import { CardGrid, SkeletonGrid, type ServedCard } from './card-grid';
import { feedQueryKey, type FeedPage } from './feed-api';
import { useFeed } from './feed-provider';
import styles from './feed.module.css';
import { ViewerPicker } from './viewer-picker';

/** Fallbacks a viewer should hear about: the list is not personal right now. */
const FALLBACK_NOTES: Partial<Record<NonNullable<FeedPage['fallback']>, string>> = {
  no_model: 'The first model is still training: these are popular picks for now. Personal picks arrive in a minute or two.',
  popular: 'Personal picks are unavailable right now: these are popular picks.',
};

export function FeedView() {
  const { api, viewer, dismissed, startNewGuest } = useFeed();
  const feed = useInfiniteQuery({
    queryKey: feedQueryKey(viewer?.id ?? ''),
    // Dismissed items are read when the request is made, not part of the key: a dismissal refetches the same list.
    queryFn: ({ pageParam }) => api.feed({ user: viewer!.id, cursor: pageParam, exclude: dismissed }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: viewer !== null,
    staleTime: 30_000,
  });

  const cards: ServedCard[] = [];
  const shown = new Set<string>();
  for (const page of feed.data?.pages ?? []) {
    for (const item of page.items) {
      if (shown.has(item.id)) continue;
      shown.add(item.id);
      cards.push({ item, recommendationId: page.recommendation_id });
    }
  }
  const fallbackNote = feed.data?.pages[0]?.fallback ? FALLBACK_NOTES[feed.data.pages[0].fallback] : undefined;
  const refreshing = feed.isFetching && !feed.isPending && !feed.isFetchingNextPage;

  return (
    <>
      <div className={styles.hero}>
        <div>
          <h1 className={styles.heroTitle}>For you</h1>
          <div className={styles.heroSubtitle}>{viewer ? `Picked for ${viewerName(viewer.id)}, from what they watch, like and skip.` : 'Picking…'}</div>
        </div>
        {feed.isSuccess && (
          <span className={styles.status} role="status" data-feed-status={refreshing ? 'refreshing' : 'fresh'}>
            <span className={refreshing ? `${styles.statusDot} ${styles.statusDotBusy}` : styles.statusDot} aria-hidden />
            {refreshing ? 'Updating your picks…' : `Updated ${new Date(feed.dataUpdatedAt).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' })}`}
          </span>
        )}
      </div>
      <ViewerPicker />
      {fallbackNote && <div className={styles.banner}>{fallbackNote}</div>}
      {feed.isPending ? (
        <SkeletonGrid />
      ) : feed.isError ? (
        <div className={styles.message} role="alert">
          <h2>Your feed did not load</h2>
          <p className={styles.errorText}>{feed.error.message}</p>
          <button type="button" className={styles.pillButton} onClick={() => void feed.refetch()}>
            Try again
          </button>
        </div>
      ) : cards.length === 0 ? (
        <div className={styles.message}>
          <h2>You have seen it all</h2>
          <p>Nothing left to recommend for this viewer. Start over as a new guest, or pick someone else.</p>
          <button type="button" className={styles.pillButton} onClick={startNewGuest}>
            Start as a new guest
          </button>
        </div>
      ) : (
        <>
          <CardGrid cards={cards} label="Recommendations" />
          {feed.hasNextPage && (
            <div className={styles.more}>
              <button type="button" className={styles.ghostButton} onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
                {feed.isFetchingNextPage ? 'Loading…' : 'Show more'}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
