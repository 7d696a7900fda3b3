import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { DEFAULT_ALPHA, DEFAULT_POWER, sampleSizePerVariantForMean, summariseRatio, type RatioObservation } from './stats';
import type { PlanQuery } from './schema';
import { activeTraffic, planTraffic, TRAFFIC_WINDOW_DAYS, type TrafficPlan } from './traffic';

/**
 * The creation form's estimate, before anything runs: how many users a variant needs to detect
 * the chosen effect, from the metric's own history (every list served in the traffic window,
 * per user, the way results compute it), and whether the active users can supply them.
 */

export interface ExperimentPlanJson extends Partial<TrafficPlan> {
  metric: PlanQuery['metric'];
  mde: number;
  power: number;
  alpha: number;
  window_days: number;
  /** The metric over every user served in the window; null when there is no history to read. */
  baseline: number | null;
  history_users: number;
  sample_size_per_variant: number | null;
}

export async function planExperiment(conn: DatabaseConnection, query: PlanQuery, now = new Date()): Promise<ExperimentPlanJson> {
  const [history, traffic] = await Promise.all([metricHistory(conn, query.metric, now), activeTraffic(conn, now)]);
  // As in results: the variants' comparisons share α, so each is tested at α / treatments.
  const alpha = DEFAULT_ALPHA / (query.variants - 1);
  const summary = attempt(() => summariseRatio(history));
  const required = summary && attempt(() => sampleSizePerVariantForMean({ mean: summary.mean, standardDeviation: Math.sqrt(summary.variance * summary.n), relativeMde: query.mde, alpha, power: DEFAULT_POWER }));
  const weights = Array.from({ length: query.variants }, () => 1);
  return {
    metric: query.metric,
    mde: query.mde,
    power: DEFAULT_POWER,
    alpha,
    window_days: TRAFFIC_WINDOW_DAYS,
    baseline: summary?.mean ?? null,
    history_users: history.length,
    sample_size_per_variant: required,
    ...(required !== null && planTraffic(traffic, required, weights, query.coverage_percent)),
  };
}

/** Per user over the window: items shown, and distinct items clicked (ctr) or bought or carted (conversion). */
async function metricHistory(conn: DatabaseConnection, metric: PlanQuery['metric'], now: Date): Promise<RatioObservation[]> {
  const types = metric === 'ctr' ? ['click'] : ['purchase', 'add_to_cart'];
  const rows = await conn.query<{ shown: number; hits: number }>(
    `with lists as (
       select s.user_id, cardinality(s.items) as shown, count(distinct e.item_id) as hits
       from impressions s
       left join events e on e.recommendation_id = s.recommendation_id and e.type::text = any($3::text[])
       where s.served_at >= $1 and s.served_at < $2
       group by s.id
     )
     select sum(shown)::float8 as shown, sum(least(hits, shown))::float8 as hits from lists group by user_id`,
    [new Date(now.getTime() - TRAFFIC_WINDOW_DAYS * 86_400_000).toISOString(), now.toISOString(), types],
  );
  return rows.map((row) => ({ numerator: Number(row.hits), denominator: Number(row.shown) }));
}

function attempt<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch {
    return null;
  }
}
