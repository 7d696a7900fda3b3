import 'server-only';
import { desc, gt, isNotNull } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { events, trainingRuns, type TrainingRunRow } from '@/db/schema';
import { log } from '@/lib/runtime/log';
import { activeVersion, lastTrainedEventId } from '@/lib/models/registry';
import type { TrainingTrigger } from './runs';

export interface ScheduleSettings {
  everyMinutes: number;
  afterEvents: number;
}

/**
 * Decides whether a run is due: the schedule's interval has passed since the last finished run,
 * or enough new events arrived since the last run's data ends. A run whose model was kept as a
 * candidate counts too: counting from the active model's data would ask again every minute.
 * Pure decision, no side effects.
 */
export async function dueTrigger(conn: DatabaseConnection, settings: ScheduleSettings, now = new Date()): Promise<TrainingTrigger | null> {
  if (settings.everyMinutes > 0) {
    const [last] = await conn.db
      .select({ finishedAt: trainingRuns.finishedAt })
      .from(trainingRuns)
      .where(isNotNull(trainingRuns.finishedAt))
      .orderBy(desc(trainingRuns.finishedAt))
      .limit(1);
    if (!last?.finishedAt || now.getTime() - last.finishedAt.getTime() >= settings.everyMinutes * 60_000) return 'schedule';
  }
  if (settings.afterEvents > 0) {
    const lastTrained = await lastTrainedEventId(conn);
    // Event ids only grow, so "newer than the model" is a primary-key range, and the count stops at the threshold.
    const recent = await conn.db.select({ id: events.id }).from(events).where(gt(events.id, lastTrained)).limit(settings.afterEvents);
    if (recent.length >= settings.afterEvents) return 'events';
  }
  return null;
}

/**
 * A deployment without an active model serves fallbacks only, so the process that trains (the
 * embedded server, or `npm run worker`) asks for a run as it starts rather than at the schedule's
 * first due tick. `request` returns the run already queued or running, if there is one.
 */
export async function trainIfNoActiveModel(
  conn: DatabaseConnection,
  settings: { onStart: boolean },
  request: (trigger: TrainingTrigger) => Promise<TrainingRunRow>,
): Promise<TrainingRunRow | null> {
  if (!settings.onStart || (await activeVersion(conn))) return null;
  const run = await request('startup');
  log.info(`no active model yet: training run ${run.id} ${run.status}`);
  return run;
}

/** Checks once a minute and asks for a run when one is due. Returns a stop function. */
export function startTrainingSchedule(
  connection: () => Promise<DatabaseConnection>,
  settings: ScheduleSettings,
  request: (trigger: TrainingTrigger) => Promise<unknown>,
  intervalMs = 60_000,
): () => void {
  const tick = async () => {
    try {
      const trigger = await dueTrigger(await connection(), settings);
      if (trigger) await request(trigger);
    } catch (error) {
      log.warn('training schedule check failed', (error as Error).message);
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

