import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { insertEvents } from '@/lib/events/store';
import type { NewEvent } from '@/lib/events/schema';
import type { Impression } from '@/lib/impressions/schema';
import { insertImpressions } from '@/lib/impressions/store';
import { createExperiment, startExperiment, stopExperiment } from './lifecycle';
import { experimentResults, type MetricResultJson, PRE_PERIOD_DAYS } from './results';
import { experimentInputSchema } from './schema';
import { insertExposures } from './store';

const USERS_PER_VARIANT = 150;
const DAY_MS = 86_400_000;

/** A user's habit: how many of a list's 10 items they click, from 0 to 4. */
const habit = (user: number) => user % 5;
/** Every sixth user's history lies beyond the pre-period window. */
const historyTooOld = (user: number) => user % 6 === 5;
const USERS = Array.from({ length: USERS_PER_VARIANT }, (_, user) => user);

/**
 * Two experiments with the same traffic under test: every user clicks `habit` items of their list
 * (the treatment's every third user one more), and every other user one item more or less at random-looking
 * positions, so outcomes are noisy. Only `cuped-history` has a pre-period: the same users' lists 3 days
 * before exposure with their habitual clicks, except for `historyTooOld` users, whose lists lie beyond the window.
 */
async function traffic(key: string, experimentId: number, withHistory: boolean) {
  const conn = await getConnection();
  const exposedAt = new Date(Date.now() - 60_000);
  const impressions: Impression[] = [];
  const events: NewEvent[] = [];
  const list = (userId: string, recommendationId: string, servedAt: Date, clicked: number, experiment: string | null, variant: string | null) => {
    const items = Array.from({ length: 10 }, (_, index) => `${key}-item-${index}`);
    impressions.push({ recommendationId, userId, surface: 'feed', items, strategy: 's', modelVersion: null, experiment, variant, fallback: null, latencyMs: 10, servedAt });
    for (const item of items.slice(0, clicked)) events.push({ eventId: `${recommendationId}-${item}`, userId, itemId: item, type: 'click', value: null, occurredAt: servedAt, sessionId: null, context: null, recommendationId });
  };
  for (const variant of ['control', 'treatment']) {
    for (let user = 0; user < USERS_PER_VARIANT; user++) {
      const userId = `${key}-${variant}-${user}`;
      const noise = user % 7 === 0 ? 1 : user % 7 === 3 ? -1 : 0;
      const lift = variant === 'treatment' && user % 3 === 0 ? 1 : 0;
      list(userId, `${userId}-now`, exposedAt, Math.max(0, habit(user) + noise + lift), key, variant);
      if (!withHistory) continue;
      const daysBefore = historyTooOld(user) ? PRE_PERIOD_DAYS + 3 : 3;
      list(userId, `${userId}-before`, new Date(exposedAt.getTime() - daysBefore * DAY_MS), habit(user), null, null);
    }
  }
  await insertExposures(conn, impressions.filter((impression) => impression.experiment).map((impression) => ({ experimentId, userId: impression.userId, variant: impression.variant!, firstExposedAt: exposedAt })));
  await insertImpressions(conn, impressions);
  await insertEvents(conn, events);
}

async function run(key: string, withHistory: boolean) {
  const conn = await getConnection();
  await createExperiment(conn, experimentInputSchema.parse({ key, layer: key, secondary_metrics: ['engagement'], variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'treatment', strategy: 'content' }] }));
  const experiment = await startExperiment(conn, key);
  await traffic(key, experiment.id, withHistory);
  const results = await experimentResults(conn, experiment, { mde: 0.05 });
  // Both experiments take every user: the first must stop before the second may start.
  await stopExperiment(conn, key);
  return (metric: string) => results.metrics.find((result) => result.metric === metric)!;
}

function fixedHorizonWidth(result: MetricResultJson): number {
  const comparison = result.comparisons[0]!;
  if (!('fixed_horizon' in comparison)) throw new Error(`no comparison for ${result.metric}`);
  const [lower, upper] = comparison.fixed_horizon.absolute.ci;
  return upper - lower;
}

describe('CUPED in experiment results', () => {
  it("adjusts by each user's history from the pre-period window, narrowing the interval and leaving the observed values alone", async () => {
    const adjusted = await run('cuped-history', true);
    const plain = await run('cuped-none', false);

    // Lists 17 days back are outside the window, so those users have no pre-period.
    const inWindow = 2 * USERS.filter((user) => !historyTooOld(user)).length;
    // Users with habit 0 have lists but no clicks: a ratio's pre-period counts them, a mean's (no events) does not.
    const withClicks = 2 * USERS.filter((user) => !historyTooOld(user) && habit(user) > 0).length;
    expect(adjusted('ctr').cuped).toMatchObject({ applied: true, pre_period_days: PRE_PERIOD_DAYS, users_with_pre_period: inWindow, reason: null });
    expect(adjusted('engagement').cuped).toMatchObject({ applied: true, users_with_pre_period: withClicks, reason: null });
    expect(plain('ctr').cuped).toEqual({ applied: false, variance_reduction: null, pre_period_days: PRE_PERIOD_DAYS, users_with_pre_period: 0, reason: 'few_pre_period_users' });

    for (const metric of ['ctr', 'engagement']) {
      const reduction = adjusted(metric).cuped!.variance_reduction!;
      console.info(`CUPED integration, ${metric}: variance −${(reduction * 100).toFixed(1)}%`);
      expect(reduction).toBeGreaterThan(0.3);
      expect(reduction).toBeLessThan(1);
      // Same traffic under test: the same observed values, and a narrower interval by about √(1 − reduction).
      expect(adjusted(metric).variants.map((variant) => variant.value)).toEqual(plain(metric).variants.map((variant) => variant.value));
      expect(fixedHorizonWidth(adjusted(metric)) / fixedHorizonWidth(plain(metric))).toBeCloseTo(Math.sqrt(1 - reduction), 1);
    }
  });
});
