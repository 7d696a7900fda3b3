'use client';

import { useRouter } from 'next/navigation';
import { useFeed } from './feed-provider';
import styles from './feed.module.css';
import { useFeedAction } from './use-feed-action';

/** Like or dismiss the item a viewer is looking at; not from a served list, so no recommendation id. */
export function ItemActions({ item }: { item: { id: string; title: string } }) {
  const { viewer, liked } = useFeed();
  const action = useFeedAction();
  const router = useRouter();
  const isLiked = liked.has(item.id);
  return (
    <div className={styles.detailActions}>
      <button type="button" className={styles.ghostButton} aria-pressed={isLiked} disabled={!viewer || isLiked} onClick={() => action.mutate({ item, type: 'like', recommendationId: null })}>
        {isLiked ? '♥ Liked' : '♡ Like'}
      </button>
      <button
        type="button"
        className={styles.ghostButton}
        disabled={!viewer}
        onClick={() => {
          // Back to the feed at once: the Undo toast shows there, and the dislike is sent after it.
          action.mutate({ item, type: 'dislike', recommendationId: null });
          router.push('/feed');
        }}
      >
        ✕ Not interested
      </button>
    </div>
  );
}
