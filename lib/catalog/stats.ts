import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { clickThroughRate } from '@/lib/metrics/ctr';
import type { ItemDailyStats, ItemStats } from './schema';

/**
 * Impressions count served lists that contained the item (the `impressions` table keeps external
 * ids), by the day they were served. Clicks on recommendations are those lists that were clicked
 * on the item (the click names the list; repeats count once), on the list's day; other clicks are
 * click events that name no list showing the item (search, a shared link), on the click's day.
 * CTR is `clickThroughRate` (lib/metrics/ctr.ts), the definition the overview and experiments use.
 */
export async function itemStats(conn: DatabaseConnection, itemId: string, days: number): Promise<ItemStats> {
  const daily: ItemDailyStats[] = await conn.query<{ day: string; impressions: number; recommended_clicks: number; other_clicks: number }>(
    `with window_days as (
       select generate_series(date_trunc('day', now()) - make_interval(days => $2::int - 1), date_trunc('day', now()), interval '1 day') as day
     ),
     item_clicks as (
       select e.occurred_at, e.recommendation_id
       from events e join items i on i.id = e.item_id
       where i.external_id = $1 and e.type = 'click' and e.occurred_at >= date_trunc('day', now()) - make_interval(days => $2::int - 1)
     ),
     shown as (
       select date_trunc('day', s.served_at) as day, count(*) as impressions,
         count(*) filter (where exists (select 1 from item_clicks c where c.recommendation_id = s.recommendation_id)) as recommended_clicks
       from impressions s where s.served_at >= date_trunc('day', now()) - make_interval(days => $2::int - 1) and $1 = any(s.items)
       group by 1
     ),
     elsewhere as (
       select date_trunc('day', c.occurred_at) as day, count(*) as other_clicks
       from item_clicks c
       where not exists (select 1 from impressions s where s.recommendation_id = c.recommendation_id and $1 = any(s.items))
       group by 1
     )
     select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(s.impressions, 0)::int as impressions,
       coalesce(s.recommended_clicks, 0)::int as recommended_clicks, coalesce(o.other_clicks, 0)::int as other_clicks
     from window_days d left join shown s on s.day = d.day left join elsewhere o on o.day = d.day
     order by d.day`,
    [itemId, days],
  );
  const sum = (key: 'impressions' | 'recommended_clicks' | 'other_clicks') => daily.reduce((total, row) => total + row[key], 0);
  const impressions = sum('impressions');
  const recommendedClicks = sum('recommended_clicks');
  const otherClicks = sum('other_clicks');
  return {
    item: itemId,
    days,
    impressions,
    clicks: recommendedClicks + otherClicks,
    recommended_clicks: recommendedClicks,
    other_clicks: otherClicks,
    ctr: clickThroughRate(recommendedClicks, impressions),
    daily,
  };
}

/**
 * For a page of items, impressions over the last `days` and the lists among them clicked on the
 * item (the CTR definition of lib/metrics/ctr.ts), keyed by external id; unshown items are absent.
 */
export async function recentCtr(conn: DatabaseConnection, itemIds: readonly string[], days: number): Promise<Map<string, { impressions: number; clicks: number }>> {
  if (itemIds.length === 0) return new Map();
  const rows = await conn.query<{ item: string; impressions: number; clicks: number }>(
    `with shown as (
       select s.recommendation_id, shown_item.item
       from impressions s cross join lateral unnest(s.items) as shown_item(item)
       where s.served_at >= now() - make_interval(days => $2::int) and s.items && $1::text[] and shown_item.item = any($1::text[])
     )
     select sh.item, count(*)::int as impressions,
       count(*) filter (where exists (
         select 1 from events e join items i on i.id = e.item_id
         where e.recommendation_id = sh.recommendation_id and e.type = 'click' and i.external_id = sh.item
       ))::int as clicks
     from shown sh group by sh.item`,
    [itemIds, days],
  );
  return new Map(rows.map((row) => [row.item, { impressions: row.impressions, clicks: row.clicks }]));
}
