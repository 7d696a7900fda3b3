import { rankingMetrics } from '@/lib/eval/metrics';
import { Random } from '@/lib/math/random';
import { buildPositives, type InteractionLog, type TrainingData } from '@/lib/models/data';
import type { RankingData } from '@/lib/models/ranker/dataset';
import { FEATURE_COUNT, FEATURE_NAMES } from '@/lib/recommend/features';
import type { RecommenderModels } from '@/lib/recommend/models';
import { candidatesWithFeatures, exactRetrievers, recommendOffline } from '@/lib/recommend/pipeline';

/** The ranker learns which candidates a user went on to choose, from models that never saw those choices. */
export interface RankerSplit {
  /** The data minus the held-out choices: base models for the ranker's examples train on this. */
  fit: TrainingData;
  /** Per user, the items held out (empty for users too light to spare any). */
  heldOut: Set<number>[];
  /** Users whose examples train the ranker. */
  trainingUsers: number[];
  /** Users the finished pipeline is measured on; disjoint from `trainingUsers`. */
  metricUsers: number[];
}

export interface SplitOptions {
  seed: number;
  /** Share of each eligible user's items held out per fold. */
  share: number;
  minPositives: number;
  maxTrainingUsers: number;
  maxMetricUsers: number;
  /** Share of the eligible users kept for measuring (up to maxMetricUsers); the rest train the ranker. */
  metricShare: number;
  /**
   * Most rounds of stacking. Each extra fold holds out other items of the same users and refits
   * the base models, to give the ranker more examples when users are too few to fill
   * maxTrainingUsers; data with enough users needs (and pays for) only one.
   */
  maxFolds: number;
}

/**
 * Fold f holds out the f-th slice of each user's shuffled items, so the folds' held-out items are
 * disjoint, while the eligible, training and metric users are the same in every fold.
 */
export function splitForRanker(data: TrainingData, options: SplitOptions, fold = 0): RankerSplit {
  const random = new Random(options.seed, 7);
  const itemCount = data.itemIds.length;
  const heldOut = data.userIds.map(() => new Set<number>());
  const eligible: number[] = [];
  for (let user = 0; user < data.userIds.length; user++) {
    const items = [...data.positives.rowIndices(user)];
    if (items.length < options.minPositives) continue;
    random.shuffle(items);
    const size = Math.max(1, Math.round(items.length * options.share));
    for (const item of items.slice(fold * size, (fold + 1) * size)) heldOut[user]!.add(item);
    eligible.push(user);
  }
  const keep = (row: number) => !heldOut[data.log.user[row]!]!.has(data.log.item[row]!);
  const log = filterLog(data.log, keep);
  const fit: TrainingData = { ...data, log, positives: buildPositives(data.userIds.length, itemCount, log) };
  random.shuffle(eligible);
  const metricCount = Math.min(options.maxMetricUsers, Math.floor(eligible.length * options.metricShare));
  return {
    fit,
    heldOut,
    metricUsers: eligible.slice(0, metricCount),
    trainingUsers: eligible.slice(metricCount, metricCount + options.maxTrainingUsers),
  };
}

/** Folds worth training: as many as it takes to offer maxTrainingUsers queries, within maxFolds and the items there are to hold out. */
export function stackingFolds(split: RankerSplit, options: SplitOptions): number {
  if (split.trainingUsers.length === 0) return 1;
  const wanted = Math.ceil(options.maxTrainingUsers / split.trainingUsers.length);
  return Math.max(1, Math.min(options.maxFolds, Math.floor(1 / options.share), wanted));
}

/** The folds' examples as one data set; each fold's queries are already distinct (see rankerExamples). */
export function concatRankingData(parts: RankingData[]): RankingData {
  const first = parts[0]!;
  const features = new Float32Array(parts.reduce((sum, part) => sum + part.features.length, 0));
  const labels = new Float32Array(parts.reduce((sum, part) => sum + part.labels.length, 0));
  const groups = new Uint32Array(labels.length);
  let row = 0;
  for (const part of parts) {
    features.set(part.features, row * first.featureCount);
    labels.set(part.labels, row);
    groups.set(part.groups, row);
    row += part.labels.length;
  }
  return { ...first, features, labels, groups };
}

function filterLog(log: InteractionLog, keep: (row: number) => boolean): InteractionLog {
  const rows: number[] = [];
  for (let row = 0; row < log.length; row++) if (keep(row)) rows.push(row);
  return {
    length: rows.length,
    user: Uint32Array.from(rows, (row) => log.user[row]!),
    item: Uint32Array.from(rows, (row) => log.item[row]!),
    strength: Float32Array.from(rows, (row) => log.strength[row]!),
    timestamp: Float64Array.from(rows, (row) => log.timestamp[row]!),
    ...(log.type && { type: Uint8Array.from(rows, (row) => log.type![row]!) }),
  };
}

function requestFor(models: RecommenderModels, fit: TrainingData, user: number, count: number) {
  return {
    user,
    history: { items: fit.positives.rowIndices(user), strengths: fit.positives.rowValues(user) },
    preferredCategories: [],
    now: models.now,
    count,
  };
}

/**
 * One query group per user: every candidate the pipeline proposes, labelled by whether the user
 * chose it. Query ids are `queryOffset + user`, so that folds can give distinct offsets.
 */
export function rankerExamples(models: RecommenderModels, split: RankerSplit, queryOffset = 0): RankingData | null {
  const retrievers = exactRetrievers(models);
  const features: Float32Array[] = [];
  const labels: number[] = [];
  const groups: number[] = [];
  for (const user of split.trainingUsers) {
    const { candidates, features: rows } = candidatesWithFeatures(models, requestFor(models, split.fit, user, 10), retrievers);
    const chosen = Array.from(candidates.items, (item) => (split.heldOut[user]!.has(item) ? 1 : 0));
    if (!chosen.includes(1)) continue;
    features.push(rows);
    labels.push(...chosen);
    for (let c = 0; c < candidates.items.length; c++) groups.push(queryOffset + user);
  }
  if (labels.length === 0) return null;
  const all = new Float32Array(labels.length * FEATURE_COUNT);
  let offset = 0;
  for (const rows of features) {
    all.set(rows, offset);
    offset += rows.length;
  }
  return { featureCount: FEATURE_COUNT, features: all, labels: Float32Array.from(labels), groups: Uint32Array.from(groups), featureNames: [...FEATURE_NAMES] };
}

/** The finished pipeline on users it never trained the ranker on: the number promotion compares. */
export function holdoutMetrics(models: RecommenderModels, split: RankerSplit, k: number): Record<string, number> {
  const retrievers = exactRetrievers(models);
  const totals = { precision: 0, recall: 0, ndcg: 0, map: 0 };
  for (const user of split.metricUsers) {
    const list = recommendOffline(models, requestFor(models, split.fit, user, k), retrievers);
    const metrics = rankingMetrics(list, split.heldOut[user]!, k);
    totals.precision += metrics.precision;
    totals.recall += metrics.recall;
    totals.ndcg += metrics.ndcg;
    totals.map += metrics.map;
  }
  const n = Math.max(1, split.metricUsers.length);
  return {
    holdout_users: split.metricUsers.length,
    holdout_precision: totals.precision / n,
    holdout_recall: totals.recall / n,
    holdout_ndcg: totals.ndcg / n,
    holdout_map: totals.map / n,
  };
}
