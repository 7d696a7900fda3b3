import { recommendFromScorer } from '@/lib/eval/evaluate';
import { rankingMetrics } from '@/lib/eval/metrics';
import { murmur3 } from '@/lib/experiments/assignment';
import { Random } from '@/lib/math/random';
import { buildPositives, type InteractionLog, type TrainingData } from '@/lib/models/data';
import { popularityScorer } from '@/lib/models/popularity';
import type { RankingData } from '@/lib/models/ranker/dataset';
import { FEATURE_COUNT, FEATURE_NAMES } from '@/lib/recommend/features';
import type { RecommenderModels } from '@/lib/recommend/models';
import { candidatesWithFeatures, exactRetrievers, recommendOffline } from '@/lib/recommend/pipeline';
import { recentItemsByUser } from '@/lib/recommend/user-histories';

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

/** Recorded on every version as `holdout_scheme`: only versions measured the same way are compared. */
export const HOLDOUT_SCHEME = 2;

export interface SplitOptions {
  seed: number;
  /** Share of each eligible user's items held out per fold. */
  share: number;
  minPositives: number;
  maxTrainingUsers: number;
  maxMetricUsers: number;
  /** Share of all users kept for measuring (up to maxMetricUsers measured); the rest train the ranker. */
  metricShare: number;
  /**
   * Most rounds of stacking. Each extra fold holds out other items of the same users and refits
   * the base models, to give the ranker more examples when users are too few to fill
   * maxTrainingUsers; data with enough users needs (and pays for) only one.
   */
  maxFolds: number;
}

const UINT32 = 4294967296;

/**
 * The measured users and their held-out items, chosen by hashing ids rather than by position:
 * the same user and item are held out by every run, whatever else the data holds. No model of
 * any run (the served ones included) learns from these pairs, so any two versions can be
 * measured on them alike: a candidate against the active model, on the same users.
 */
export function measuredHoldout(data: TrainingData, options: SplitOptions): { heldOut: Set<number>[]; pool: boolean[]; metricUsers: number[] } {
  const point = (text: string) => murmur3(`${options.seed}\u0000${text}`) / UINT32;
  const heldOut = data.userIds.map(() => new Set<number>());
  const pool = data.userIds.map((userId) => point(`user\u0000${userId}`) < options.metricShare);
  const measurable: number[] = [];
  for (let user = 0; user < data.userIds.length; user++) {
    if (!pool[user]) continue;
    const items = data.positives.rowIndices(user);
    for (const item of items) if (point(`pair\u0000${data.userIds[user]}\u0000${data.itemIds[item]}`) < options.share) heldOut[user]!.add(item);
    if (items.length >= options.minPositives && heldOut[user]!.size > 0 && heldOut[user]!.size < items.length) measurable.push(user);
  }
  const rank = (user: number) => point(`user\u0000${data.userIds[user]}`);
  const metricUsers = measurable.sort((a, b) => rank(a) - rank(b)).slice(0, options.maxMetricUsers);
  return { heldOut, pool, metricUsers };
}

/** What the served models learn from: everything but the measured users' held-out items. */
export function servedData(data: TrainingData, options: SplitOptions): TrainingData {
  return withoutHeldOut(data, measuredHoldout(data, options).heldOut);
}

/**
 * The measured users keep their fixed held-out items in every fold. Of the others, fold f holds
 * out the f-th slice of each user's shuffled items, so the folds' held-out items are disjoint,
 * while the training users are the same in every fold.
 */
export function splitForRanker(data: TrainingData, options: SplitOptions, fold = 0): RankerSplit {
  const random = new Random(options.seed, 7);
  const measured = measuredHoldout(data, options);
  const heldOut = measured.heldOut;
  const eligible: number[] = [];
  for (let user = 0; user < data.userIds.length; user++) {
    if (measured.pool[user]) continue;
    const items = [...data.positives.rowIndices(user)];
    if (items.length < options.minPositives) continue;
    random.shuffle(items);
    const size = Math.max(1, Math.round(items.length * options.share));
    for (const item of items.slice(fold * size, (fold + 1) * size)) heldOut[user]!.add(item);
    eligible.push(user);
  }
  random.shuffle(eligible);
  return { fit: withoutHeldOut(data, heldOut), heldOut, metricUsers: measured.metricUsers, trainingUsers: eligible.slice(0, options.maxTrainingUsers) };
}

