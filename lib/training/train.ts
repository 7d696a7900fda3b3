import { AnnIndex, tuneServingEf } from '@/lib/models/ann';
import { exportRankerToOnnx } from '@/lib/models/ranker/onnx-export';
import { trainRankerEnsemble } from '@/lib/models/ranker/mlp';
import { packRecommender, unpackRecommender } from '@/lib/recommend/bundle';
import { DEFAULT_QUOTAS } from '@/lib/recommend/candidates';
import { DEFAULT_EXPOSURE_WEIGHT, EXPOSURE_K, exposurePenalties, exposureSample, type RankedPage } from '@/lib/recommend/exposure';
import { candidatesWithFeatures, exactRetrievers, scoreCandidates } from '@/lib/recommend/pipeline';
import { topK } from '@/lib/math/top-k';
import { precomputeCandidates } from '@/lib/recommend/precomputed';
import { annRetriever, countSet } from '@/lib/recommend/retrieval';
import type { SignalScale } from '@/lib/models/signal-scale';
import { chooseRecipe, recipeValidation, type RecipeChoice } from './recipe-choice';
import { buildUserHistories, recentItemsByUser } from '@/lib/recommend/user-histories';
import type { TrainingData } from '@/lib/models/data';
import type { RecommenderModels } from '@/lib/recommend/models';
import { DEFAULT_BASE_PARAMS, trainBaseModels, type BaseModelParams, type StageTimer } from './recommender';
import { concatRankingData, holdoutMetrics, holdoutMetricsOf, popularityHoldoutMetrics, rankerExamples, requestFor, servedData, splitForRanker, stackingFolds, type RankerSplit, type SplitOptions } from './stacking';
import type { RankingData } from '@/lib/models/ranker/dataset';

export interface TrainProgress {
  stage: string;
  /** 0..1 over the whole training. */
  fraction: number;
}

export interface RecommenderParams {
  base: BaseModelParams;
  /** The final fit starts ALS from the first round's factors, so it needs only a few iterations. */
  refitAlsIterations: number;
  ranker: Record<string, unknown>;
  /** Rankers trained with successive seeds and averaged (trainRankerEnsemble). */
  rankerMembers: number;
  split: SplitOptions;
  /** The exposure penalty's weight (lib/recommend/exposure.ts); 0 turns it off. */
  exposureWeight: number;
}

export const DEFAULT_RECOMMENDER_PARAMS: RecommenderParams = {
  base: DEFAULT_BASE_PARAMS,
  refitAlsIterations: 5,
  // Members stop at 8 epochs: on ml-latest-small one member's validation loss stops improving
  // before that (the same NDCG@10 as with 20), and five members cost 5 × 8 epochs, not 5 × 20.
  ranker: { epochs: 8 },
  rankerMembers: 5,
  split: { seed: 42, share: 0.1, minPositives: 5, maxTrainingUsers: 1_200, maxMetricUsers: 500, metricShare: 0.1, maxFolds: 3 },
  exposureWeight: DEFAULT_EXPOSURE_WEIGHT,
};

/** What an operator sets: `TAILOR_SIGNAL_SCALE` and `TAILOR_EXPOSURE_PENALTY`, or the eval command's flags. */
export interface TrainingSettings {
  /** How ALS takes event strengths. */
  signalScale: SignalScale;
  exposureWeight: number;
}

export function withSettings(params: RecommenderParams, settings: TrainingSettings): RecommenderParams {
  return { ...params, base: { ...params.base, als: { ...params.base.als, confidence: settings.signalScale } }, exposureWeight: settings.exposureWeight };
}

export interface TrainedRecommender {
  models: RecommenderModels;
  metrics: Record<string, number | string>;
  /** Seconds per stage of the final fit (and the ranker's), for reports. */
  seconds: Record<string, number>;
}

/** Stages and their share of the run (as measured by bench:train), for progress reporting. */
const STAGES: [string, number][] = [
  ['fit: als', 0.27],
  ['fit: item-knn', 0.02],
  ['fit: ease', 0.03],
  ['fit: content', 0.03],
  ['fit: popularity', 0.01],
  ['ranker examples', 0.26],
  ['ranker', 0.35],
  ['als', 0.11],
  ['item-knn', 0.02],
  ['ease', 0.03],
  ['popularity', 0.01],
  ['exposure', 0.02],
  ['holdout', 0.09],
];

/**
 * How production training measures: the final fit leaves the measured holdout out, the finished
 * models are measured on it and, when given, so is `active` (the version serving now), on the
 * same users and items, so the two numbers compare like with like.
 */
export interface HoldoutMeasure {
  active: RecommenderModels | null;
}

/**
 * Two rounds: base models on the data minus a holdout, from which the ranker learns what users
 * chose; then the base models again, with that ranker, on everything (the offline evaluation,
 * which holds out its own test items) or on everything but the measured holdout (`measure`).
 */
