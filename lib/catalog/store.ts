import 'server-only';
import { and, arrayContains, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { items, type ItemRow } from '@/db/schema';
import type { Item, ItemInput, ItemListQuery, ItemPatch } from './schema';

export function toItem(row: ItemRow): Item {
  return {
    id: row.externalId,
    title: row.title,
    description: row.description,
    category: row.category,
    tags: row.tags,
    attributes: row.attributes,
    is_hidden: row.isHidden,
    published_at: row.publishedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export interface UpsertResult {
  created: number;
  updated: number;
  /** Rows already exactly as given: not rewritten, so re-imports cost no writes. */
  unchanged: number;
}

/**
 * Inserts or replaces whole items in one statement. `xmax = 0` tells a fresh row from an
 * updated one, so the caller can report what happened without a second query; rows that would
 * not change are left alone.
 */
export async function upsertItems(conn: DatabaseConnection, inputs: ItemInput[]): Promise<UpsertResult> {
  if (inputs.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const unique = dedupeLastWins(inputs);
  const rows = await conn.query<{ created: boolean }>(
    `insert into items (external_id, title, description, category, tags, attributes, is_hidden, published_at, expires_at)
     select external_id, title, description, category, tags, attributes, is_hidden, published_at, expires_at
     from json_to_recordset($1::json) as r(external_id text, title text, description text, category text, tags text[],
       attributes jsonb, is_hidden boolean, published_at timestamptz, expires_at timestamptz)
     on conflict (external_id) do update set
       title = excluded.title, description = excluded.description, category = excluded.category, tags = excluded.tags,
       attributes = excluded.attributes, is_hidden = excluded.is_hidden, published_at = excluded.published_at,
       expires_at = excluded.expires_at, updated_at = now()
     where (items.title, items.description, items.category, items.tags, items.attributes, items.is_hidden, items.published_at, items.expires_at)
       is distinct from (excluded.title, excluded.description, excluded.category, excluded.tags, excluded.attributes, excluded.is_hidden, excluded.published_at, excluded.expires_at)
     returning (xmax = 0) as created`,
    [JSON.stringify(unique.map(toItemRecord))],
  );
  const created = rows.filter((row) => row.created).length;
  return { created, updated: rows.length - created, unchanged: unique.length - rows.length };
}

/** Within one statement a key may appear once; a later entry is the caller's newer intent. */
function dedupeLastWins(inputs: ItemInput[]): ItemInput[] {
  return [...new Map(inputs.map((item) => [item.id, item])).values()];
}

function toItemRecord(item: ItemInput) {
  return {
    external_id: item.id,
    title: item.title,
    description: item.description,
    category: item.category,
    tags: item.tags,
    attributes: item.attributes,
    is_hidden: item.is_hidden,
    published_at: item.published_at?.toISOString() ?? null,
    expires_at: item.expires_at?.toISOString() ?? null,
  };
}

export async function insertItem(conn: DatabaseConnection, input: ItemInput): Promise<Item | null> {
  const [row] = await conn.db
    .insert(items)
    .values({
      externalId: input.id,
      title: input.title,
      description: input.description,
      category: input.category,
      tags: input.tags,
      attributes: input.attributes,
      isHidden: input.is_hidden,
      publishedAt: input.published_at,
      expiresAt: input.expires_at,
    })
    .onConflictDoNothing({ target: items.externalId })
    .returning();
  return row ? toItem(row) : null;
}

export async function getItem(conn: DatabaseConnection, externalId: string): Promise<Item | null> {
  const [row] = await conn.db.select().from(items).where(eq(items.externalId, externalId)).limit(1);
  return row ? toItem(row) : null;
}

export async function patchItem(conn: DatabaseConnection, externalId: string, patch: ItemPatch): Promise<Item | null> {
  const [row] = await conn.db
    .update(items)
    .set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.category !== undefined && { category: patch.category }),
      ...(patch.tags !== undefined && { tags: patch.tags }),
      ...(patch.attributes !== undefined && { attributes: patch.attributes }),
      ...(patch.is_hidden !== undefined && { isHidden: patch.is_hidden }),
      ...(patch.published_at !== undefined && { publishedAt: patch.published_at }),
      ...(patch.expires_at !== undefined && { expiresAt: patch.expires_at }),
      // The database's clock, like every other write: serving mirrors the catalogue by updated_at.
      updatedAt: sql`now()`,
    })
    .where(eq(items.externalId, externalId))
    .returning();
  return row ? toItem(row) : null;
}

/** Deleting an item hides it: its events stay, so history and metrics keep their meaning. */
export function hideItem(conn: DatabaseConnection, externalId: string): Promise<Item | null> {
  return patchItem(conn, externalId, { is_hidden: true });
}

const sortColumns = {
  created_at: items.createdAt,
  updated_at: items.updatedAt,
  published_at: items.publishedAt,
  title: items.title,
} as const;

export async function listItems(conn: DatabaseConnection, query: ItemListQuery): Promise<{ items: Item[]; total: number }> {
  const where = and(...itemFilters(query));
  const direction = query.sort.startsWith('-') ? desc : asc;
  const column = sortColumns[query.sort.replace(/^-/, '') as keyof typeof sortColumns];
  const [rows, [totals]] = await Promise.all([
    conn.db
      .select()
      .from(items)
      .where(where)
      .orderBy(direction(column), asc(items.id))
      .limit(query.limit)
      .offset(query.offset),
    conn.db.select({ total: count() }).from(items).where(where),
  ]);
  return { items: rows.map(toItem), total: totals?.total ?? 0 };
}

function itemFilters(query: ItemListQuery): SQL[] {
  const filters: SQL[] = [];
  if (query.hidden !== 'any') filters.push(eq(items.isHidden, query.hidden === 'true'));
  if (query.category) filters.push(eq(items.category, query.category));
  if (query.tag) filters.push(arrayContains(items.tags, [query.tag]));
  if (query.q) {
    // Whole words through the index; a title substring catches what people type half-way; an exact id is what people paste.
    const words = or(sql`${items.search} @@ websearch_to_tsquery('simple', ${query.q})`, ilike(items.title, `%${escapeLike(query.q)}%`), eq(items.externalId, query.q));
    if (words) filters.push(words);
  }
  return filters;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
