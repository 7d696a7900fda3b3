import 'server-only';
import { desc, eq, inArray, max } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { trainingRuns, type TrainingRunRow } from '@/db/schema';

export type TrainingTrigger = TrainingRunRow['trigger'];

/** A run as the API shows it. */
export interface TrainingRun {
  id: number;
  status: TrainingRunRow['status'];
  trigger: TrainingTrigger;
  stage: string;
  progress: number;
  version_id: number | null;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export function toTrainingRun(row: TrainingRunRow): TrainingRun {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    stage: row.stage,
    progress: Math.round(row.progress * 1000) / 1000,
    version_id: row.versionId,
    error: row.error,
    queued_at: row.queuedAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * At most one run waits or works at a time (a unique index enforces it across processes):
 * a second request joins the one in progress.
 */
export async function queueRun(conn: DatabaseConnection, trigger: TrainingTrigger, params: Record<string, unknown> = {}): Promise<{ run: TrainingRunRow; created: boolean }> {
  const [created] = await conn.db.insert(trainingRuns).values({ trigger, params }).onConflictDoNothing().returning();
  if (created) return { run: created, created: true };
  const [pending] = await conn.db.select().from(trainingRuns).where(inArray(trainingRuns.status, ['queued', 'running'])).limit(1);
  if (!pending) return queueRun(conn, trigger, params); // it finished in between: try again
  return { run: pending, created: false };
}

export async function getRun(conn: DatabaseConnection, id: number): Promise<TrainingRunRow | null> {
  const [row] = await conn.db.select().from(trainingRuns).where(eq(trainingRuns.id, id));
  return row ?? null;
}

export function listRuns(conn: DatabaseConnection, limit = 20): Promise<TrainingRunRow[]> {
  return conn.db.select().from(trainingRuns).orderBy(desc(trainingRuns.id)).limit(limit);
}

/** When the last successful run finished, whichever process ran it; null before the first. */
export async function lastSucceededRunAt(conn: DatabaseConnection): Promise<Date | null> {
  const [row] = await conn.db.select({ at: max(trainingRuns.finishedAt) }).from(trainingRuns).where(eq(trainingRuns.status, 'succeeded'));
  return row?.at ?? null;
}

export async function markRun(conn: DatabaseConnection, id: number, change: Partial<Pick<TrainingRunRow, 'status' | 'stage' | 'progress' | 'versionId' | 'error' | 'startedAt' | 'finishedAt'>>): Promise<void> {
  await conn.db.update(trainingRuns).set(change).where(eq(trainingRuns.id, id));
}

/**
 * Runs left queued or running by a process that died are closed, so a new one can start. Only
 * for the embedded mode, where this process is the only one that trains.
 */
export async function failAbandonedRuns(conn: DatabaseConnection): Promise<number> {
  const rows = await conn.db
    .update(trainingRuns)
    .set({ status: 'failed', error: 'the process running it stopped', finishedAt: new Date() })
    .where(inArray(trainingRuns.status, ['queued', 'running']))
    .returning({ id: trainingRuns.id });
  return rows.length;
}
