import 'server-only';
import type { DatabaseConnection } from '@/db';
import type { CatalogItem } from '@/lib/models/data';
import { TableMirror } from './mirror';

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

/** The whole catalogue in memory: what serving needs to know about every item. */
export class CatalogMirror extends TableMirror<ItemRow, CatalogEntry> {
  constructor(conn: DatabaseConnection) {
    super(conn, {
      table: 'items',
      columns: `external_id, title, description, category, tags, is_hidden,
                extract(epoch from published_at) * 1000 as published, extract(epoch from expires_at) * 1000 as expires,
                extract(epoch from updated_at) * 1000 as updated`,
      toEntry,
    });
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
