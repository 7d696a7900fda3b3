import 'server-only';
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseConnection } from '@/db/client';
import { experimentWeights, experiments, type ExperimentRow } from '@/db/schema';
import { notForgottenBefore, userHasher } from '@/lib/users/tombstones';
import type { ExperimentListQuery } from './schema';
import type { Experiment, ExperimentStatus, Guardrail, Metric, TestableMetric } from './types';

/** A transaction or the database itself: lifecycle steps run inside one transaction. */
export type Executor = Database;

/**
 * Experiment and strategy configuration changes take one transaction-scoped advisory lock. They are
 * rare, and serialising them makes the checks that span rows (slot ranges in a layer, strategies in
 * use) exact without row locks that could deadlock.
 */
const CONFIGURATION_LOCK = 727_374_002;

export async function lockConfiguration(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${CONFIGURATION_LOCK})`);
}

/** Statuses in which an experiment holds its slots and its strategies: it serves, or may serve again. */
export const LIVE_STATUSES: ExperimentStatus[] = ['running', 'paused'];

export function toExperiment(row: ExperimentRow): Experiment {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    hypothesis: row.hypothesis,
    type: row.type,
    status: row.status,
    layer: row.layer,
    coveragePercent: row.coveragePercent,
    slotStart: row.slotStart,
    seed: row.seed,
    targeting: row.targeting,
    variants: row.variants,
    primaryMetric: row.primaryMetric as TestableMetric,
    secondaryMetrics: row.secondaryMetrics as Metric[],
    guardrails: row.guardrails as Guardrail[],
    breakdownAttributes: row.breakdownAttributes,
    banditIntervalMinutes: row.banditIntervalMinutes,
    lastReallocatedAt: row.lastReallocatedAt,
    shippedVariant: row.shippedVariant,
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type NewExperiment = typeof experiments.$inferInsert;
export type ExperimentChanges = Partial<Omit<NewExperiment, 'id' | 'key' | 'createdAt'>>;

/** Null when the key is taken. */
export async function insertExperiment(db: Executor, values: NewExperiment): Promise<Experiment | null> {
  const [row] = await db.insert(experiments).values(values).onConflictDoNothing({ target: experiments.key }).returning();
  return row ? toExperiment(row) : null;
}

export async function getExperiment(db: Executor, key: string): Promise<Experiment | null> {
  const [row] = await db.select().from(experiments).where(eq(experiments.key, key)).limit(1);
  return row ? toExperiment(row) : null;
}

export async function updateExperiment(db: Executor, id: number, changes: ExperimentChanges): Promise<Experiment> {
  const [row] = await db
    .update(experiments)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(experiments.id, id))
    .returning();
  if (!row) throw new Error(`experiment ${id} vanished during an update`);
  return toExperiment(row);
}

export async function deleteExperiment(db: Executor, id: number): Promise<void> {
  await db.delete(experiments).where(eq(experiments.id, id));
}

/** Newest first. */
export async function listExperiments(conn: DatabaseConnection, query: ExperimentListQuery): Promise<{ experiments: Experiment[]; total: number }> {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(experiments.status, query.status));
  if (query.type) filters.push(eq(experiments.type, query.type));
  if (query.layer) filters.push(eq(experiments.layer, query.layer));
  const where = and(...filters);
  const [rows, [totals]] = await Promise.all([
    conn.db.select().from(experiments).where(where).orderBy(desc(experiments.id)).limit(query.limit).offset(query.offset),
    conn.db.select({ total: count() }).from(experiments).where(where),
  ]);
  return { experiments: rows.map(toExperiment), total: totals?.total ?? 0 };
}

/** Running and paused experiments of a layer, other than `exceptId`: the ones whose slots are taken. */
export async function liveExperimentsInLayer(db: Executor, layer: string, exceptId: number): Promise<Experiment[]> {
  const rows = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.layer, layer), inArray(experiments.status, LIVE_STATUSES), ne(experiments.id, exceptId)));
  return rows.map(toExperiment);
}

/** Every running and paused experiment: what the strategies page marks as "in use". */
export async function liveExperiments(db: Executor): Promise<Experiment[]> {
  const rows = await db.select().from(experiments).where(inArray(experiments.status, LIVE_STATUSES)).orderBy(asc(experiments.id));
  return rows.map(toExperiment);
}

/** Running and paused experiments with a variant serving this strategy. */
export async function liveExperimentsUsing(db: Executor, strategyKey: string): Promise<Experiment[]> {
  const rows = await db
    .select()
    .from(experiments)
    .where(and(inArray(experiments.status, LIVE_STATUSES), sql`${experiments.variants} @> ${JSON.stringify([{ strategy: strategyKey }])}::jsonb`));
  return rows.map(toExperiment);
}

/** What serving assigns users to; in start order, which decides between layers (assignment.ts). */
export async function runningExperiments(db: Executor): Promise<Experiment[]> {
  const rows = await db.select().from(experiments).where(eq(experiments.status, 'running')).orderBy(asc(experiments.startedAt), asc(experiments.id));
  return rows.map(toExperiment);
}

export async function runningBandits(db: Executor): Promise<Experiment[]> {
  const rows = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.status, 'running'), eq(experiments.type, 'bandit')))
    .orderBy(asc(experiments.id));
  return rows.map(toExperiment);
}

export interface WeightChange {
  at: Date;
  weights: Record<string, number>;
  /** `start`, `edit` or `bandit`. */
  reason: string;
  details: Record<string, unknown>;
}

export async function recordWeights(db: Executor, experimentId: number, change: WeightChange): Promise<void> {
  await db.insert(experimentWeights).values({ experimentId, ...change });
}

/** Oldest first. */
export async function weightHistory(db: Executor, experimentId: number): Promise<WeightChange[]> {
  const rows = await db.select().from(experimentWeights).where(eq(experimentWeights.experimentId, experimentId)).orderBy(asc(experimentWeights.at), asc(experimentWeights.id));
  return rows.map(({ at, weights, reason, details }) => ({ at, weights, reason, details }));
}

export interface Exposure {
  experimentId: number;
  userId: string;
  variant: string;
  firstExposedAt: Date;
  /** Device class of the first serving's request; null or absent when it named none. */
  device?: string | null;
  /** The user had history (was not new) at first exposure; absent when unknown. */
  returning?: boolean;
}

/**
 * One statement per batch; a pair already stored keeps its first row, so repeats and retries are
 * harmless. Returns how many were new.
 */
export async function insertExposures(conn: DatabaseConnection, batch: readonly Exposure[]): Promise<number> {
  if (batch.length === 0) return 0;
  const hash = await userHasher();
  const records = batch.map((exposure) => ({
    experiment_id: exposure.experimentId,
    user_id: exposure.userId,
    user_hash: hash(exposure.userId),
    variant: exposure.variant,
    first_exposed_at: exposure.firstExposedAt.toISOString(),
    device: exposure.device ?? null,
    returning_user: exposure.returning ?? null,
  }));
  // An experiment deleted while its exposures were queued would fail the foreign key; the join skips it.
  // An exposure queued before its user was deleted is dropped.
  const rows = await conn.query<{ experiment_id: unknown }>(
    `insert into experiment_exposures (experiment_id, user_id, variant, first_exposed_at, device, returning_user)
     select r.experiment_id, r.user_id, r.variant, r.first_exposed_at, r.device, r.returning_user
     from json_to_recordset($1::json) as r(experiment_id integer, user_id text, user_hash text, variant text, first_exposed_at timestamptz, device text, returning_user boolean)
     join experiments e on e.id = r.experiment_id
     where ${notForgottenBefore('r.user_hash', 'r.first_exposed_at')}
     on conflict (experiment_id, user_id) do nothing
     returning experiment_id`,
    [JSON.stringify(records)],
  );
  return rows.length;
}

export interface ExposureDimensions {
  userId: string;
  variant: string;
  device: string | null;
  returning: boolean | null;
  /** The user's profile attributes among those asked for, as stored now; empty for users without a profile. */
  attributes: Record<string, unknown>;
}

/** Per exposed user: what results break the experiment down by. */
export async function exposureDimensions(conn: DatabaseConnection, experimentId: number, attributeKeys: readonly string[]): Promise<ExposureDimensions[]> {
  const rows = await conn.query<{ user_id: string; variant: string; device: string | null; returning_user: boolean | null; attributes: Record<string, unknown> | null }>(
    `select x.user_id, x.variant, x.device, x.returning_user,
            (select jsonb_object_agg(a.key, a.value) from jsonb_each(u.attributes) a where a.key in (select jsonb_array_elements_text($2::jsonb))) as attributes
     from experiment_exposures x
     left join users u on u.external_id = x.user_id
     where x.experiment_id = $1`,
    [experimentId, JSON.stringify(attributeKeys)],
  );
  return rows.map((row) => ({ userId: row.user_id, variant: row.variant, device: row.device, returning: row.returning_user, attributes: row.attributes ?? {} }));
}
