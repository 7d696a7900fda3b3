import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { getConnection } from '@/db';
import { itemListQuerySchema } from '@/lib/catalog/schema';
import { requireConsoleUser } from '@/lib/auth/guard';
import { listItems } from '@/lib/catalog/store';
import { categoryNames } from '@/lib/console/overview';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Catalog' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireConsoleUser('catalog:read', '/catalog');
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
  const conn = await getConnection();
  const [{ items, total }, categories] = await Promise.all([listItems(conn, query), categoryNames(conn)]);
  const pageLink = (offset: number) => `/catalog?${new URLSearchParams({ ...raw, offset: String(offset) })}`;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Catalog</h1>
          <div className="subtle">{total.toLocaleString('en-US')} items match</div>
        </div>
      </div>
      <form className="toolbar" action="/catalog">
        <input className="input" type="search" name="q" placeholder="Search titles, tags, descriptions" defaultValue={query.q ?? ''} aria-label="Search" />
        <select className="select" name="category" defaultValue={query.category ?? ''} aria-label="Category">
          <option value="">All categories</option>
          {categories.map((category) => (
            <option key={category}>{category}</option>
          ))}
        </select>
        <select className="select" name="hidden" defaultValue={query.hidden} aria-label="Visibility">
          <option value="false">Visible</option>
          <option value="true">Hidden</option>
          <option value="any">All</option>
        </select>
        <select className="select" name="sort" defaultValue={query.sort} aria-label="Sort">
          <option value="-created_at">Newest first</option>
          <option value="title">Title A–Z</option>
          <option value="-published_at">Recently published</option>
          <option value="-updated_at">Recently updated</option>
        </select>
        <button className="button" type="submit">
          Apply
        </button>
      </form>
      <div className="card" style={{ padding: 0 }}>
        {items.length === 0 ? (
          <EmptyState title="No items match">Try another search or category, or add items through the API.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Title</th>
                  <th>Category</th>
                  <th>Tags</th>
                  <th>Status</th>
                  <th>Published</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <div style={{ fontWeight: 550 }}>{item.title || <span className="subtle">(untitled)</span>}</div>
                      <div className="subtle">
                        <code>{item.id}</code>
                      </div>
                    </td>
                    <td>{item.category ?? <span className="subtle">—</span>}</td>
                    <td>
                      <div className="tags">
                        {item.tags.slice(0, 4).map((tag) => (
                          <span key={tag} className="badge badge-muted">
                            {tag}
                          </span>
                        ))}
                      </div>
                    </td>
                    <td>{itemStatus(item.is_hidden, item.expires_at)}</td>
                    <td className="subtle">{item.published_at?.slice(0, 10) ?? '—'}</td>
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
            <Link className="button button-secondary" href={pageLink(Math.max(0, query.offset - query.limit))}>
              Previous
            </Link>
          )}
          {query.offset + query.limit < total && (
            <Link className="button button-secondary" href={pageLink(query.offset + query.limit)}>
              Next
            </Link>
          )}
        </span>
      </div>
    </>
  );
}

function itemStatus(hidden: boolean, expiresAt: string | null) {
  if (hidden) return <span className="badge badge-bad">Hidden</span>;
  if (expiresAt && new Date(expiresAt) < new Date()) return <span className="badge badge-muted">Expired</span>;
  return <span className="badge badge-good">Live</span>;
}
