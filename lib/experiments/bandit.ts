import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { log } from '@/lib/runtime/log';
import { DEFAULT_BURN_IN, DEFAULT_WEIGHT_FLOOR, thompsonWeights } from './stats';
import { murmur3 } from './assignment';
import { experimentsChanged } from './serving';
import { weightsOf } from './lifecycle';
import { getExperiment, lockConfiguration, recordWeights, runningBandits, updateExperiment } from './store';
import type { Experiment } from './types';

const MINUTE_MS = 60_000;

export interface ArmCounts {
  variant: string;
  /** Users first exposed to the arm. */
  users: number;
  /** Items served (each served list counts its length). */
  impressions: number;
  /** Distinct (list, item) pairs clicked. */
  clicks: number;
}

export interface BanditReallocation {
  experiment: string;
  arms: (ArmCounts & { probabilityBest: number; weight: number })[];
  /** Some arm has fewer than the burn-in's users: the weights stay as they are. */
  burningIn: boolean;
  changed: boolean;
}

/**
 * One scheduler tick for every running bandit whose interval has passed: Thompson sampling on
 * each arm's CTR gives the new weights (each arm keeps a 1% floor), stored with the evidence in
 * the weight history. Workers call it on a timer; several calling at once is safe, since each
 * reallocation re-checks, under the configuration lock, that it is still due.
 *
 * Serving instances elsewhere pick the new weights up within their 2 s refresh. Users whose point falls in
 * a range that moved change arm: a bandit trades stickiness for traffic on the better arm, and
 * impressions record the arm that served each list.
 */
export async function reallocateBandits(conn: DatabaseConnection, now = new Date()): Promise<BanditReallocation[]> {
  const results: BanditReallocation[] = [];
  for (const experiment of await runningBandits(conn.db)) {
    if (!isDue(experiment, now)) continue;
    try {
      const result = await reallocate(conn, experiment, now);
      results.push(result);
      // Serving in this process (embedded mode) follows at once; other instances within their 2 s refresh.
      if (result.changed) experimentsChanged();
    } catch (error) {
      log.warn(`bandit '${experiment.key}' was not reallocated`, error instanceof Error ? error.message : error);
    }
  }
  return results;
}

function isDue(experiment: Experiment, now: Date): boolean {
  const last = experiment.lastReallocatedAt ?? experiment.startedAt;
  if (!last || experiment.banditIntervalMinutes === null) return false;
  return now.getTime() - last.getTime() >= experiment.banditIntervalMinutes * MINUTE_MS;
}

async function reallocate(conn: DatabaseConnection, experiment: Experiment, now: Date): Promise<BanditReallocation> {
  const counts = await armCounts(conn, experiment);
  // Seeded by the experiment and the tick, so a rerun of the same tick gives the same weights.
  const seed = murmur3(`${experiment.seed}\u0000${now.toISOString()}`);
  const result = thompsonWeights(counts, { seed, floor: DEFAULT_WEIGHT_FLOOR, burnIn: DEFAULT_BURN_IN });
  const arms = counts.map((arm, index) => ({ ...arm, probabilityBest: result.probabilityBest[index]!, weight: result.burningIn ? experiment.variants[index]!.weight : result.weights[index]! }));
  if (result.burningIn) return { experiment: experiment.key, arms, burningIn: true, changed: false };
  const changed = await conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const fresh = await getExperiment(tx, experiment.key);
    if (!fresh || fresh.status !== 'running' || !isDue(fresh, now)) return false;
    const variants = fresh.variants.map((variant, index) => ({ ...variant, weight: arms[index]!.weight }));
    await recordWeights(tx, fresh.id, {
      at: now,
      weights: weightsOf(variants),
      reason: 'bandit',
      details: { arms: arms.map(({ variant, users, impressions, clicks, probabilityBest }) => ({ variant, users, impressions, clicks, probability_best: probabilityBest })) },
    });
    await updateExperiment(tx, fresh.id, { variants, lastReallocatedAt: now });
    return true;
  });
  return { experiment: experiment.key, arms, burningIn: false, changed };
}

/** Per arm, in variant order: exposed users, items served and distinct items clicked, since the start. */
export async function armCounts(conn: DatabaseConnection, experiment: Experiment): Promise<ArmCounts[]> {
  const [served, exposed] = await Promise.all([
    conn.query<{ variant: string; impressions: number; clicks: number }>(
      `with lists as (
         select s.variant, cardinality(s.items) as shown, count(distinct e.item_id) as clicks
         from impressions s
         left join events e on e.recommendation_id = s.recommendation_id and e.type = 'click'
         where s.experiment = $1
         group by s.id
       )
       select variant, sum(shown)::float8 as impressions, sum(clicks)::float8 as clicks from lists group by variant`,
      [experiment.key],
    ),
    conn.query<{ variant: string; users: number }>(`select variant, count(*)::float8 as users from experiment_exposures where experiment_id = $1 group by variant`, [experiment.id]),
  ]);
  const servedBy = new Map(served.map((row) => [row.variant, row]));
  const usersBy = new Map(exposed.map((row) => [row.variant, Number(row.users)]));
  return experiment.variants.map(({ key }) => {
    const row = servedBy.get(key);
    const impressions = Number(row?.impressions ?? 0);
    // A click on an item logged twice in one list, or on a list's item beyond its length, must not exceed the impressions.
    return { variant: key, users: usersBy.get(key) ?? 0, impressions, clicks: Math.min(impressions, Number(row?.clicks ?? 0)) };
  });
}

/** How often bandits are checked; each reallocates only when its own interval is due. */
const BANDIT_CHECK_MS = 60_000;

/** Runs `reallocateBandits` on a timer, in whichever process owns background work; returns a stop function. */
export function startBanditSchedule(connection: () => Promise<DatabaseConnection>): () => void {
  const timer = setInterval(() => {
    connection()
      .then((conn) => reallocateBandits(conn))
      .catch((error: unknown) => log.warn('bandit reallocation failed; retrying at the next check', error));
  }, BANDIT_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
