import type { ReactNode } from 'react';
import { PosterThumb } from '@/components/catalog/poster-thumb';
import styles from './explain.module.css';

export interface FeedColumn {
  key: string;
  heading: ReactNode;
  items: { id: string; title: string; category: string | null }[];
  /** Shown above the list, e.g. that serving fell back. */
  note?: ReactNode;
}

/**
 * Feeds side by side, each item with its rank and poster. An item some other column does not have
 * is highlighted, so what a strategy changes stands out without reading every title.
 */
export function FeedColumns({ columns, label }: { columns: FeedColumn[]; label: string }) {
  const idSets = columns.map((column) => new Set(column.items.map((item) => item.id)));
  const differs = (id: string) => idSets.some((ids) => !ids.has(id));
  return (
    <>
      <div className={styles.columns} aria-label={label} role="group">
        {columns.map((column) => (
          <section key={column.key} aria-label={typeof column.heading === 'string' ? column.heading : column.key} data-testid="feed-column">
            <h3 className={styles.columnHeading}>{column.heading}</h3>
            {column.note}
            {column.items.length === 0 ? (
              <p className="subtle">Nothing to recommend.</p>
            ) : (
              <ol className={styles.feedList}>
                {column.items.map((item, index) => (
                  <li key={item.id} className={styles.feedItem} data-differs={differs(item.id)}>
                    <span className={styles.rank}>{index + 1}</span>
                    <PosterThumb item={item} />
                    <span className={styles.itemText}>
                      <span className={styles.itemTitle} title={item.title || item.id}>
                        {item.title || item.id}
                      </span>
                      <span className="subtle">{item.category ?? '—'}</span>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        ))}
      </div>
      {columns.length > 1 && (
        <p className={styles.legend}>
          <span className={styles.differsSwatch} aria-hidden /> Highlighted: not in every column.
        </p>
      )}
    </>
  );
}
