'use client';

import { useFeed } from './feed-provider';
import styles from './feed.module.css';

/** The subtle confirmation after an action: what was recorded and how fast the feed caught up. */
export function FeedToast() {
  const { notice } = useFeed();
  if (!notice) return null;
  return (
    <div key={notice.at} className={`${styles.toast} ${notice.tone === 'good' ? styles.toastGood : styles.toastBad}`} role={notice.tone === 'bad' ? 'alert' : 'status'} data-feed-toast>
      {notice.text}
      {notice.action && (
        <button type="button" className={styles.toastAction} onClick={notice.action.run}>
          {notice.action.label}
        </button>
      )}
    </div>
  );
}
