import { getConnection } from '@/db';
import { seedDemoWorld } from '@/lib/demo/seed';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { promoteVersion, registerVersion } from '@/lib/models/registry';
import { reloadServingModel } from '@/lib/serving/state';
import { loadTrainingData } from '@/lib/training/load-events';
import { DEFAULT_RECOMMENDER_PARAMS, trainRecommender, type TrainOutput } from '@/lib/training/train';

/** Quick settings for a test world: the same stages as production, fewer iterations. */
const FAST_PARAMS = { ...DEFAULT_RECOMMENDER_PARAMS, base: { ...DEFAULT_RECOMMENDER_PARAMS.base, als: { iterations: 4, factors: 16 } }, ranker: { epochs: 3 } };

/** Seeds a small demo world and trains on it; registering the model is up to the caller. */
export async function trainedWorld(): Promise<TrainOutput> {
  const conn = await getConnection();
  await seedDemoWorld(conn, { items: 300, users: 150, events: 6_000, seed: 11 });
  const { data } = await loadTrainingData(conn, DEFAULT_EVENT_WEIGHTS);
  return trainRecommender(data, undefined, FAST_PARAMS);
}

/** Seeds a small demo world, trains on it, promotes the version and loads it for serving. */
export async function servingWorld(): Promise<{ versionId: number }> {
  const conn = await getConnection();
  const output = await trainedWorld();
  const version = await registerVersion(
    conn,
    { bytes: output.bundle, params: output.params, metrics: output.metrics, counts: {}, dataFrom: new Date(output.dataFrom), dataTo: new Date(output.dataTo), trainingRunId: null },
    null,
  );
  await promoteVersion(conn, version.id);
  await reloadServingModel();
  return { versionId: version.id };
}
