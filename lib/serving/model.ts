import { AnnIndex } from '@/lib/models/ann';
import { OnnxRanker } from '@/lib/models/ranker/onnx-scorer';
import type { Retrievers } from '@/lib/recommend/candidates';
import type { RecommenderModels } from '@/lib/recommend/models';
import { unpackRecommender } from '@/lib/recommend/bundle';
import { annRetriever, countSet } from '@/lib/recommend/retrieval';

/** Scores a batch of feature rows; the ONNX session in production, anything with this shape in tests. */
export interface BatchRanker {
  score(features: Float32Array, rows: number): Promise<Float32Array>;
}

/** One model version, unpacked and indexed, ready to serve from memory. */
export interface ServingModel {
  versionId: number;
  models: RecommenderModels;
  retrievers: Retrievers;
  ranker: BatchRanker | null;
  userIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  release(): Promise<void>;
}

export async function loadServingModel(versionId: number, bundle: Uint8Array): Promise<ServingModel> {
  const { models, onnx, annFactors, annContent } = unpackRecommender(bundle);
  const [factorIndex, contentIndex, ranker] = await Promise.all([
    AnnIndex.fromBuffer(annFactors),
    AnnIndex.fromBuffer(annContent),
    onnx ? OnnxRanker.load(onnx) : Promise.resolve(null),
  ]);
  return {
    versionId,
    models,
    retrievers: { factors: annRetriever(factorIndex, countSet), content: annRetriever(contentIndex, countSet) },
    ranker,
    // A forgotten user's id is the empty string in a scrubbed bundle (lib/models/scrub.ts): no lookup may find it.
    userIndex: new Map(models.userIds.flatMap((id, index) => (id === '' ? [] : [[id, index] as const]))),
    itemIndex: new Map(models.itemIds.map((id, index) => [id, index])),
    release: async () => {
      await ranker?.release();
    },
  };
}

/**
 * Takes a forgotten user out of the loaded model: their id, factors, trained history and
 * precomputed lists are cleared in memory, so they are served as a new user and nothing in this
 * process names them or holds what was learnt from them alone. Returns whether they were in it.
 */
export function forgetModelUser(model: ServingModel, userId: string): boolean {
  const user = model.userIndex.get(userId);
  if (user === undefined) return false;
  model.userIndex.delete(userId);
  const { models } = model;
  models.userIds[user] = '';
  const k = models.als.factors;
  models.als.userFactors.fill(0, user * k, (user + 1) * k);
  const rows: { offsets: Uint32Array; arrays: { fill(value: number, start: number, end: number): unknown }[] }[] = [];
  if (models.histories) rows.push({ offsets: models.histories.offsets, arrays: [models.histories.items, models.histories.strengths, models.histories.types] });
  for (const list of Object.values(models.precomputed ?? {})) rows.push({ offsets: list.offsets, arrays: [list.items] });
  for (const { offsets, arrays } of rows) for (const array of arrays) array.fill(0, offsets[user] ?? 0, offsets[user + 1] ?? 0);
  return true;
}

/** Users hashed between yields to the event loop: hashing a million takes seconds, requests must not wait on it. */
const HASHES_PER_SLICE = 10_000;

/** Takes every user whose keyed hash is in `hashes` out of the model: for tombstones, which hold no ids. */
export async function forgetModelUsersByHash(model: ServingModel, hashes: ReadonlySet<string>, hash: (userId: string) => string): Promise<number> {
  if (hashes.size === 0) return 0;
  let forgotten = 0;
  let hashed = 0;
  for (const userId of [...model.userIndex.keys()]) {
    if (hashes.has(hash(userId)) && forgetModelUser(model, userId)) forgotten += 1;
    if (++hashed % HASHES_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return forgotten;
}
