import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import styles from '@/components/feed/feed.module.css';
import { ItemActions } from '@/components/feed/item-actions';
import { Poster } from '@/components/feed/poster';
import { SimilarItems } from '@/components/feed/similar-items';
import { getConnection } from '@/db';
import { getItem } from '@/lib/catalog/store';
import { isAvailable } from '@/lib/feed/availability';
import { itemFacts } from '@/lib/feed/facts';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

// Read on the server: the demo key may recommend and record events, not read the catalogue.
const availableItem = cache(async (id: string) => {
  const item = await getItem(await getConnection(), id);
  return item && isAvailable(item) ? item : null;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const item = await availableItem((await params).id);
  return { title: item ? item.title || item.id : 'Not available' };
}

export default async function FeedItemPage({ params }: { params: Params }) {
  const item = await availableItem((await params).id);
  if (!item) notFound();
  const facts = itemFacts(item.attributes);
  return (
    <>
      <Link href="/feed" className={styles.back}>
        ← Back to your feed
      </Link>
      <article className={styles.detail} data-item-page={item.id}>
        <Poster item={item} large />
        <div>
          {item.category && <div className={styles.detailCategory}>{item.category}</div>}
          <h1 className={styles.detailTitle}>{item.title || item.id}</h1>
          {facts.length > 0 && (
            <div className={styles.facts}>
              {facts.map((fact) => (
                <span key={fact}>{fact}</span>
              ))}
            </div>
          )}
          {item.description && <p className={styles.description}>{item.description}</p>}
          {item.tags.length > 0 && (
            <div className={styles.tags}>
              {item.tags.map((tag) => (
                <span key={tag} className={styles.tag}>
                  {tag}
                </span>
              ))}
            </div>
          )}
          <ItemActions item={{ id: item.id, title: item.title }} />
        </div>
      </article>
      <SimilarItems itemId={item.id} />
    </>
  );
}
