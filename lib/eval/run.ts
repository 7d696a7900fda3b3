import type { Dataset } from '@/lib/datasets';
import { createAlsScorer } from '@/lib/models/als';
import { contentScorer } from '@/lib/models/content';
import { createEaseScorer } from '@/lib/models/ease';
import { createItemKnnScorer } from '@/lib/models/item-knn';
import { popularityScorer } from '@/lib/models/popularity';
import type { ItemScorer } from '@/lib/models/types';
import type { RecommenderModels } from '@/lib/recommend/models';
import { exactRetrievers, recommendOffline } from '@/lib/recommend/pipeline';
import { recentItemsByUser } from '@/lib/recommend/user-histories';
import { DEFAULT_RECOMMENDER_PARAMS, trainRecommenderModels, withSettings, type TrainingSettings, type TrainProgress } from '@/lib/training/train';
import { evaluateRecommender, recommendFromScorer, type EvaluationResult, type Recommend } from './evaluate';
import { holdOut } from './from-dataset';

export interface EvaluationOptions extends TrainingSettings {
  k: number;
  seed: number;
}

export interface EvaluationReport {
  dataset: { name: string; users: number; items: number; interactions: number; train_interactions: number; test_users: number };
  protocol: string;
  results: Record<string, Record<string, number>>;
  /** What training chose to serve, and each recipe's NDCG@10 on its validation users (held out of the training part). */
  serving: { recipe: string; validation_users: number; validation_ndcg: Record<string, number> };
}

export const TEST_SHARE = 0.25;
const RECIPE_NDCG = 'recipe_ndcg_';
const UNPENALIZED = 'pipeline, no exposure';

/**
 * The offline evaluation contract: a per-user random split, every model trained on the training
 * part, each model alone and the served pipeline (diversity off) ranking the whole catalogue.
 */
export function evaluateDataset(dataset: Dataset, options: EvaluationOptions, onProgress?: (progress: TrainProgress) => void): EvaluationReport {
  const { train, evaluation } = holdOut(dataset, { seed: options.seed, testShare: TEST_SHARE });
  const started = performance.now();
  const { models, metrics, seconds } = trainRecommenderModels(train, withSettings(DEFAULT_RECOMMENDER_PARAMS, options), onProgress);
  const pipelineSeconds = (performance.now() - started) / 1000;
  const itemCount = train.itemIds.length;
  const alone: [string, ItemScorer | null, number][] = [
    ['popularity', popularityScorer(models.popularity), seconds.popularity ?? 0],
    ['item-knn', createItemKnnScorer(models.knn, models.knnParams), seconds['item-knn'] ?? 0],
    ['als', createAlsScorer(models.als, models.alsParams), seconds.als ?? 0],
    ['ease', models.ease && createEaseScorer(models.ease), seconds.ease ?? 0],
    ['content', contentScorer(models.content, models.contentVectors), seconds.content ?? 0],
  ];
  const results: EvaluationReport['results'] = {};
  for (const [name, scorer, trainSeconds] of alone) {
    if (scorer) results[name] = row(evaluateRecommender(evaluation, recommendFromScorer(scorer, itemCount), options.k), options.k, trainSeconds);
  }
  const retrievers = exactRetrievers(models);
  // The session replayed: each user's newest training interactions, as serving reads them.
  const recent = recentItemsByUser(train.log, train.userIds.length);
  const pipeline = (served: RecommenderModels): Recommend => (user, history, k) => recommendOffline(served, { user, history, recent: recent[user], preferredCategories: [], now: train.now, count: k }, retrievers);
  results.pipeline = row(evaluateRecommender(evaluation, pipeline(models), options.k), options.k, pipelineSeconds);
  // What the penalty costs and buys: the same version ranking without it.
  if (models.exposurePenalty) results[UNPENALIZED] = row(evaluateRecommender(evaluation, pipeline({ ...models, exposurePenalty: undefined }), options.k), options.k, pipelineSeconds);
  return {
    dataset: {
      name: dataset.name,
      users: dataset.userIds.length,
      items: dataset.itemIds.length,
      interactions: dataset.interactions.length,
      train_interactions: train.log.length,
      test_users: evaluation.users.length,
    },
    protocol: `per-user random split ${100 - TEST_SHARE * 100}/${TEST_SHARE * 100} (seed ${options.seed}); every interaction is a positive; top-${options.k} over the whole catalogue excluding training items; binary relevance; NDCG's ideal DCG over min(k, test items); MAP averages precision at hit ranks over test items; coverage = share of the catalogue recommended to anyone`,
    results,
    serving: {
      recipe: models.servingRecipe ?? 'stacker',
      validation_users: Number(metrics.recipe_validation_users ?? 0),
      validation_ndcg: Object.fromEntries(Object.entries(metrics).flatMap(([key, value]) => (key.startsWith(RECIPE_NDCG) && typeof value === 'number' ? [[key.slice(RECIPE_NDCG.length), value]] : []))),
    },
  };
}

function row(result: EvaluationResult, k: number, trainSeconds: number): Record<string, number> {
  return {
    [`precision@${k}`]: result.precision,
    [`recall@${k}`]: result.recall,
    [`ndcg@${k}`]: result.ndcg,
    [`map@${k}`]: result.map,
    coverage: result.coverage,
    train_seconds: trainSeconds,
  };
}
