import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { CommandError } from '@/lib/runtime/command-errors';
import { catalogChanged } from '@/lib/serving/state';
import type { Item, ItemInput, ItemPatch } from './schema';
import * as store from './store';

/**
 * The catalogue's writes, each with its invalidation (every process's catalogue mirror re-reads)
 * and its audit entry. Routes parse and answer; they never write the catalogue themselves.
 */

/** A bulk upsert's audit entry names this many of its ids; the counts cover the rest. */
const AUDITED_IDS = 20;

export async function createItem(conn: DatabaseConnection, by: Principal, input: ItemInput): Promise<Item> {
  const created = await store.insertItem(conn, input);
  catalogChanged();
  if (!created) throw CommandError.conflict(`item '${input.id}' already exists; use PUT /api/v1/items/${input.id} to replace it`);
  await recordAudit(conn, by, { action: 'item.create', targetType: 'item', targetId: created.id, details: { title: created.title, category: created.category } });
  return created;
}

export async function upsertItemBatch(conn: DatabaseConnection, by: Principal, inputs: ItemInput[]): Promise<store.UpsertResult> {
  const result = await store.upsertItems(conn, inputs);
  catalogChanged();
  const ids = inputs.map((item) => item.id);
  await recordAudit(conn, by, { action: 'item.bulk_upsert', targetType: 'item', targetId: 'bulk', details: { ...result, count: ids.length, ids: ids.slice(0, AUDITED_IDS) } });
  return result;
}

/** Creates or replaces the whole item; audited only when something was written. */
export async function replaceItem(conn: DatabaseConnection, by: Principal, input: ItemInput): Promise<{ item: Item | null; created: boolean }> {
  const { created, updated } = await store.upsertItems(conn, [input]);
  catalogChanged();
  if (created + updated > 0) await recordAudit(conn, by, { action: created ? 'item.create' : 'item.replace', targetType: 'item', targetId: input.id });
  return { item: await store.getItem(conn, input.id), created: created > 0 };
}

/** `parsePatch` validates the patch against the item as it stands (null when there is none). */
export async function updateItem(conn: DatabaseConnection, by: Principal, id: string, parsePatch: (current: Item | null) => ItemPatch): Promise<Item> {
  const patch = parsePatch(await store.getItem(conn, id));
  const item = await store.patchItem(conn, id, patch);
  catalogChanged();
  if (!item) throw CommandError.notFound('item', id);
  await recordAudit(conn, by, { action: 'item.update', targetType: 'item', targetId: id, details: { fields: Object.keys(patch) } });
  return item;
}

/** Soft delete: the item is hidden from every list and recommendation; its history stays. */
export async function hideItem(conn: DatabaseConnection, by: Principal, id: string): Promise<Item> {
  const item = await store.hideItem(conn, id);
  catalogChanged();
  if (!item) throw CommandError.notFound('item', id);
  await recordAudit(conn, by, { action: 'item.hide', targetType: 'item', targetId: id });
  return item;
}
