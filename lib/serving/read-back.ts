import 'server-only';
import { getConnection } from '@/db';
import type { EventType } from '@/lib/events/types';
import { RECENT_LIMIT } from '@/lib/realtime';
import { FORGETTING_TOPICS, onChange } from '@/lib/runtime/changes';
import { processSingleton } from '@/lib/runtime/singleton';
import type { Interaction } from './user-context';

/** Users whose read-back this process keeps; beyond it the oldest are read again on their next request. */
const MAX_USERS = 100_000;
/** Past this many users active in the lost window, every user is read back rather than listing them. */
const MAX_ACTIVE_USERS = 200_000;

interface ReadBack {
  /** The window read, so a newer model or a newer loss reads again. */
  from: number;
  to: number;
  events: Interaction[];
}

const readBacks = () =>
  processSingleton('serving-read-backs', () => {
    const cache = new Map<string, ReadBack>();
    // A forgotten user's events leave this cache in every process; unnamed, the whole cache goes.
    for (const topic of FORGETTING_TOPICS) onChange(topic, (userId) => forgetReadBacks(cache, userId));
    return cache;
  });
const activeUsers = () => processSingleton('serving-read-back-users', () => new Map<string, Promise<Set<string> | null>>());

/** The listing of active users names the user too: it is read again at the next request. */
function forgetReadBacks(cache: Map<string, ReadBack>, userId: string | undefined): void {
  if (userId === undefined) cache.clear();
  else cache.delete(userId);
  activeUsers().clear();
}

/**
 * The user's events between the model's training data and the feature store's creation: what the
 * store lost. Read from the database once per process and window, then kept (least recently used
 * go first), so only a user's first request after a loss pays for it.
 */
export async function readBackHistory(userId: string, from: number, to: number): Promise<Interaction[]> {
  const cache = readBacks();
  const known = cache.get(userId);
  if (known && known.from === from && known.to === to) {
    cache.delete(userId);
    cache.set(userId, known);
    return known.events;
  }
  const active = await usersActiveBetween(from, to);
  if (active && !active.has(userId)) return [];
  const events = await queryEvents(userId, from, to);
  cache.set(userId, { from, to, events });
  if (cache.size > MAX_USERS) cache.delete(cache.keys().next().value!);
  return events;
}

/**
 * Who has events in the lost window: one query per process and window, so that users with nothing
 * to read back (most of them) cost nothing. Null when there are too many to list.
 */
function usersActiveBetween(from: number, to: number): Promise<Set<string> | null> {
  const key = `${from}:${to}`;
  const known = activeUsers().get(key);
  if (known) return known;
  const listing = listActiveUsers(from, to);
  activeUsers().clear();
  activeUsers().set(key, listing);
  listing.catch(() => activeUsers().delete(key));
  return listing;
}

async function listActiveUsers(from: number, to: number): Promise<Set<string> | null> {
  const conn = await getConnection();
  const rows = await conn.query<{ id: string }>(
    `select distinct u.external_id as id from events e join users u on u.id = e.user_id
     where e.occurred_at > to_timestamp($1::float8 / 1000) and e.occurred_at <= to_timestamp($2::float8 / 1000) limit ${MAX_ACTIVE_USERS + 1}`,
    [from, to],
  );
  return rows.length > MAX_ACTIVE_USERS ? null : new Set(rows.map((row) => row.id));
}

async function queryEvents(userId: string, from: number, to: number): Promise<Interaction[]> {
  const conn = await getConnection();
  const rows = await conn.query<{ i: string; t: EventType; v: number | null }>(
    `select i.external_id as i, e.type as t, e.value as v
     from users u
     join lateral (select item_id, type, value from events
                   where user_id = u.id and occurred_at > to_timestamp($2::float8 / 1000) and occurred_at <= to_timestamp($3::float8 / 1000)
                   order by occurred_at desc, id desc limit ${RECENT_LIMIT}) e on true
     join items i on i.id = e.item_id
     where u.external_id = $1`,
    [userId, from, to],
  );
  return rows.map((row) => ({ itemId: row.i, type: row.t, value: row.v === null ? null : Number(row.v) }));
}
