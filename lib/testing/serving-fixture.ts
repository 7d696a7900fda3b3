import { getConnection } from '@/db';
import { seedDemoWorld } from '@/lib/demo/seed';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { unpackBundle } from '@/lib/models/bundle/container';
import { promoteVersion, registerVersion } from '@/lib/models/registry';
import { reloadServingModel } from '@/lib/serving/state';
import { loadTrainingData } from '@/lib/training/load-events';
import { DEFAULT_RECOMMENDER_PARAMS, trainRecommender, type TrainOutput } from '@/lib/training/train';

/** Quick settings for a test world: the same stages as production, fewer iterations. */
export const FAST_PARAMS = { ...DEFAULT_RECOMMENDER_PARAMS, base: { ...DEFAULT_RECOMMENDER_PARAMS.base, als: { iterations: 4, factors: 16 } }, ranker: { epochs: 3 }, rankerMembers: 2 };

/** Seeds a small demo world and trains on it; registering the model is up to the caller. */
export async function trainedWorld(): Promise<TrainOutput> {
  const conn = await getConnection();
  await seedDemoWorld(conn, { items: 300, users: 150, events: 6_000, seed: 11 });
  const { data } = await loadTrainingData(conn, DEFAULT_EVENT_WEIGHTS);
  return trainRecommender(data, undefined, FAST_PARAMS);
}

let smallBundle: Promise<Uint8Array> | null = null;

/**
 * A real bundle (ONNX ranker, ANN indexes) trained once per test file on a tiny demo world, for
 * tests of the registry, which loads every version it promotes as serving would.
 */
export function loadableBundle(): Promise<Uint8Array> {
  smallBundle ??= (async () => {
    const conn = await getConnection();
    await seedDemoWorld(conn, { items: 60, users: 40, events: 1_200, seed: 5 });
    const { data } = await loadTrainingData(conn, DEFAULT_EVENT_WEIGHTS);
    return (await trainRecommender(data, undefined, FAST_PARAMS)).bundle;
  })();
  return smallBundle;
}

/**
 * A copy of a bundle whose ONNX ranker is garbage while the container stays intact: it passes a
 * checksum computed over it and unpacks, yet no ONNX session can be made from it.
 */
export function withCorruptRanker(bundle: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bundle);
  const onnx = unpackBundle(copy).sections['ranker.onnx'];
  if (!(onnx instanceof Uint8Array) || onnx.buffer !== copy.buffer) throw new Error('the bundle has no ranker section to corrupt in place');
  onnx.fill(0xff, 0, Math.min(onnx.length, 64));
  return copy;
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
