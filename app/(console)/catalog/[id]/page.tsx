import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ItemForm } from '@/components/catalog/item-form';
import { ItemStatsPanel } from '@/components/catalog/item-stats';
import { ItemStatus } from '@/components/catalog/item-status';
import { SimilarItems } from '@/components/catalog/similar-items';
import { VisibilityButton } from '@/components/catalog/visibility-button';
import styles from '@/components/catalog/catalog.module.css';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import type { Item } from '@/lib/catalog/schema';
import { getItem } from '@/lib/catalog/store';
import { categoryNames } from '@/lib/console/overview';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Item' };

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  // Next hands page parameters over decoded.
  const { id } = await params;
  const user = await requireConsoleUser('catalog:read', `/catalog/${encodeURIComponent(id)}`);
  const canWrite = can(user, 'catalog:write');
  const conn = await getConnection();
  const [item, categories] = await Promise.all([getItem(conn, id), categoryNames(conn)]);
  if (!item) notFound();

  return (
    <>
      <div className="subtle" style={{ marginBottom: 8 }}>
        <Link href="/catalog">← Catalog</Link>
      </div>
      <PageHeader
        title={item.title || item.id}
        subtitle={
          <>
            <code>{item.id}</code> · {item.category ?? 'no category'} · <ItemStatus item={item} />
          </>
        }
        actions={canWrite && <VisibilityButton item={item} />}
      />
      <div className="grid grid-2">
        <div>
          <section className={`card ${styles.section}`} aria-label="Performance">
            <h2>Performance, last 30 days</h2>
            <ItemStatsPanel itemId={item.id} />
          </section>
          <section className="card" aria-label="Details">
            {canWrite ? <ItemForm item={item} categories={categories} /> : <ItemDetails item={item} />}
          </section>
        </div>
        <section className="card" aria-label="Similar">
          <h2>Similar items</h2>
          <SimilarItems itemId={item.id} />
        </section>
      </div>
    </>
  );
}

/** An attribute as a reader would write it: lists joined, yes/no, JSON only for nested objects. */
function attributeText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value) && value.every((entry) => typeof entry !== 'object')) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function ItemDetails({ item }: { item: Item }) {
  const rows: [string, ReactNode][] = [
    ['Description', item.description || '—'],
    ['Tags', item.tags.length > 0 ? <span className="tags">{item.tags.map((tag) => <span key={tag} className="badge badge-muted">{tag}</span>)}</span> : '—'],
    ...Object.entries(item.attributes).map(([key, value]): [string, ReactNode] => [key, attributeText(value)]),
    ['Published', item.published_at ?? '—'],
    ['Expires', item.expires_at ?? 'never'],
    ['Updated', item.updated_at],
  ];
  return (
    <>
      <h2>Details</h2>
      <dl className={styles.details}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
