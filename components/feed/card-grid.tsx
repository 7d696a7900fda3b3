'use client';

import type { FeedItem } from './feed-api';
import { useFeed } from './feed-provider';
import styles from './feed.module.css';
import { ItemCard } from './item-card';
import { useFeedAction } from './use-feed-action';

export interface ServedCard {
  item: FeedItem;
  /** The list it was served in, sent back with every event about it. */
  recommendationId: string;
}

/** Cards with their actions wired to events; dismissed items are left out even before the refetch lands. */
export function CardGrid({ cards, label }: { cards: ServedCard[]; label: string }) {
  const { dismissed, liked } = useFeed();
  const action = useFeedAction();
  const hidden = new Set(dismissed);
  return (
    <div className={styles.grid} role="list" aria-label={label}>
      {cards
        .filter(({ item }) => !hidden.has(item.id))
        .map(({ item, recommendationId }) => (
          <div role="listitem" key={item.id}>
            <ItemCard
              item={item}
              liked={liked.has(item.id)}
              onOpen={() => action.mutate({ item, type: 'click', recommendationId })}
              onLike={() => action.mutate({ item, type: 'like', recommendationId })}
              onDismiss={() => action.mutate({ item, type: 'dislike', recommendationId })}
            />
          </div>
        ))}
    </div>
  );
}

export function SkeletonGrid({ count = 8 }: { count?: number }) {
  return (
    <div className={styles.grid} role="status" aria-label="Loading recommendations">
      {Array.from({ length: count }, (_, index) => (
        <div key={index}>
          <div className={styles.skeleton} />
          <div className={styles.skeletonLine} />
        </div>
      ))}
    </div>
  );
}
