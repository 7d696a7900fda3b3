import 'server-only';
import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { events, experimentExposures, experiments, impressions, items, users, type UserRow } from '@/db/schema';
import type { EventType } from '@/lib/events/types';
import { affinityAt, getFeatureStore, type RecentInteraction, type SessionContext } from '@/lib/realtime';
import type { DataSharing, User, UserInput, UserListQuery, UserRecord } from './schema';

export function toUser(row: UserRow): User {
  return {
    id: row.externalId,
    preferences: { categories: row.preferredCategories, attributes: row.attributes },
    data_sharing: row.dataSharing,
    created_at: row.createdAt.toISOString(),
    last_active_at: row.lastActiveAt?.toISOString() ?? null,
  };
}

export interface UpsertedUser {
  user: User;
  created: boolean;
  /** The level before this write (null for a new user): lowering it is what forgetting hooks on. */
  previousDataSharing: DataSharing | null;
}

/** Creates the user or updates the fields the input names; omitted fields keep their stored values. */
export async function upsertUser(conn: DatabaseConnection, input: UserInput): Promise<UpsertedUser> {
  const given = {
    ...(input.preferences?.categories !== undefined && { preferredCategories: input.preferences.categories }),
    ...(input.preferences?.attributes !== undefined && { attributes: input.preferences.attributes }),
    ...(input.data_sharing !== undefined && { dataSharing: input.data_sharing }),
  };
  const [existing] = await conn.db.select({ dataSharing: users.dataSharing }).from(users).where(eq(users.externalId, input.id)).limit(1);
  const [row] = await conn.db
    .insert(users)
    .values({ externalId: input.id, ...given })
    .onConflictDoUpdate({ target: users.externalId, set: { ...given, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error(`upsert of user ${input.id} returned no row`);
  return { user: toUser(row), created: !existing, previousDataSharing: existing?.dataSharing ?? null };
}

/** Bulk form for imports and the demo world: one statement per batch. */
export async function upsertUsers(conn: DatabaseConnection, inputs: UserRecord[]): Promise<void> {
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

export type DeletedRows = {
  users: number;
  events: number;
  impressions: number;
  exposures: number;
};

/**
 * Every row that names the user, in one statement: their user row, events, impressions and
 * experiment exposures. The rest of forgetting (caches, model, tombstone) is in `./forget`.
 */
/** Whether any row names the user: their profile (which their events hang from), impressions or exposures. */
export async function isUserStored(conn: DatabaseConnection, externalId: string): Promise<boolean> {
  const [row] = await conn.query<{ stored: boolean }>(
    `select exists(select 1 from users where external_id = $1)
       or exists(select 1 from impressions where user_id = $1)
       or exists(select 1 from experiment_exposures where user_id = $1) as stored`,
    [externalId],
  );
  return row?.stored === true;
}

export async function deleteUserRows(conn: DatabaseConnection, externalId: string): Promise<DeletedRows> {
  const [row] = await conn.query<DeletedRows>(
    `with target as (select id from users where external_id = $1),
     gone as (delete from events where user_id in (select id from target) returning 1),
     shown as (delete from impressions where user_id = $1 returning 1),
     exposed as (delete from experiment_exposures where user_id = $1 returning 1),
     removed as (delete from users where id in (select id from target) returning 1)
     select (select count(*)::int from removed) as users, (select count(*)::int from gone) as events,
       (select count(*)::int from shown) as impressions, (select count(*)::int from exposed) as exposures`,
    [externalId],
  );
  return row ?? { users: 0, events: 0, impressions: 0, exposures: 0 };
}

export interface UserSummary extends User {
  event_count: number;
}

/** Users whose id contains `q` (case-insensitive), by id; with how many events each has. */
export async function listUsers(conn: DatabaseConnection, query: UserListQuery): Promise<{ users: UserSummary[]; total: number }> {
  const where = query.q ? sql`strpos(lower(${users.externalId}), lower(${query.q})) > 0` : undefined;
  // Spelled out: drizzle leaves columns unqualified inside a subquery, where `id` would be the event's.
  const eventCount = sql<number>`(select count(*)::int from events e where e.user_id = "users"."id")`;
  const [rows, [totalRow]] = await Promise.all([
    conn.db.select({ user: users, eventCount }).from(users).where(where).orderBy(asc(users.externalId)).limit(query.limit).offset(query.offset),
    conn.db.select({ value: count() }).from(users).where(where),
  ]);
  return { users: rows.map((row) => ({ ...toUser(row.user), event_count: row.eventCount })), total: totalRow?.value ?? 0 };
}

export interface ExportedEvent extends HistoryEntry {
  session_id: string | null;
  recommendation_id: string | null;
  context: Record<string, unknown> | null;
}

export interface ExportedImpression {
  recommendation_id: string;
  served_at: string;
  surface: string;
  items: string[];
  strategy: string;
  experiment: string | null;
  variant: string | null;
}

export interface ExperimentExposure {
  experiment: string;
  variant: string;
  first_exposed_at: string;
  device: string | null;
  returning: boolean | null;
}

/** The experiments the user was served in, and the variant each assigned them, earliest first. */
export async function getUserExposures(conn: DatabaseConnection, externalId: string): Promise<ExperimentExposure[]> {
  const rows = await conn.db
    .select({ experiment: experiments.key, variant: experimentExposures.variant, at: experimentExposures.firstExposedAt, device: experimentExposures.device, returning: experimentExposures.returning })
    .from(experimentExposures)
    .innerJoin(experiments, eq(experiments.id, experimentExposures.experimentId))
    .where(eq(experimentExposures.userId, externalId))
    .orderBy(asc(experimentExposures.firstExposedAt));
  return rows.map((row) => ({ experiment: row.experiment, variant: row.variant, first_exposed_at: row.at.toISOString(), device: row.device, returning: row.returning }));
}

export interface UserExport {
  exported_at: string;
  user: User;
  events: ExportedEvent[];
  impressions: ExportedImpression[];
  /** The experiments the user was served in, and the variant each assigned them. */
  experiment_exposures: ExperimentExposure[];
  /** What the real-time store holds about the user now. */
  live_profile: LiveProfile;
}

/** Everything stored about the user, for a data-subject access request; null when there is no such user. */
export async function exportUser(conn: DatabaseConnection, externalId: string): Promise<UserExport | null> {
  const user = await getUser(conn, externalId);
  if (!user) return null;
  const [eventRows, impressionRows, exposureRows, live] = await Promise.all([
    conn.db
      .select({ event: events, itemId: items.externalId, title: items.title, category: items.category })
      .from(events)
      .innerJoin(users, eq(users.id, events.userId))
      .innerJoin(items, eq(items.id, events.itemId))
      .where(eq(users.externalId, externalId))
      .orderBy(asc(events.occurredAt), asc(events.id)),
    conn.db.select().from(impressions).where(eq(impressions.userId, externalId)).orderBy(asc(impressions.servedAt)),
    getUserExposures(conn, externalId),
    liveProfile(conn, externalId),
  ]);
  return {
    exported_at: new Date().toISOString(),
    user,
    events: eventRows.map(({ event, itemId, title, category }) => ({
      event_id: event.eventId,
      type: event.type,
      value: event.value,
      timestamp: event.occurredAt.toISOString(),
      item: { id: itemId, title, category },
      session_id: event.sessionId,
      recommendation_id: event.recommendationId,
      context: event.context ?? null,
    })),
    impressions: impressionRows.map((row) => ({
      recommendation_id: row.recommendationId,
      served_at: row.servedAt.toISOString(),
      surface: row.surface,
      items: row.items,
      strategy: row.strategy,
      experiment: row.experiment,
      variant: row.variant,
    })),
    experiment_exposures: exposureRows,
    live_profile: live,
  };
}

export interface LiveProfile {
  /** Newest first. */
  recent: (RecentInteraction & { title: string | null; category: string | null })[];
  session: SessionContext | null;
  /** Decayed to now, strongest first. */
  affinities: { category: string; affinity: number }[];
  updated_at: string | null;
}

/** The real-time profile serving reads for the user right now; empty when the store has none. */
export async function liveProfile(conn: DatabaseConnection, externalId: string, now = Date.now()): Promise<LiveProfile> {
  const profile = await getFeatureStore().read(externalId);
  if (!profile) return { recent: [], session: null, affinities: [], updated_at: null };
  const ids = [...new Set(profile.recent.map((event) => event.itemId))];
  const known = ids.length === 0 ? [] : await conn.db.select({ id: items.externalId, title: items.title, category: items.category }).from(items).where(inArray(items.externalId, ids));
  const byId = new Map(known.map((item) => [item.id, item]));
  return {
    recent: profile.recent.map((event) => ({ ...event, title: byId.get(event.itemId)?.title ?? null, category: byId.get(event.itemId)?.category ?? null })),
    session: profile.session,
    affinities: Object.entries(affinityAt(profile, now))
      .map(([category, affinity]) => ({ category, affinity }))
      .sort((a, b) => b.affinity - a.affinity),
    updated_at: profile.updatedAt > 0 ? new Date(profile.updatedAt).toISOString() : null,
  };
}
