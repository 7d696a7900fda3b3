import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { IdentityMap } from './identity';
import type { NewEvent } from './schema';

const FOREIGN_KEY_VIOLATION = '23503';
/** A user's last-active time is a coarse signal; rewriting the row on every event would double the write load. */
export const LAST_ACTIVE_RESOLUTION_MS = 60_000;

interface Identities {
  users: IdentityMap;
  items: IdentityMap;
}

// Internal ids belong to one database, so the id caches hang off the connection.
const identitiesByConnection = new WeakMap<DatabaseConnection, Identities>();

function identitiesFor(conn: DatabaseConnection): Identities {
  let identities = identitiesByConnection.get(conn);
  if (!identities) {
    identities = { users: new IdentityMap('users'), items: new IdentityMap('items') };
    identitiesByConnection.set(conn, identities);
  }
  return identities;
}

/** A deleted user must not be resurrected from the cache by their next event. */
export function forgetUserIdentity(conn: DatabaseConnection, externalId: string): void {
  identitiesFor(conn).users.forget([externalId]);
}

/**
 * Stores events, creating unknown users and items on the fly. Returns the ids of the events
 * that were new; the others were already stored (idempotent retries). Durable on return.
 */
export async function insertEvents(conn: DatabaseConnection, events: NewEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  try {
    return await insertResolved(conn, events);
  } catch (error) {
    // Another instance deleted a user we still had cached: look every id up afresh once.
    if (!isForeignKeyViolation(error)) throw error;
    const identities = identitiesFor(conn);
    identities.users.clear();
    identities.items.clear();
    return insertResolved(conn, events);
  }
}

async function insertResolved(conn: DatabaseConnection, events: NewEvent[]): Promise<Set<string>> {
  const identities = identitiesFor(conn);
  const userIds = await identities.users.resolve(
    conn,
    events.map((event) => event.userId),
  );
  const itemIds = await identities.items.resolve(
    conn,
    events.map((event) => event.itemId),
  );
  const records = events.map((event) => ({
    event_id: event.eventId,
    user_id: userIds.get(event.userId),
    item_id: itemIds.get(event.itemId),
    type: event.type,
    value: event.value,
    occurred_at: event.occurredAt.toISOString(),
    session_id: event.sessionId,
    context: event.context,
    recommendation_id: event.recommendationId,
  }));
  const rows = await conn.query<{ event_id: string }>(
    `insert into events (event_id, user_id, item_id, type, value, occurred_at, session_id, context, recommendation_id)
     select event_id, user_id, item_id, type, value, occurred_at, session_id, context, recommendation_id
     from json_to_recordset($1::json) as r(event_id text, user_id integer, item_id integer, type event_type, value real,
       occurred_at timestamptz, session_id text, context jsonb, recommendation_id text)
     on conflict (event_id) do nothing
     returning event_id`,
    [JSON.stringify(records)],
  );
  return new Set(rows.map((row) => row.event_id));
}

/** Marks users active as of their latest event. Best effort: it runs after the events are stored. */
export async function touchUsers(conn: DatabaseConnection, events: NewEvent[]): Promise<void> {
  const latest = new Map<string, Date>();
  for (const event of events) {
    const seen = latest.get(event.userId);
    if (!seen || seen < event.occurredAt) latest.set(event.userId, event.occurredAt);
  }
  const userIds = await identitiesFor(conn).users.resolve(conn, latest.keys());
  const records = [...latest]
    .map(([externalId, at]) => ({ id: userIds.get(externalId), at: at.toISOString() }))
    .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  await conn.query(
    `update users set last_active_at = r.at
     from json_to_recordset($1::json) as r(id integer, at timestamptz)
     where users.id = r.id and (users.last_active_at is null or users.last_active_at < r.at - interval '${LAST_ACTIVE_RESOLUTION_MS} milliseconds')`,
    [JSON.stringify(records)],
  );
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === FOREIGN_KEY_VIOLATION;
}
