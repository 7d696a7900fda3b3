'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import styles from './catalog.module.css';

export function SimilarItems({ itemId }: { itemId: string }) {
  const query = useQuery({ queryKey: ['similar-items', itemId], queryFn: () => unwrap(consoleApi.GET('/api/v1/items/{id}/similar', { params: { path: { id: itemId }, query: { n: 10 } } })) });
  return (
    <QueryState query={query} isEmpty={(data) => data.items.length === 0} empty={{ title: 'No similar items yet', body: 'They appear once a model is trained or the item has content to compare.' }} loadingLabel="Finding similar items…">
      {(data) => (
        <ol className={styles.similarList} aria-label="Similar items">
          {data.items.map((similar) => (
            <li key={similar.id}>
              <span>
                <Link href={`/catalog/${encodeURIComponent(similar.id)}`}>{similar.title || similar.id}</Link>
                <div className="subtle">{similar.category ?? '—'}</div>
              </span>
              <span className={styles.score}>{similar.score.toFixed(3)}</span>
            </li>
          ))}
        </ol>
      )}
    </QueryState>
  );
}
