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
    userIndex: new Map(models.userIds.map((id, index) => [id, index])),
    itemIndex: new Map(models.itemIds.map((id, index) => [id, index])),
    release: async () => {
      await ranker?.release();
    },
  };
}
