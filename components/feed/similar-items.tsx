'use client';

import { useQuery } from '@tanstack/react-query';
import { CardGrid, SkeletonGrid } from './card-grid';
import { similarQueryKey } from './feed-api';
import { useFeed } from './feed-provider';
import styles from './feed.module.css';

/** "More like this" under an item, from the similar-items endpoint, personalised for the viewer. */
export function SimilarItems({ itemId }: { itemId: string }) {
  const { api, viewer } = useFeed();
  const similar = useQuery({
    queryKey: similarQueryKey(itemId, viewer?.id ?? ''),
    queryFn: () => api.similar(itemId, viewer!.id),
    enabled: viewer !== null,
    staleTime: 30_000,
  });
  return (
    <section aria-label="More like this">
      <h2 className={styles.sectionTitle}>More like this</h2>
      {similar.isPending ? (
        <SkeletonGrid count={6} />
      ) : similar.isError ? (
        <p className={styles.errorText} role="alert">
          Similar titles did not load: {similar.error.message}{' '}
          <button type="button" className={styles.linkButton} onClick={() => void similar.refetch()}>
            Try again
          </button>
        </p>
      ) : similar.data.items.length === 0 ? (
        <p className={styles.heroSubtitle}>Nothing similar yet: this title is too new or too niche.</p>
      ) : (
        <CardGrid cards={similar.data.items.map((item) => ({ item, recommendationId: similar.data.recommendation_id }))} label="Similar titles" />
      )}
    </section>
  );
}
