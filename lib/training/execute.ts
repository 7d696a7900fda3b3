import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { getConfig } from '@/lib/config';
import type { ModelVersionRow } from '@/db/schema';
import { activeVersion, promoteVersion, pruneCandidateArtifacts, readVerifiedArtifact, registerVersion } from '@/lib/models/registry';
import { recordTrainingRun } from '@/lib/metrics/record';
import { log } from '@/lib/runtime/log';
import { eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSetting } from '@/lib/settings/store';
import { requestArtifactScrub } from './dispatch';
import { loadTrainingData } from './load-events';
import { getRun, markRun } from './runs';
import { HOLDOUT_SCHEME } from './stacking';
import { trainInThread } from './thread';
import type { TrainProgress } from './train';

/** A new model replaces the active one unless it is clearly worse on the same held-out users. */
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
  const startedAt = new Date();
  await markRun(conn, runId, { status: 'running', stage: 'loading events', startedAt });
  log.info('training run started', { runId, trigger: run.trigger });
  const report = throttledReporter(conn, runId, onProgress);
  try {
    const weights = await readSetting(conn, eventWeightsSetting);
    const { data, lastEventId } = await loadTrainingData(conn, weights, (done, total) => report({ stage: 'loading events', fraction: LOADING_SHARE * (total ? done / total : 1) }));
    if (data.log.length === 0) throw new Error(data.anonymous?.log.length ? 'only users sharing minimal data have events: there is no behaviour to learn from yet' : 'there are no events to learn from yet');
    const anonymousEvents = data.anonymous?.log.length ?? 0;
    const active = await activeVersion(conn);
    const activeBundle = await comparableBundle(conn, active);
    signal?.throwIfAborted();
    const output = await trainInThread(data, (progress) => report({ stage: progress.stage, fraction: LOADING_SHARE + (1 - LOADING_SHARE) * progress.fraction }), activeBundle, signal);
    const version = await registerVersion(
      conn,
      {
        bytes: output.bundle,
        params: output.params,
        metrics: activeBundle ? { ...output.metrics, active_version: active!.id } : output.metrics,
        counts: { users: data.userIds.length, items: data.itemIds.length, events: data.log.length + anonymousEvents, anonymous_events: anonymousEvents, last_event_id: lastEventId },
        dataFrom: new Date(output.dataFrom),
        dataTo: new Date(output.dataTo),
        trainingRunId: runId,
      },
      getConfig().modelDir,
    );
    // Users forgotten while this run trained are in its bundle: the pass takes them out.
    await requestArtifactScrub();
    const promoted = await promoteIfNotWorse(conn, version.id, output.metrics, active);
    await pruneCandidates(conn);
    const finishedAt = new Date();
    await markRun(conn, runId, { status: 'succeeded', stage: promoted ? 'promoted' : 'kept as candidate', progress: 1, versionId: version.id, finishedAt });
    recordTrainingRun('succeeded', startedAt, finishedAt);
    log.info('training run succeeded', { runId, versionId: version.id, promoted, durationMs: finishedAt.getTime() - startedAt.getTime() });
  } catch (error) {
    if (signal?.aborted) {
      await handBack(conn, runId);
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    const finishedAt = new Date();
    await markRun(conn, runId, { status: 'failed', stage: 'failed', error: message, finishedAt });
    recordTrainingRun('failed', startedAt, finishedAt);
    throw error;
  }
}

/**
 * The active version's bundle, to be measured on the new run's holdout; null when there is none,
 * or when it was trained before the fixed holdout (it may have learned from the held-out items).
 */
async function comparableBundle(conn: DatabaseConnection, active: ModelVersionRow | null): Promise<Uint8Array | null> {
  if (!active || active.metrics.holdout_scheme !== HOLDOUT_SCHEME) return null;
  try {
    return await readVerifiedArtifact(conn, active);
  } catch (error) {
    log.warn(`model version ${active.id} cannot be measured against the new one; comparing their recorded numbers`, (error as Error).message);
    return null;
  }
}

/** An interrupted run waits again rather than staying `running` forever: another worker (or the next start) takes it up. */
async function handBack(conn: DatabaseConnection, runId: number): Promise<void> {
  await markRun(conn, runId, { status: 'queued', stage: 'interrupted: queued again', progress: 0, startedAt: null });
}

async function promoteIfNotWorse(conn: DatabaseConnection, versionId: number, metrics: Record<string, unknown>, active: ModelVersionRow | null): Promise<boolean> {
  const candidate = Number(metrics.holdout_ndcg ?? 0);
  const measuredAlike = typeof metrics.active_holdout_ndcg === 'number';
  // Without a measurement on the same users, the active version's own (another sample's) number.
  const current = measuredAlike ? Number(metrics.active_holdout_ndcg) : Number(active?.metrics.holdout_ndcg ?? 0);
  if (active && candidate < current * PROMOTION_TOLERANCE) {
    const basis = measuredAlike ? `on the same ${String(metrics.holdout_users)} held-out users` : 'each on its own holdout';
    log.warn(`model version ${versionId} kept as a candidate: holdout NDCG ${candidate.toFixed(4)} against the active version ${active.id}'s ${current.toFixed(4)}, ${basis}`);
    return false;
  }
  await promoteVersion(conn, versionId);
  return true;
}

/** Candidates pile up when runs keep losing to the active model: only the newest few keep their bytes. */
async function pruneCandidates(conn: DatabaseConnection): Promise<void> {
  const pruned = await pruneCandidateArtifacts(conn, getConfig().training.candidatesKept);
  if (pruned.length > 0) log.info(`deleted the artifacts of older candidate model versions ${pruned.join(', ')}`);
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
