import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import type { ItemStats } from './schema';

/**
 * Impressions count served lists that contained the item (the `impressions` table keeps external
 * ids); clicks come from `events`. CTR is the share of impressions followed by a click that names
 * its recommendation, so clicks from elsewhere (search, a shared link) do not inflate it.
 */
export async function itemStats(conn: DatabaseConnection, itemId: string, days: number): Promise<ItemStats> {
  const daily = await conn.query<{ day: string; impressions: number; clicks: number; recommended_clicks: number }>(
    `with window_days as (
       select generate_series(date_trunc('day', now()) - make_interval(days => $2::int - 1), date_trunc('day', now()), interval '1 day') as day
     ),
     shown as (
       select date_trunc('day', served_at) as day, count(*) as impressions
       from impressions where served_at >= date_trunc('day', now()) - make_interval(days => $2::int - 1) and $1 = any(items)
       group by 1
     ),
     clicked as (
       select date_trunc('day', e.occurred_at) as day, count(*) as clicks, count(e.recommendation_id) as recommended_clicks
       from events e join items i on i.id = e.item_id
       where i.external_id = $1 and e.type = 'click' and e.occurred_at >= date_trunc('day', now()) - make_interval(days => $2::int - 1)
       group by 1
     )
     select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(s.impressions, 0)::int as impressions,
       coalesce(c.clicks, 0)::int as clicks, coalesce(c.recommended_clicks, 0)::int as recommended_clicks
     from window_days d left join shown s on s.day = d.day left join clicked c on c.day = d.day
     order by d.day`,
    [itemId, days],
  );
  const sum = (key: 'impressions' | 'clicks' | 'recommended_clicks') => daily.reduce((total, row) => total + row[key], 0);
  const impressions = sum('impressions');
  const recommendedClicks = sum('recommended_clicks');
  return {
    item: itemId,
    days,
    impressions,
    clicks: sum('clicks'),
    recommended_clicks: recommendedClicks,
    ctr: impressions > 0 ? recommendedClicks / impressions : null,
    daily: daily.map(({ day, impressions, clicks }) => ({ day, impressions, clicks })),
  };
}
