import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { events, items, users, type UserRow } from '@/db/schema';
import { forgetUserIdentity } from '@/lib/events/store';
import type { EventType } from '@/lib/events/types';
import { getFeatureStore } from '@/lib/realtime';
import type { User, UserInput } from './schema';

export function toUser(row: UserRow): User {
  return {
    id: row.externalId,
    preferences: { categories: row.preferredCategories, attributes: row.attributes },
    data_sharing: row.dataSharing,
    created_at: row.createdAt.toISOString(),
    last_active_at: row.lastActiveAt?.toISOString() ?? null,
  };
}

export async function upsertUser(conn: DatabaseConnection, input: UserInput): Promise<{ user: User; created: boolean }> {
  const values = {
    externalId: input.id,
    preferredCategories: input.preferences.categories,
    attributes: input.preferences.attributes,
    dataSharing: input.data_sharing,
  };
  const [existing] = await conn.db.select({ id: users.id }).from(users).where(eq(users.externalId, input.id)).limit(1);
  const [row] = await conn.db
    .insert(users)
    .values(values)
    .onConflictDoUpdate({ target: users.externalId, set: { ...values, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error(`upsert of user ${input.id} returned no row`);
  return { user: toUser(row), created: !existing };
}

/** Bulk form for imports and the demo world: one statement per batch. */
export async function upsertUsers(conn: DatabaseConnection, inputs: UserInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const unique = [...new Map(inputs.map((user) => [user.id, user])).values()];
  await conn.query(
    `insert into users (external_id, preferred_categories, attributes, data_sharing)
     select external_id, preferred_categories, attributes, data_sharing
     from json_to_recordset($1::json) as r(external_id text, preferred_categories text[], attributes jsonb, data_sharing data_sharing)
     on conflict (external_id) do update set preferred_categories = excluded.preferred_categories,
       attributes = excluded.attributes, data_sharing = excluded.data_sharing, updated_at = now()`,
    [
      JSON.stringify(
        unique.map((user) => ({
          external_id: user.id,
          preferred_categories: user.preferences.categories,
          attributes: user.preferences.attributes,
          data_sharing: user.data_sharing,
        })),
      ),
    ],
  );
}

export async function getUser(conn: DatabaseConnection, externalId: string): Promise<User | null> {
  const [row] = await conn.db.select().from(users).where(eq(users.externalId, externalId)).limit(1);
  return row ? toUser(row) : null;
}

export interface HistoryEntry {
  event_id: string;
  type: EventType;
  value: number | null;
  timestamp: string;
  item: { id: string; title: string; category: string | null };
}

export async function getUserHistory(conn: DatabaseConnection, externalId: string, limit: number): Promise<HistoryEntry[]> {
  const rows = await conn.db
    .select({
      eventId: events.eventId,
      type: events.type,
      value: events.value,
      occurredAt: events.occurredAt,
      itemId: items.externalId,
      title: items.title,
      category: items.category,
    })
    .from(events)
    .innerJoin(users, eq(users.id, events.userId))
    .innerJoin(items, eq(items.id, events.itemId))
    .where(eq(users.externalId, externalId))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit);
  return rows.map((row) => ({
    event_id: row.eventId,
    type: row.type,
    value: row.value,
    timestamp: row.occurredAt.toISOString(),
    item: { id: row.itemId, title: row.title, category: row.category },
  }));
}

/** The right to be forgotten: the user row goes, with their events, impressions and real-time profile. */
export async function deleteUser(conn: DatabaseConnection, externalId: string): Promise<{ deletedEvents: number } | null> {
  // First, so that if the feature store cannot forget, the whole deletion fails and can be retried.
  await getFeatureStore().forget(externalId);
  const deleted = await conn.query<{ events: number }>(
    `with target as (select id from users where external_id = $1),
     gone as (delete from events where user_id in (select id from target) returning 1),
     shown as (delete from impressions where user_id = $1)
     delete from users where id in (select id from target) returning (select count(*)::int from gone) as events`,
    [externalId],
  );
  forgetUserIdentity(conn, externalId);
  const [row] = deleted;
  return row ? { deletedEvents: row.events } : null;
}
