import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { seedDemoWorld } from '@/lib/demo/seed';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { activeVersion, getVersion, listVersions, readVerifiedArtifact } from '@/lib/models/registry';
import { tailorMetrics } from '@/lib/metrics/registry';
import { unpackRecommender } from '@/lib/recommend/bundle';
import { exactRetrievers, recommendOffline } from '@/lib/recommend/pipeline';
import { executeRun } from './execute';
import { loadTrainingData } from './load-events';
import { getRun, queueRun } from './runs';
import { dueTrigger } from './scheduler';
import { holdoutMetricsOf, splitForRanker } from './stacking';
import { DEFAULT_RECOMMENDER_PARAMS } from './train';

describe('a training run', () => {
  it('trains on the events, registers a verified bundle and promotes it', async () => {
    const conn = await getConnection();
    await seedDemoWorld(conn, { items: 300, users: 150, events: 6_000, seed: 7 });
    const metrics = tailorMetrics();
    // 0 (the epoch) until a run succeeds: an alert on the time since the last success fires from the start.
    expect((await metrics.trainingLastSuccess.get()).values[0]?.value).toBe(0);
    const { run } = await queueRun(conn, 'manual');
    const stages: string[] = [];
    await executeRun(conn, run.id, (progress) => stages.push(progress.stage));
    const finished = await getRun(conn, run.id);
    expect(finished).toMatchObject({ status: 'succeeded', progress: 1, stage: 'promoted' });
    expect((await metrics.trainingLastSuccess.get()).values[0]?.value).toBe(finished!.finishedAt!.getTime() / 1000);
    const durations = (await metrics.trainingDuration.get()).values;
    expect(durations.find((sample) => sample.metricName === 'tailor_training_duration_seconds_count' && sample.labels.outcome === 'succeeded')?.value).toBe(1);
    expect(durations.find((sample) => sample.metricName === 'tailor_training_duration_seconds_sum' && sample.labels.outcome === 'succeeded')?.value).toBeGreaterThan(0);
    expect(stages).toEqual(expect.arrayContaining(['loading events', 'fit: als', 'ranker', 'holdout', 'ann indexes']));

    const version = await activeVersion(conn);
    expect(version?.id).toBe(finished?.versionId);
    expect(version?.counts).toMatchObject({ items: 300, events: 6_000 });
    expect(Number(version?.metrics.holdout_ndcg)).toBeGreaterThan(0);
    // The baseline the Models page shows beside NDCG, measured on the same held-out items.
    expect(Number(version?.metrics.popularity_holdout_ndcg)).toBeGreaterThan(0);
    expect(Number(version?.metrics.ann_recall_factors)).toBeGreaterThanOrEqual(0.95);

    const { models, onnx } = unpackRecommender(await readVerifiedArtifact(conn, version!));
    expect(onnx?.byteLength).toBeGreaterThan(0);
    const user = models.userIds.indexOf('user-00001');
    const history = { items: new Uint32Array([0, 1]), strengths: new Float32Array([1, 1]) };
    const list = recommendOffline(models, { user, history, preferredCategories: [], now: models.now, count: 10 }, exactRetrievers(models));
    expect(list.length).toBe(10);
    expect([...list]).not.toContain(0);
  }, 120_000);

  it('measures the active version on the new run’s held-out users, decides on those numbers, and waits for new events', async () => {
    const conn = await getConnection();
    const active = (await activeVersion(conn))!;
    // Later traffic: new users among the old, and events the active version never saw.
    await seedDemoWorld(conn, { items: 300, users: 180, events: 3_000, seed: 8 });
    const { run } = await queueRun(conn, 'events');
    await executeRun(conn, run.id);
    const finished = (await getRun(conn, run.id))!;
    const version = (await getVersion(conn, finished.versionId!))!;
    const metrics = version.metrics as Record<string, number>;
    expect(metrics.active_version).toBe(active.id);
    expect(metrics.holdout_users).toBeGreaterThan(5);

    // The active version's number is its score on exactly the new run's held-out users and items.
    const { data } = await loadTrainingData(conn, DEFAULT_EVENT_WEIGHTS);
    const { models } = unpackRecommender(await readVerifiedArtifact(conn, active));
    const sameUsers = holdoutMetricsOf(models, data, splitForRanker(data, DEFAULT_RECOMMENDER_PARAMS.split), 10);
    expect(metrics.active_holdout_ndcg).toBe(sameUsers.holdout_ndcg);
    expect(sameUsers.holdout_users).toBe(metrics.holdout_users);

    const promoted = metrics.holdout_ndcg! >= 0.95 * metrics.active_holdout_ndcg!;
    expect(finished.stage).toBe(promoted ? 'promoted' : 'kept as candidate');
    expect((await activeVersion(conn))?.id).toBe(promoted ? version.id : active.id);
    expect(await dueTrigger(conn, { everyMinutes: 0, afterEvents: 1 })).toBeNull();
  }, 180_000);

  it('stops when its process is shutting down: the thread ends and the run is queued again, not left running', async () => {
    const conn = await getConnection();
    await seedDemoWorld(conn, { items: 300, users: 150, events: 6_000, seed: 7 });
    const versionsBefore = (await listVersions(conn)).length;
    const { run } = await queueRun(conn, 'manual');
    const stopping = new AbortController();
    const interrupted = executeRun(conn, run.id, (progress) => {
      if (progress.stage !== 'loading events') stopping.abort(new Error('shutting down'));
    }, stopping.signal);
    await expect(interrupted).rejects.toThrow('shutting down');
    expect(await getRun(conn, run.id)).toMatchObject({ status: 'queued', stage: 'interrupted: queued again', progress: 0, startedAt: null });
    expect(await listVersions(conn)).toHaveLength(versionsBefore);

    // The run handed back trains in full when taken up again.
    await executeRun(conn, run.id);
    expect(await getRun(conn, run.id)).toMatchObject({ status: 'succeeded' });
  }, 120_000);

  it('fails clearly with nothing to learn from, leaving no version behind', async () => {
    const conn = await getConnection();
    await conn.query('delete from events');
    const { run } = await queueRun(conn, 'manual');
    await expect(executeRun(conn, run.id)).rejects.toThrow(/no events/);
    expect(await getRun(conn, run.id)).toMatchObject({ status: 'failed', error: 'there are no events to learn from yet' });
  });
});
