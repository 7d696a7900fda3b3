import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { estimateDurationDays } from './stats';

/**
 * How much traffic an experiment can draw on, read from who was active (had any event), not from
 * exposures: a user counts once per day however many lists they were served, and once overall
 * however many days they came back. Exposures extrapolated from the first hour counted the same
 * users over and over and promised a sample larger than the whole user base.
 */

export const TRAFFIC_WINDOW_DAYS = 28;
const DAY_MS = 86_400_000;

export interface ActiveTraffic {
  /** Mean distinct active users per day, over the days of the window that had any events. */
  dailyUsers: number;
  /** Distinct users active at any time in the window: the most an experiment can have. */
  users: number;
}

export async function activeTraffic(conn: DatabaseConnection, until: Date, days = TRAFFIC_WINDOW_DAYS): Promise<ActiveTraffic> {
  const [row] = await conn.query<{ user_days: number; users: number; days: number }>(
    `select count(*)::float8 as user_days, count(distinct user_id)::float8 as users, count(distinct day)::float8 as days
     from (select distinct user_id, date_trunc('day', occurred_at at time zone 'UTC') as day
           from events where occurred_at >= $1 and occurred_at < $2) active`,
    [new Date(until.getTime() - days * DAY_MS).toISOString(), until.toISOString()],
  );
  const activeDays = Number(row?.days ?? 0);
  return { dailyUsers: activeDays === 0 ? 0 : Number(row!.user_days) / activeDays, users: Number(row?.users ?? 0) };
}

export interface TrafficPlan {
  /** Active users a day the experiment's coverage takes in. */
  daily_users: number;
  /** Distinct active users of the window within the experiment's coverage. */
  audience_users: number;
  /** Whether the audience holds the required sample in every variant at all; false means no verdict at this MDE. */
  reachable: boolean;
  /** Whole days until the smallest variant has its sample; null when unreachable or there is no traffic. */
  duration_days: number | null;
}

/** The plan for `samplePerVariant` users in each variant, split by `weights`, taking `coveragePercent` of the active users. */
export function planTraffic(traffic: ActiveTraffic, samplePerVariant: number, weights: readonly number[], coveragePercent: number): TrafficPlan {
  const share = coveragePercent / 100;
  const dailyUsers = traffic.dailyUsers * share;
  const audienceUsers = Math.floor(traffic.users * share);
  const smallestShare = Math.min(...weights) / weights.reduce((sum, weight) => sum + weight, 0);
  const reachable = samplePerVariant <= audienceUsers * smallestShare;
  return {
    daily_users: dailyUsers,
    audience_users: audienceUsers,
    reachable,
    duration_days: reachable && dailyUsers > 0 ? estimateDurationDays({ samplePerVariant, dailyTraffic: dailyUsers, weights }) : null,
  };
}
