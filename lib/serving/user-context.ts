import 'server-only';
import type { DatabaseConnection } from '@/db';
import type { EventType, EventWeights } from '@/lib/events/types';

/** What serving knows of a user from the database: their stated preferences and recent history. */
export interface StoredUser {
  known: boolean;
  preferredCategories: string[];
  attributes: Record<string, unknown>;
  /** Newest first. */
  history: { itemId: string; type: EventType; value: number | null }[];
}

/** Enough history for "seen" filtering, neighbours and folding in; older taste is in the trained factors. */
export const HISTORY_LIMIT = 300;

const UNKNOWN: StoredUser = { known: false, preferredCategories: [], attributes: {}, history: [] };

/**
 * One round trip: the user row with their latest events as JSON. The events are limited before
 * items are joined, and ordered as `events_user_recent_idx` is, so the plan is an index walk of
 * a few hundred rows whatever the table statistics say.
 */
export async function loadStoredUser(conn: DatabaseConnection, userId: string): Promise<StoredUser> {
  const [row] = await conn.query<{ preferred_categories: string[]; attributes: Record<string, unknown>; history: { i: string; t: EventType; v: number | null }[] | null }>(
    `select u.preferred_categories, u.attributes,
            (select json_agg(json_build_object('i', i.external_id, 't', h.type, 'v', h.value) order by h.at desc, h.id desc)
             from (select e.id, e.item_id, e.type, e.value, e.occurred_at as at from events e
                   where e.user_id = u.id order by e.occurred_at desc nulls last, e.id desc limit ${HISTORY_LIMIT}) h
             join items i on i.id = h.item_id) as history
     from users u where u.external_id = $1`,
    [userId],
  );
  if (!row) return UNKNOWN;
  return {
    known: true,
    preferredCategories: row.preferred_categories,
    attributes: row.attributes,
    history: (row.history ?? []).map((event) => ({ itemId: event.i, type: event.t, value: event.v })),
  };
}

/** Summed strength per item, as training sums it: positive totals are history, non-positive ones are negatives. */
export function strengthsOf(events: readonly { itemId: string; type: EventType; value: number | null }[], weights: EventWeights): Map<string, number> {
  const strengths = new Map<string, number>();
  for (const event of events) {
    const weight = event.type === 'rate' && event.value !== null ? weights.rate * event.value : weights[event.type];
    strengths.set(event.itemId, (strengths.get(event.itemId) ?? 0) + weight);
  }
  return strengths;
}
