import 'server-only';
import { count, eq, gte } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { impressions, type ImpressionRow } from '@/db/schema';
import { notForgottenBefore, userHasher } from '@/lib/users/tombstones';
import type { Impression } from './schema';

function toImpression(row: ImpressionRow): Impression {
  return {
    recommendationId: row.recommendationId,
    userId: row.userId,
    surface: row.surface,
    items: row.items,
    strategy: row.strategy,
    modelVersion: row.modelVersion,
    experiment: row.experiment,
    variant: row.variant,
    fallback: row.fallback,
    latencyMs: row.latencyMs,
    servedAt: row.servedAt,
  };
}

/**
 * One statement per batch; a recommendation id already stored is skipped, so a retried batch
 * that did reach the database is harmless, and so is an impression served before its user was
 * deleted (it was queued when the deletion ran). Returns how many rows were new.
 */
export async function insertImpressions(conn: DatabaseConnection, batch: Impression[]): Promise<number> {
  if (batch.length === 0) return 0;
  const hash = await userHasher();
  const records = batch.map((impression) => ({
    recommendation_id: impression.recommendationId,
    user_id: impression.userId,
    user_hash: hash(impression.userId),
    surface: impression.surface,
    items: impression.items,
    strategy: impression.strategy,
    model_version: impression.modelVersion,
    experiment: impression.experiment,
    variant: impression.variant,
    fallback: impression.fallback,
    latency_ms: impression.latencyMs,
    served_at: impression.servedAt.toISOString(),
  }));
  const rows = await conn.query<{ id: unknown }>(
    `insert into impressions (recommendation_id, user_id, surface, items, strategy, model_version, experiment, variant, fallback, latency_ms, served_at)
     select recommendation_id, user_id, surface, items, strategy, model_version, experiment, variant, fallback, latency_ms, served_at
     from json_to_recordset($1::json) as r(recommendation_id text, user_id text, user_hash text, surface text, items text[], strategy text,
       model_version integer, experiment text, variant text, fallback text, latency_ms real, served_at timestamptz)
     where ${notForgottenBefore('r.user_hash', 'r.served_at')}
     on conflict (recommendation_id) do nothing
     returning id`,
    [JSON.stringify(records)],
  );
  return rows.length;
}

export async function impressionsByRecommendationId(conn: DatabaseConnection, recommendationId: string): Promise<Impression | null> {
  const [row] = await conn.db.select().from(impressions).where(eq(impressions.recommendationId, recommendationId)).limit(1);
  return row ? toImpression(row) : null;
}

export async function countImpressions(conn: DatabaseConnection, since?: Date): Promise<number> {
  const [row] = await conn.db
    .select({ total: count() })
    .from(impressions)
    .where(since ? gte(impressions.servedAt, since) : undefined);
  return row?.total ?? 0;
}
