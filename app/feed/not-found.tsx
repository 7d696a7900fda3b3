import Link from 'next/link';
import styles from '@/components/feed/feed.module.css';

export default function FeedNotFound() {
  return (
    <div className={styles.message}>
      <h2>This title is not available</h2>
      <p>It may have been removed, or it is not published yet.</p>
      <Link href="/feed" className={styles.pillButton}>
        Back to your feed
      </Link>
    </div>
  );
}
