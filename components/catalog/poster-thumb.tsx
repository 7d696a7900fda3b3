import { posterArt } from '@/lib/feed/placeholder';
import styles from './catalog.module.css';

/** The generated poster art the demo feed shows, small: the same colours for an item everywhere. */
export function PosterThumb({ item }: { item: { id: string; title: string; category: string | null } }) {
  const art = posterArt(item);
  return (
    <span className={styles.thumb} style={{ background: art.background }} aria-hidden>
      {art.initial}
    </span>
  );
}
