import 'server-only';
import type { DatabaseConnection } from '@/db';
import type { CatalogItem } from '@/lib/models/data';

/** What serving needs to know about every catalogue item, held in memory. */
export interface CatalogEntry {
  id: string;
  title: string;
  description: string;
  category: string | null;
  tags: string[];
  hidden: boolean;
  publishedAt: number | null;
  expiresAt: number | null;
  updatedAt: number;
}

export function toCatalogItem(entry: CatalogEntry): CatalogItem {
  return { title: entry.title, description: entry.description, category: entry.category, tags: entry.tags, publishedAt: entry.publishedAt };
}

/**
 * `updated_at` is the time a writing transaction started, so a row can commit stamped earlier
 * than rows already read. Each poll therefore re-reads from a little before the previous poll's
 * database time (not from the newest row seen, which would re-read a bulk import forever);
 * unchanged rows are skipped. A write transaction open longer than this could be missed.
 */
const OVERLAP_SECONDS = 10;

type ItemRow = {
  external_id: string;
  title: string;
  description: string;
  category: string | null;
  tags: string[];
  is_hidden: boolean;
  published: number | null;
  expires: number | null;
  updated: number;
};

/**
 * The whole catalogue in memory, kept current by polling for rows updated since the last poll:
 * every web instance converges within one interval, with no coordination between them.
 */
export class CatalogMirror {
  readonly entries = new Map<string, CatalogEntry>();
  /** The database's clock at the previous poll, as text so no precision is lost. */
  private lastPoll: string | null = null;
  /** Bumped on every change, so derived views (new-item pools) know when to rebuild. */
  epoch = 0;

  constructor(private readonly conn: DatabaseConnection) {}

  async refresh(): Promise<number> {
    const [{ now } = { now: null }] = await this.conn.query<{ now: string }>('select now()::text as now');
    const rows = await this.conn.query<ItemRow>(
      `select external_id, title, description, category, tags, is_hidden,
              extract(epoch from published_at) * 1000 as published, extract(epoch from expires_at) * 1000 as expires,
              extract(epoch from updated_at) * 1000 as updated
       from items ${this.lastPoll === null ? '' : `where updated_at >= $1::timestamptz - interval '${OVERLAP_SECONDS} seconds'`}`,
      this.lastPoll === null ? [] : [this.lastPoll],
    );
    let changed = 0;
    for (const row of rows) {
      const entry = toEntry(row);
      const known = this.entries.get(entry.id);
      if (known && known.updatedAt === entry.updatedAt) continue;
      this.entries.set(entry.id, entry);
      changed += 1;
    }
    this.lastPoll = now;
    if (changed > 0) this.epoch += 1;
    return changed;
  }

  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }
}

function toEntry(row: ItemRow): CatalogEntry {
  return {
    id: row.external_id,
    title: row.title,
    description: row.description,
    category: row.category,
    tags: row.tags,
    hidden: row.is_hidden,
    publishedAt: row.published === null ? null : Number(row.published),
    expiresAt: row.expires === null ? null : Number(row.expires),
    updatedAt: Number(row.updated),
  };
}
