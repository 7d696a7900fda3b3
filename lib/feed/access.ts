import 'server-only';
import type { DatabaseConnection } from '@/db';
import { verifyApiKey } from '@/lib/auth/api-keys';
import { can, type Principal } from '@/lib/auth/principal';
import { readDemoKey } from '@/lib/auth/setup';
import { getConfig } from '@/lib/config';

/**
 * How the demo feed's browser calls the public API: with the demo key when the demo world was
 * seeded, without credentials when anonymous access allows recommend and events, or not at all.
 */
export type FeedAccess = { kind: 'key'; key: string } | { kind: 'anonymous' } | { kind: 'disabled' };

export async function feedAccess(conn: DatabaseConnection): Promise<FeedAccess> {
  const key = await readDemoKey(conn);
  // A revoked demo key would fail every request the page makes: treat it as absent.
  if (key && (await verifyApiKey(conn, key))) return { kind: 'key', key };
  const anonymous: Principal = { kind: 'anonymous', scopes: getConfig().auth.anonymousScopes };
  return can(anonymous, 'recommend') && can(anonymous, 'events:write') ? { kind: 'anonymous' } : { kind: 'disabled' };
}

export interface DemoUser {
  id: string;
  events: number;
  /** The categories they engage with most, to tell the demo users apart in the picker. */
  topCategories: string[];
}

/**
 * The most active users, to pick from. Only offered with the demo key: on a real installation
 * the page is public and must not list real users' ids.
 */
export async function featuredDemoUsers(conn: DatabaseConnection, limit = 8): Promise<DemoUser[]> {
  const rows = await conn.query<{ id: string; events: number; top_categories: string[] | null }>(
    // Users sharing minimal data are not personalized from their events: they would show nothing of what the demo is for.
    `with active as (select e.user_id, count(*)::int as events from events e join users su on su.id = e.user_id
                     where su.data_sharing <> 'minimal' group by e.user_id order by events desc, e.user_id limit $1)
     select u.external_id as id, a.events,
            (select array_agg(t.category order by t.n desc, t.category) from (
               select i.category, count(*) as n from events e join items i on i.id = e.item_id
               where e.user_id = a.user_id and i.category is not null group by i.category order by n desc, i.category limit 2) t) as top_categories
     from active a join users u on u.id = a.user_id
     order by u.external_id`,
    [limit],
  );
  return rows.map((row) => ({ id: row.id, events: row.events, topCategories: row.top_categories ?? [] }));
}
