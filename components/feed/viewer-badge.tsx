'use client';

import Link from 'next/link';
import { viewerName } from '@/lib/feed/identity';
import { useFeed } from './feed-provider';
import styles from './feed.module.css';
import { Avatar } from './viewer-picker';

/** Who the pages are personalised for; switching happens on the feed. */
export function ViewerBadge() {
  const { viewer } = useFeed();
  if (!viewer) return null;
  return (
    <Link href="/feed" className={styles.headerViewer} data-current-viewer={viewer.id}>
      <span className={styles.headerViewerLabel}>Watching as</span> <strong>{viewerName(viewer.id)}</strong>
      <Avatar userId={viewer.id} small />
    </Link>
  );
}