function withoutHeldOut(data: TrainingData, heldOut: Set<number>[]): TrainingData {
  const log = filterLog(data.log, (row) => !heldOut[data.log.user[row]!]!.has(data.log.item[row]!));
  return { ...data, log, positives: buildPositives(data.userIds.length, data.itemIds.length, log) };
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

/** A training user's request, as serving would build it from the data the models were fit on. */
export function requestFor(models: RecommenderModels, fit: TrainingData, recent: Uint32Array[], user: number, count: number) {
  return {
    user,
    history: { items: fit.positives.rowIndices(user), strengths: fit.positives.rowValues(user) },
    recent: recent[user],
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
  const recent = recentItemsByUser(split.fit.log, split.fit.userIds.length);
  const features: Float32Array[] = [];
  const labels: number[] = [];
  const groups: number[] = [];
  for (const user of split.trainingUsers) {
    const { candidates, features: rows } = candidatesWithFeatures(models, requestFor(models, split.fit, recent, user, 10), retrievers);
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

/** The finished pipeline on the measured users' held-out items, which no model learned from. */
export function holdoutMetrics(models: RecommenderModels, split: RankerSplit, k: number): Record<string, number> {
  const retrievers = exactRetrievers(models);
  const recent = recentItemsByUser(split.fit.log, split.fit.userIds.length);
  return measure(split, k, (user) => recommendOffline(models, requestFor(models, split.fit, recent, user, k), retrievers));
}

/**
 * The baseline a version must beat: the same users and held-out items ranked by all-time
 * popularity alone (each user's history excluded), under `popularity_` keys.
 */
export function popularityHoldoutMetrics(models: RecommenderModels, split: RankerSplit, k: number): Record<string, number> {
  const recommend = recommendFromScorer(popularityScorer(models.popularity), models.itemIds.length);
  const { holdout_precision, holdout_recall, holdout_ndcg, holdout_map } = measure(split, k, (user) => recommend(user, requestFor(models, split.fit, [], user, k).history, k));
  return { popularity_holdout_precision: holdout_precision!, popularity_holdout_recall: holdout_recall!, popularity_holdout_ndcg: holdout_ndcg!, popularity_holdout_map: holdout_map! };
}

/**
 * Another version's models (the active one) measured exactly as `holdoutMetrics` measures the
 * new ones: the same users, histories, held-out items and time, ids translated between the two.
 * Users and items it never saw count against it, as they would in serving.
 */
export function holdoutMetricsOf(other: RecommenderModels, data: TrainingData, split: RankerSplit, k: number): Record<string, number> {
  const retrievers = exactRetrievers(other);
  const otherUser = indexOf(other.userIds);
  const otherItem = indexOf(other.itemIds);
  const ownItem = indexOf(data.itemIds);
  const recent = recentItemsByUser(split.fit.log, split.fit.userIds.length);
  return measure(split, k, (user) => {
    const items: number[] = [];
    const strengths: number[] = [];
    const own = split.fit.positives.rowIndices(user);
    const values = split.fit.positives.rowValues(user);
    own.forEach((item, position) => {
      const translated = otherItem.get(data.itemIds[item]!);
      if (translated === undefined) return;
      items.push(translated);
      strengths.push(values[position]!);
    });
    const translatedRecent = Array.from(recent[user]!, (item) => otherItem.get(data.itemIds[item]!)).filter((item) => item !== undefined);
    const request = {
      user: otherUser.get(data.userIds[user]!) ?? null,
      history: { items: Uint32Array.from(items), strengths: Float32Array.from(strengths) },
      recent: translatedRecent,
      preferredCategories: [],
      now: data.now,
      count: k,
    };
    return Array.from(recommendOffline(other, request, retrievers), (item) => ownItem.get(other.itemIds[item]!) ?? -1);
  });
}

function indexOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, index) => [id, index]));
}

function measure(split: RankerSplit, k: number, recommend: (user: number) => ArrayLike<number>): Record<string, number> {
  const totals = { precision: 0, recall: 0, ndcg: 0, map: 0 };
  for (const user of split.metricUsers) {
    const metrics = rankingMetrics(recommend(user), split.heldOut[user]!, k);
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
    holdout_scheme: HOLDOUT_SCHEME,
  };
}
