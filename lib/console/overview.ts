import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { buildCtrSeries, type CtrSeries } from '@/lib/metrics/ctr-series';
import type { RangeWindow } from '@/lib/metrics/ranges';

export interface CatalogTotals {
  items: number;
  hiddenItems: number;
  categories: number;
  users: number;
  events: number;
  eventsLastDay: number;
}

export interface DailyEvents {
  day: string;
  events: number;
  users: number;
}

export interface EventTypeCount {
  type: string;
  events: number;
}

export async function catalogTotals(conn: DatabaseConnection): Promise<CatalogTotals> {
  const [row] = await conn.query<{ items: number; hidden: number; categories: number; users: number; events: number; last_day: number }>(
    `select
       (select count(*)::int from items) as items,
       (select count(*)::int from items where is_hidden) as hidden,
       (select count(distinct category)::int from items) as categories,
       (select count(*)::int from users) as users,
       (select count(*)::int from events) as events,
       (select count(*)::int from events where occurred_at > now() - interval '1 day') as last_day`,
  );
  return {
    items: row?.items ?? 0,
    hiddenItems: row?.hidden ?? 0,
    categories: row?.categories ?? 0,
    users: row?.users ?? 0,
    events: row?.events ?? 0,
    eventsLastDay: row?.last_day ?? 0,
  };
}

export async function dailyEvents(conn: DatabaseConnection, days: number): Promise<DailyEvents[]> {
  const rows = await conn.query<{ day: string; events: number; users: number }>(
    `select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(e.events, 0)::int as events, coalesce(e.users, 0)::int as users
     from generate_series(date_trunc('day', now()) - make_interval(days => $1::int - 1), date_trunc('day', now()), interval '1 day') as d(day)
     left join (
       select date_trunc('day', occurred_at) as day, count(*) as events, count(distinct user_id) as users
       from events where occurred_at >= date_trunc('day', now()) - make_interval(days => $1::int - 1)
       group by 1
     ) e on e.day = d.day
     order by d.day`,
    [days],
  );
  return rows;
}

export async function eventTypeMix(conn: DatabaseConnection, days: number): Promise<EventTypeCount[]> {
  return conn.query<{ type: string; events: number }>(
    `select type::text as type, count(*)::int as events from events
     where occurred_at >= now() - make_interval(days => $1::int) group by type order by events desc`,
    [days],
  );
}

export async function categoryNames(conn: DatabaseConnection): Promise<string[]> {
  const rows = await conn.query<{ category: string }>(`select distinct category from items where category is not null order by category`);
  return rows.map((row) => row.category);
}

/**
 * CTR across every instance, from the impressions log: per step and strategy, items shown and
 * distinct items clicked on each list (capped at its length), as experiment results count them.
 * The time filter uses the BRIN index on `served_at`, clicks the partial index on
 * `events.recommendation_id`; only the step index and the sums leave the database.
 */
export async function ctrSeries(conn: DatabaseConnection, window: RangeWindow): Promise<CtrSeries> {
  const rows = await conn.query<{ bucket: number; strategy: string; impressions: number; clicks: number }>(
    `with lists as (
       select s.strategy, floor((extract(epoch from s.served_at) * 1000 - $1::float8) / $3::float8)::int as bucket,
              cardinality(s.items) as shown, count(distinct e.item_id) as clicks
       from impressions s
       left join events e on e.recommendation_id = s.recommendation_id and e.type = 'click'
       where s.served_at >= to_timestamp($1::float8 / 1000) and s.served_at <= to_timestamp($2::float8 / 1000)
       group by s.id
     )
     select bucket, strategy, sum(shown)::float8 as impressions, sum(least(clicks, shown))::float8 as clicks
     from lists group by bucket, strategy`,
    [window.from, window.to, window.stepMinutes * 60_000],
  );
  return buildCtrSeries(
    rows.map((row) => ({ bucket: Number(row.bucket), strategy: row.strategy, impressions: Number(row.impressions), clicks: Number(row.clicks) })),
    window,
  );
}
