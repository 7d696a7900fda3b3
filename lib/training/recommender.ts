import { alsParamsSchema, resolvedAlsParams, trainAls } from '@/lib/models/als';
import { trainContentModel } from '@/lib/models/content';
import { trainEase } from '@/lib/models/ease';
import { itemKnnParamsSchema, trainItemKnn } from '@/lib/models/item-knn';
import { computePopularity } from '@/lib/models/popularity';
import type { TrainingData } from '@/lib/models/data';
import type { RecommenderModels } from '@/lib/recommend/models';

export interface BaseModelParams {
  als: Record<string, unknown>;
  knn: Record<string, unknown>;
  ease: Record<string, unknown> | null;
  content: Record<string, unknown>;
  popularity: Record<string, unknown>;
}

export const DEFAULT_BASE_PARAMS: BaseModelParams = { als: {}, knn: {}, ease: {}, content: {}, popularity: {} };

export type StageTimer = <T>(stage: string, work: () => T) => T;

/** Earlier models whose work a refit reuses: the content model as is, ALS as a warm start. */
export interface RefitFrom {
  models: Pick<RecommenderModels, 'content' | 'contentVectors' | 'als'>;
  alsIterations: number;
}

/** Every model the pipeline reads except the ranker, trained on one set of data. */
export function trainBaseModels(data: TrainingData, params: BaseModelParams, time: StageTimer, refit?: RefitFrom): RecommenderModels {
  const alsParams = resolvedAlsParams(data.positives, alsParamsSchema.parse(params.als));
  const knnParams = itemKnnParamsSchema.parse(params.knn);
  const als = time('als', () => (refit ? trainAls(data.positives, { ...alsParams, iterations: Math.min(alsParams.iterations, refit.alsIterations) }, undefined, refit.models.als) : trainAls(data.positives, alsParams)));
  const knn = time('item-knn', () => trainItemKnn(data.positives, knnParams));
  const ease = params.ease ? time('ease', () => trainEase(data.positives, params.ease ?? {})) : null;
  // Item text does not change between the rounds: a refit reuses the content model.
  const textual = refit
    ? { content: refit.models.content, contentVectors: refit.models.contentVectors }
    : time('content', () => {
        const trained = trainContentModel(data.items, params.content);
        return { content: trained.model, contentVectors: trained.vectors };
      });
  const popularity = time('popularity', () => computePopularity(data, params.popularity));
  const categoryIndex = new Map(popularity.categories.map((name, index) => [name, index]));
  return {
    userIds: data.userIds,
    itemIds: data.itemIds,
    itemCategory: Int32Array.from(data.items, (item) => (item.category === null ? -1 : (categoryIndex.get(item.category) ?? -1))),
    itemPublishedAt: Float64Array.from(data.items, (item) => item.publishedAt ?? Number.NaN),
    now: data.now,
    als,
    alsParams,
    knn,
    knnParams,
    ease,
    ...textual,
    popularity,
    ranker: null,
  };
}
