import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import type { ItemInput } from '@/lib/catalog/schema';
import { upsertItems } from '@/lib/catalog/store';
import type { NewEvent } from '@/lib/events/schema';
import { insertEvents, touchUsers } from '@/lib/events/store';
import type { DatasetChange } from './changes';
import type { Dataset } from './dataset';

const ITEM_CHUNK = 2_000;
const ID_CHUNK = 5_000;
const EVENT_CHUNK = 5_000;

export const LOAD_STAGES = ['items', 'users', 'events'] as const;
export type LoadStage = (typeof LOAD_STAGES)[number];

export interface LoadProgress {
  stage: LoadStage;
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Prefix of every event id (the format's name): the same row imported again maps to the same event. */
  source: string;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadSummary {
  /** Created counts items that only interactions mention, which get an empty catalog entry. */
  items: { created: number; updated: number };
  users: { created: number };
  events: { inserted: number; duplicates: number };
  /** What reading the files changed to keep rows (trimmed values, dropped tags and rows). */
  changes: DatasetChange[];
}

/**
 * Writes a dataset into the database, idempotently: items are upserted, users created if absent,
 * and events carry deterministic ids, so a re-run inserts nothing new.
 */
export async function loadDataset(conn: DatabaseConnection, dataset: Dataset, options: LoadOptions): Promise<LoadSummary> {
  const report = options.onProgress ?? (() => undefined);
  const items = await loadItems(conn, dataset, report);
  const users = await loadUsers(conn, dataset, report);
  const events = await loadEvents(conn, dataset, options.source, report);
  return { items, users, events, changes: dataset.changes ?? [] };
}

type Report = (progress: LoadProgress) => void;

async function loadItems(conn: DatabaseConnection, dataset: Dataset, report: Report): Promise<LoadSummary['items']> {
  const total = dataset.itemIds.length;
  const counts = { created: 0, updated: 0 };
  report({ stage: 'items', done: 0, total });
  for (let start = 0; start < dataset.items.length; start += ITEM_CHUNK) {
    const chunk = dataset.items.slice(start, start + ITEM_CHUNK);
    const result = await upsertItems(conn, chunk.map(toItemInput));
    counts.created += result.created;
    counts.updated += result.updated;
    report({ stage: 'items', done: start + chunk.length, total });
  }
  // Items only interactions mention: created bare, never overwritten, as ingest would.
  for (let start = dataset.items.length; start < total; start += ID_CHUNK) {
    const chunk = dataset.itemIds.slice(start, start + ID_CHUNK);
    counts.created += await createMissing(conn, 'items', chunk);
    report({ stage: 'items', done: start + chunk.length, total });
  }
  return counts;
}

/**
 * Users are created if absent but never upserted: an existing user's preferences and data-sharing
 * choice are theirs, and a dataset has nothing to replace them with.
 */
async function loadUsers(conn: DatabaseConnection, dataset: Dataset, report: Report): Promise<LoadSummary['users']> {
  const total = dataset.userIds.length;
  let created = 0;
  report({ stage: 'users', done: 0, total });
  for (let start = 0; start < total; start += ID_CHUNK) {
    const chunk = dataset.userIds.slice(start, start + ID_CHUNK);
    created += await createMissing(conn, 'users', chunk);
    report({ stage: 'users', done: start + chunk.length, total });
  }
  return { created };
}

async function loadEvents(conn: DatabaseConnection, dataset: Dataset, source: string, report: Report): Promise<LoadSummary['events']> {
  const total = dataset.interactions.length;
  let inserted = 0;
  report({ stage: 'events', done: 0, total });
  for (let start = 0; start < total; start += EVENT_CHUNK) {
    const end = Math.min(start + EVENT_CHUNK, total);
    const events: NewEvent[] = [];
    for (let index = start; index < end; index += 1) events.push(toEvent(dataset, source, index));
    inserted += (await insertEvents(conn, events)).size;
    report({ stage: 'events', done: end, total });
  }
  // Once at the end rather than per chunk, as ingest does: on PGlite every extra statement costs a flush.
  const latest = latestEventPerUser(dataset, source);
  for (let start = 0; start < latest.length; start += ID_CHUNK) await touchUsers(conn, latest.slice(start, start + ID_CHUNK));
  return { inserted, duplicates: total - inserted };
}

function toItemInput(item: Dataset['items'][number]): ItemInput {
  return { ...item, attributes: {}, is_hidden: false, published_at: null, expires_at: null };
}

/** A rating becomes a `rate` event; an interaction without a value is a `click`. */
function toEvent({ interactions, userIds, itemIds }: Dataset, source: string, index: number): NewEvent {
  // Indices within `length` and the builder's interned ids are always present.
  const userId = userIds[interactions.user[index]!]!;
  const itemId = itemIds[interactions.item[index]!]!;
  const timestamp = interactions.timestamp[index]!;
  const value = interactions.value[index]!;
  const hasValue = !Number.isNaN(value);
  return {
    eventId: `${source}:${userId}:${itemId}:${timestamp}`,
    userId,
    itemId,
    type: hasValue ? 'rate' : 'click',
    value: hasValue ? value : null,
    occurredAt: new Date(timestamp),
    sessionId: null,
    context: null,
    recommendationId: null,
  };
}

function latestEventPerUser(dataset: Dataset, source: string): NewEvent[] {
  const { user, timestamp, length } = dataset.interactions;
  const latest = new Map<number, number>();
  for (let index = 0; index < length; index += 1) {
    const seen = latest.get(user[index]!);
    if (seen === undefined || timestamp[seen]! < timestamp[index]!) latest.set(user[index]!, index);
  }
  return Array.from(latest.values(), (index) => toEvent(dataset, source, index));
}

/** Inserts the ids not yet present (in sorted order, as ingest does, so concurrent writers lock alike); returns how many were new. */
async function createMissing(conn: DatabaseConnection, table: 'users' | 'items', externalIds: string[]): Promise<number> {
  const rows = await conn.query(
    `insert into ${table} (external_id) select unnest($1::text[]) on conflict (external_id) do nothing returning 1`,
    [[...externalIds].sort()],
  );
  return rows.length;
}
