import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { getConfig } from '@/lib/config';
import { activeVersion, promoteVersion, registerVersion } from '@/lib/models/registry';
import { log } from '@/lib/runtime/log';
import { eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSetting } from '@/lib/settings/store';
import { loadTrainingData } from './load-events';
import { getRun, markRun } from './runs';
import { trainInThread } from './thread';
import type { TrainProgress } from './train';

/** A new model replaces the active one unless it is clearly worse on its own holdout. */
const PROMOTION_TOLERANCE = 0.95;
const PROGRESS_WRITE_INTERVAL_MS = 1_000;
/** Loading events is the first tenth of a run's progress; training the rest. */
const LOADING_SHARE = 0.1;

/**
 * Carries out one queued training run: load the events, train in a worker thread, register the
 * bundle, promote it if it holds up, and record every step on the run so it can be watched.
 * Aborting `signal` (a stopping process) ends the training thread and queues the run again.
 */
export async function executeRun(conn: DatabaseConnection, runId: number, onProgress?: (progress: TrainProgress) => void, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  const run = await getRun(conn, runId);
  if (!run || run.status !== 'queued') return;
  await markRun(conn, runId, { status: 'running', stage: 'loading events', startedAt: new Date() });
  const report = throttledReporter(conn, runId, onProgress);
  try {
    const weights = await readSetting(conn, eventWeightsSetting);
    const { data, lastEventId } = await loadTrainingData(conn, weights, (done, total) => report({ stage: 'loading events', fraction: LOADING_SHARE * (total ? done / total : 1) }));
    if (data.log.length === 0) throw new Error('there are no events to learn from yet');
    signal?.throwIfAborted();
    const output = await trainInThread(data, (progress) => report({ stage: progress.stage, fraction: LOADING_SHARE + (1 - LOADING_SHARE) * progress.fraction }), signal);
    const version = await registerVersion(
      conn,
      {
        bytes: output.bundle,
        params: output.params,
        metrics: output.metrics,
        counts: { users: data.userIds.length, items: data.itemIds.length, events: data.log.length, last_event_id: lastEventId },
        dataFrom: new Date(output.dataFrom),
        dataTo: new Date(output.dataTo),
        trainingRunId: runId,
      },
      getConfig().modelDir,
    );
    const promoted = await promoteIfNotWorse(conn, version.id, output.metrics);
    await markRun(conn, runId, { status: 'succeeded', stage: promoted ? 'promoted' : 'kept as candidate', progress: 1, versionId: version.id, finishedAt: new Date() });
  } catch (error) {
    if (signal?.aborted) {
      await handBack(conn, runId);
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    await markRun(conn, runId, { status: 'failed', stage: 'failed', error: message, finishedAt: new Date() });
    throw error;
  }
}

/** An interrupted run waits again rather than staying `running` forever: another worker (or the next start) takes it up. */
async function handBack(conn: DatabaseConnection, runId: number): Promise<void> {
  await markRun(conn, runId, { status: 'queued', stage: 'interrupted: queued again', progress: 0, startedAt: null });
}

async function promoteIfNotWorse(conn: DatabaseConnection, versionId: number, metrics: Record<string, unknown>): Promise<boolean> {
  const active = await activeVersion(conn);
  const current = Number(active?.metrics.holdout_ndcg ?? 0);
  const candidate = Number(metrics.holdout_ndcg ?? 0);
  if (active && candidate < current * PROMOTION_TOLERANCE) {
    log.warn(`model version ${versionId} kept as a candidate: holdout NDCG ${candidate.toFixed(4)} against the active ${current.toFixed(4)}`);
    return false;
  }
  await promoteVersion(conn, versionId);
  return true;
}

/** Progress reaches the database at most once a second; the caller's callback sees every step. */
function throttledReporter(conn: DatabaseConnection, runId: number, onProgress?: (progress: TrainProgress) => void) {
  let writtenAt = 0;
  return (progress: TrainProgress) => {
    onProgress?.(progress);
    const now = Date.now();
    if (now - writtenAt < PROGRESS_WRITE_INTERVAL_MS) return;
    writtenAt = now;
    markRun(conn, runId, { stage: progress.stage, progress: progress.fraction }).catch((error: unknown) => log.warn('could not record training progress', (error as Error).message));
  };
}
