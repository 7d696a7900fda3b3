'use client';

import Link from 'next/link';
import { cardCaption, displayTitle } from '@/lib/feed/caption';
import type { FeedItem } from './feed-api';
import styles from './feed.module.css';
import { Poster } from './poster';

interface ItemCardProps {
  item: FeedItem;
  liked: boolean;
  onOpen: () => void;
  onLike: () => void;
  onDismiss: () => void;
}

export function ItemCard({ item, liked, onOpen, onLike, onDismiss }: ItemCardProps) {
  const { caption, badge } = cardCaption(item.reasons);
  const title = displayTitle(item);
  return (
    <article className={styles.card} data-item-id={item.id}>
      <Link href={`/feed/item/${encodeURIComponent(item.id)}`} className={styles.cardLink} onClick={onOpen}>
        <Poster item={item} badge={badge} />
        <div>
          <h3 className={styles.cardTitle} title={title}>
            {title}
          </h3>
          {caption && <p className={styles.caption} title={caption} data-caption>{caption}</p>}
        </div>
      </Link>
      <div className={styles.cardActions}>
        <button type="button" className={styles.iconButton} aria-label={`Like ${title}`} aria-pressed={liked} onClick={onLike} disabled={liked}>
          {liked ? '♥' : '♡'}
        </button>
        <button type="button" className={styles.iconButton} aria-label={`Not interested in ${title}`} title="Not interested" onClick={onDismiss}>
          ✕
        </button>
      </div>
    </article>
  );
}