export function trainRecommenderModels(
  data: TrainingData,
  params: RecommenderParams = DEFAULT_RECOMMENDER_PARAMS,
  onProgress?: (progress: TrainProgress) => void,
  measure: HoldoutMeasure | null = null,
): TrainedRecommender {
  const seconds: Record<string, number> = {};
  const progress = progressTracker(onProgress);
  const timed = (prefix: string): StageTimer => (stage, work) => {
    const name = `${prefix}${stage}`;
    progress.start(name);
    const started = performance.now();
    const result = work();
    seconds[name] = (performance.now() - started) / 1000;
    progress.finish(name);
    return result;
  };
  const split = splitForRanker(data, params.split);
  const fitModels = trainBaseModels(split.fit, params.base, timed('fit: '));
  const firstExamples = timed('')('ranker examples', () => rankerExamples(fitModels, split));
  const folds = [firstExamples, ...extraFoldExamples(data, params, split, timed)].filter((part) => part !== null);
  const examples = folds.length > 0 ? concatRankingData(folds) : null;
  const ranker = examples ? timed('')('ranker', () => trainRankerEnsemble(examples, params.ranker, params.rankerMembers)) : null;
  const choice = ranker ? timed('')('recipes', () => chooseRecipe(recipeValidation({ ...fitModels, ranker }, split, 10))) : null;
  const finalData = measure ? servedData(data, params.split) : data;
  const fitted = { ...trainBaseModels(finalData, params.base, timed(''), { models: fitModels, alsIterations: params.refitAlsIterations }), ranker, ...(choice && { servingRecipe: choice.recipe }) };
  const penalized = choice?.recipe === 'stacker' && params.exposureWeight > 0;
  const models = penalized ? { ...fitted, exposurePenalty: timed('')('exposure', () => exposurePenaltiesOf(fitted, finalData, params.exposureWeight)) } : fitted;
  const metrics = measure ? timed('')('holdout', () => ({ ...holdoutMetrics(models, split, 10), ...popularityHoldoutMetrics(models, split, 10), ...(measure.active && activeMetrics(measure.active, data, split)) })) : {};
  seconds.content = seconds['fit: content'] ?? 0;
  return { models, metrics: { ...metrics, ...(choice && recipeMetrics(choice)), exposure_weight: penalized ? params.exposureWeight : 0, ranker_examples: examples?.labels.length ?? 0 }, seconds };
}

/** Exposure as the finished version itself ranks a sample of the users it will serve, without the penalty. */
function exposurePenaltiesOf(models: RecommenderModels, data: TrainingData, weight: number): Float32Array {
  const retrievers = exactRetrievers(models);
  const recent = recentItemsByUser(data.log, data.userIds.length);
  const pages = exposureSample(data.userIds.length)
    .filter((user) => data.positives.rowLength(user) > 0)
    .map((user): RankedPage => {
      const { candidates, features } = candidatesWithFeatures(models, requestFor(models, data, recent, user, EXPOSURE_K), retrievers);
      const scores = scoreCandidates(models, 'stacker', candidates, features);
      const top = topK(scores, EXPOSURE_K);
      return { items: Array.from(top, (position) => candidates.items[position]!), scores: Array.from(top, (position) => scores[position]!) };
    });
  return exposurePenalties(data.itemIds.length, pages, weight);
}

/** What the version serves and why: `serving_recipe`, and each recipe's validation NDCG@10 as `recipe_ndcg_<recipe>`. */
function recipeMetrics(choice: RecipeChoice): Record<string, number | string> {
  return {
    serving_recipe: choice.recipe,
    recipe_validation_users: choice.users,
    ...Object.fromEntries(Object.entries(choice.ndcg).map(([recipe, ndcg]) => [`recipe_ndcg_${recipe}`, ndcg])),
  };
}

/** The active version's numbers on this run's holdout, as `active_holdout_*`. */
function activeMetrics(active: RecommenderModels, data: TrainingData, split: RankerSplit): Record<string, number> {
  const { holdout_ndcg, holdout_recall, holdout_precision, holdout_map } = holdoutMetricsOf(active, data, split, 10);
  return { active_holdout_ndcg: holdout_ndcg!, active_holdout_recall: holdout_recall!, active_holdout_precision: holdout_precision!, active_holdout_map: holdout_map! };
}

/**
 * Examples from the further folds stackingFolds asks for: base models refit without each fold's
 * held-out items. Query ids are offset by a user count per fold, so a user's queries stay apart.
 */
function extraFoldExamples(data: TrainingData, params: RecommenderParams, first: RankerSplit, timed: (prefix: string) => StageTimer): (RankingData | null)[] {
  const examples: (RankingData | null)[] = [];
  for (let fold = 1; fold < stackingFolds(first, params.split); fold++) {
    const split = splitForRanker(data, params.split, fold);
    const models = trainBaseModels(split.fit, params.base, timed(`fold ${fold + 1}: `));
    examples.push(timed('')(`fold ${fold + 1}: ranker examples`, () => rankerExamples(models, split, fold * data.userIds.length)));
  }
  return examples;
}

