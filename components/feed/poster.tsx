import { posterArt } from '@/lib/feed/placeholder';
import styles from './feed.module.css';

/** The generated poster: no network images, the same look for an item on every visit, and a different one for each item of a category. */
export function Poster({ item, badge, large = false }: { item: { id: string; title: string; category: string | null }; badge?: string | null; large?: boolean }) {
  const art = posterArt(item);
  return (
    <div className={large ? `${styles.poster} ${styles.posterLarge}` : styles.poster} style={{ background: `${art.texture}, ${art.background}` }} data-pattern={art.pattern} data-category={item.category ?? undefined} aria-hidden>
      <span className={styles.posterInitials}>{art.initials}</span>
      {badge && <span className={styles.posterBadge}>{badge}</span>}
      {item.category && <span className={styles.posterCategory}>{item.category}</span>}
    </div>
  );
}
