import type { Item } from '@/lib/catalog/schema';

/** Whether serving may show the item now: hidden, scheduled, expired or live. */
export function ItemStatus({ item, now = new Date() }: { item: Pick<Item, 'is_hidden' | 'published_at' | 'expires_at'>; now?: Date }) {
  if (item.is_hidden) return <span className="badge badge-bad">Hidden</span>;
  if (item.expires_at && new Date(item.expires_at) <= now) return <span className="badge badge-muted">Expired</span>;
  if (item.published_at && new Date(item.published_at) > now) return <span className="badge">Scheduled</span>;
  return <span className="badge badge-good">Live</span>;
}