function progressTracker(onProgress?: (progress: TrainProgress) => void) {
  const total = STAGES.reduce((sum, [, share]) => sum + share, 0);
  const before = new Map<string, number>();
  let running = 0;
  for (const [stage, share] of STAGES) {
    before.set(stage, running / total);
    running += share;
  }
  const shareOf = (stage: string) => (STAGES.find(([name]) => name === stage)?.[1] ?? 0) / total;
  return {
    // Stages without a share (extra stacking folds, on small data only) would move the bar backwards.
    start: (stage: string) => before.has(stage) && onProgress?.({ stage, fraction: before.get(stage)! }),
    finish: (stage: string) => before.has(stage) && onProgress?.({ stage, fraction: before.get(stage)! + shareOf(stage) }),
  };
}

export interface TrainOutput {
  bundle: Uint8Array;
  params: Record<string, unknown>;
  metrics: Record<string, number | string>;
  /** Seconds per stage, the ANN indexes and the packing included. */
  seconds: Record<string, number>;
  /** Epoch ms of the oldest and newest event trained on. */
  dataFrom: number;
  dataTo: number;
}

/**
 * Shares of the progress bar, as measured on the serving benchmark's world (50,000 users): the
 * models take three fifths of a run, the ANN indexes a tenth, precomputing candidates a third.
 */
const MODELS_SHARE = 0.6;
const PRECOMPUTE_FROM = 0.68;

const RECALL_SAMPLE = 200;
const RECALL_K = 50;

/**
 * Trains everything, builds the ANN indexes (recording their recall), and packs one bundle.
 * `activeBundle`, the version serving now, is measured on the same holdout (see trainRecommenderModels).
 */
export async function trainRecommender(
  data: TrainingData,
  onProgress?: (progress: TrainProgress) => void,
  params: RecommenderParams = DEFAULT_RECOMMENDER_PARAMS,
  activeBundle: Uint8Array | null = null,
): Promise<TrainOutput> {
  const active = activeBundle && unpackRecommender(activeBundle).models;
  const { models, metrics, seconds } = trainRecommenderModels(data, params, (progress) => onProgress?.({ stage: progress.stage, fraction: progress.fraction * MODELS_SHARE }), { active });
  onProgress?.({ stage: 'ann indexes', fraction: MODELS_SHARE });
  let started = performance.now();
  const factorIndex = AnnIndex.build(models.als.itemFactors, models.als.factors, { space: 'ip' });
  const contentIndex = AnnIndex.build(models.contentVectors, models.content.dims, { space: 'cosine' });
  const factorTuning = tuneServingEf(factorIndex, models.als.itemFactors, sampleRows(models.als.userFactors, models.als.factors), RECALL_K);
  const contentTuning = tuneServingEf(contentIndex, models.contentVectors, sampleRows(models.contentVectors, models.content.dims), RECALL_K);
  const recall = {
    ann_recall_factors: factorTuning.recall,
    ann_ef_factors: factorTuning.ef,
    ann_recall_content: contentTuning.recall,
    ann_ef_content: contentTuning.ef,
  };
  seconds['ann indexes'] = (performance.now() - started) / 1000;
  started = performance.now();
  const histories = buildUserHistories(data.log, data.userIds.length);
  const retrievers = { factors: annRetriever(factorIndex, countSet), content: annRetriever(contentIndex, countSet) };
  const precomputed = precomputeCandidates(models, histories, retrievers, DEFAULT_QUOTAS, (done) =>
    onProgress?.({ stage: 'precomputed candidates', fraction: PRECOMPUTE_FROM + done * (1 - PRECOMPUTE_FROM) * 0.99 }),
  );
  seconds['precomputed candidates'] = (performance.now() - started) / 1000;
  started = performance.now();
  const bundle = packRecommender(
    { ...models, histories, precomputed },
    { onnx: models.ranker && exportRankerToOnnx(models.ranker), annFactors: await factorIndex.toBuffer(), annContent: await contentIndex.toBuffer() },
    { trainedAt: new Date().toISOString(), seconds },
  );
  seconds.pack = (performance.now() - started) / 1000;
  onProgress?.({ stage: 'packed', fraction: 1 });
  let dataFrom = Number.POSITIVE_INFINITY;
  let dataTo = 0;
  for (let row = 0; row < data.log.length; row++) {
    dataFrom = Math.min(dataFrom, data.log.timestamp[row]!);
    dataTo = Math.max(dataTo, data.log.timestamp[row]!);
  }
  return { bundle, params: params as unknown as Record<string, unknown>, metrics: { ...metrics, ...recall }, seconds, dataFrom: Number.isFinite(dataFrom) ? dataFrom : dataTo, dataTo };
}

/** Evenly spaced rows as recall queries: deterministic, and spread over the whole matrix. */
function sampleRows(matrix: Float32Array, dims: number): Float32Array {
  const rows = matrix.length / dims;
  const count = Math.min(RECALL_SAMPLE, rows);
  const sample = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    const row = Math.floor((i * rows) / count);
    sample.set(matrix.subarray(row * dims, (row + 1) * dims), i * dims);
  }
  return sample;
}
