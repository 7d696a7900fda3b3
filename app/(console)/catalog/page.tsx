import Link from 'next/link';
import type { ReactNode } from 'react';
import { ItemStatus } from '@/components/catalog/item-status';
import styles from '@/components/catalog/catalog.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getReadConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { itemListQuerySchema, type ItemListQuery } from '@/lib/catalog/schema';
import { listItems } from '@/lib/catalog/store';
import { recentCtr } from '@/lib/catalog/stats';
import { categoryNames } from '@/lib/console/overview';
import { PosterThumb } from '@/components/catalog/poster-thumb';
import { clickThroughRate, CTR_DEFINITION } from '@/lib/metrics/ctr';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Catalog' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const RECENT_CTR_DAYS = 7;
type SortField = 'title' | 'published_at' | 'updated_at' | 'created_at';

export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireConsoleUser('catalog:read', '/catalog');
  const canWrite = can(user, 'catalog:write');
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === 'string' && value !== '' ? [[key, value]] : [])));
  const parsed = itemListQuerySchema.safeParse({ limit: '25', ...raw });
  if (!parsed.success) {
    return (
      <div className="error-box">
        Those filters are not valid: {parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}. <Link href="/catalog">Clear filters</Link>
      </div>
    );
  }
  const query = parsed.data;
  const conn = await getReadConnection();
  const [{ items, total }, categories] = await Promise.all([listItems(conn, query), categoryNames(conn)]);
  const recent = await recentCtr(conn, items.map((item) => item.id), RECENT_CTR_DAYS);
  const link = (changes: Record<string, string>) => `/catalog?${new URLSearchParams({ ...raw, ...changes })}`;
  const filtered = ['q', 'category', 'tag'].some((key) => key in raw) || query.hidden !== 'false';

  return (
    <>
      <PageHeader
        title="Catalog"
        subtitle={`${total.toLocaleString('en-US')} items match`}
        actions={
          canWrite && (
            <>
              <Link prefetch={false} className="button button-secondary" href="/catalog/import">
                Import
              </Link>
              <Link prefetch={false} className="button" href="/catalog/new">
                New item
              </Link>
            </>
          )
        }
      />
      <form className="toolbar" action="/catalog">
        <input className="input" type="search" name="q" placeholder="Search titles, tags, descriptions" defaultValue={query.q ?? ''} aria-label="Search" />
        <select className="select" name="category" defaultValue={query.category ?? ''} aria-label="Category">
          <option value="">All categories</option>
          {categories.map((category) => (
            <option key={category}>{category}</option>
          ))}
        </select>
        <input className={`input ${styles.tagInput}`} name="tag" placeholder="Tag" defaultValue={query.tag ?? ''} aria-label="Tag" />
        <select className="select" name="hidden" defaultValue={query.hidden} aria-label="Visibility">
          <option value="false">Visible</option>
          <option value="true">Hidden</option>
          <option value="any">All</option>
        </select>
        <select className="select" name="sort" defaultValue={query.sort} aria-label="Sort">
          <option value="-created_at">Newest first</option>
          <option value="created_at">Oldest first</option>
          <option value="title">Title A–Z</option>
          <option value="-title">Title Z–A</option>
          <option value="-published_at">Recently published</option>
          <option value="-updated_at">Recently updated</option>
        </select>
        <button className="button" type="submit">
          Apply
        </button>
        {filtered && (
          <Link prefetch={false} className="button button-secondary" href="/catalog">
            Clear
          </Link>
        )}
      </form>
      <div className="card" style={{ padding: 0 }}>
        {items.length === 0 ? (
          <EmptyState title="No items match">{filtered ? 'Try another search, tag or category.' : canWrite ? 'Create an item or import a file to fill the catalog.' : 'Items appear here once they are added.'}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <SortHeader field="title" query={query} link={link}>
                    Title
                  </SortHeader>
                  <th>Category</th>
                  <th className="num" title={`${CTR_DEFINITION}, last ${RECENT_CTR_DAYS} days`}>
                    CTR, {RECENT_CTR_DAYS} d
                  </th>
                  <th>Tags</th>
                  <th>Status</th>
                  <SortHeader field="published_at" query={query} link={link}>
                    Published
                  </SortHeader>
                  <SortHeader field="updated_at" query={query} link={link}>
                    Updated
                  </SortHeader>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <div className={styles.titleCell}>
                        <PosterThumb item={item} />
                        <div>
                          <Link prefetch={false} className={styles.itemTitle} href={`/catalog/${encodeURIComponent(item.id)}`}>
                            {item.title || <span className="subtle">(untitled)</span>}
                          </Link>
                          <div className="subtle">
                            <code>{item.id}</code>
                          </div>
                        </div>
                      </div>
                    </td>
                    <td>{item.category ?? <span className="subtle">—</span>}</td>
                    <td className="num">
                      <RecentCtr counts={recent.get(item.id)} />
                    </td>
                    <td>
                      <div className="tags">
                        {item.tags.slice(0, 4).map((tag) => (
                          <Link key={tag} prefetch={false} className="badge badge-muted" href={link({ tag, offset: '0' })}>
                            {tag}
                          </Link>
                        ))}
                        {item.tags.length > 4 && <span className="subtle">+{item.tags.length - 4}</span>}
                      </div>
                    </td>
                    <td>
                      <ItemStatus item={item} />
                    </td>
                    <td className={`subtle ${styles.date}`}>{item.published_at?.slice(0, 10) ?? '—'}</td>
                    <td className={`subtle ${styles.date}`}>{item.updated_at.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="pager">
        <span className="subtle">
          {total === 0 ? 0 : query.offset + 1}–{Math.min(query.offset + query.limit, total)} of {total.toLocaleString('en-US')}
        </span>
        <span style={{ display: 'flex', gap: 8 }}>
          {query.offset > 0 && (
            <Link prefetch={false} className="button button-secondary" href={link({ offset: String(Math.max(0, query.offset - query.limit)) })}>
              Previous
            </Link>
          )}
          {query.offset + query.limit < total && (
            <Link prefetch={false} className="button button-secondary" href={link({ offset: String(query.offset + query.limit) })}>
              Next
            </Link>
          )}
        </span>
      </div>
    </>
  );
}

function RecentCtr({ counts }: { counts: { impressions: number; clicks: number } | undefined }) {
  const ctr = clickThroughRate(counts?.clicks ?? 0, counts?.impressions ?? 0);
  if (ctr === null)
    return (
      <span className="subtle" title="Not in any served list these days">
        —
      </span>
    );
  return (
    <span title={`${counts!.clicks} of ${counts!.impressions} impressions clicked`}>
      {(ctr * 100).toFixed(1)}%<div className="subtle">{counts!.impressions.toLocaleString('en-US')} shown</div>
    </span>
  );
}

/** A column header that sorts on the server: the first click sorts ascending, the next flips it. */
function SortHeader({ field, query, link, children }: { field: SortField; query: ItemListQuery; link: (changes: Record<string, string>) => string; children: ReactNode }) {
  const direction = query.sort === field ? 'ascending' : query.sort === `-${field}` ? 'descending' : undefined;
  const next = direction === 'ascending' ? `-${field}` : field;
  return (
    <th aria-sort={direction}>
      <Link prefetch={false} className={styles.sortLink} href={link({ sort: next, offset: '0' })}>
        {children}
        <span aria-hidden className={styles.sortMark}>
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </Link>
    </th>
  );
}
