import { foldIn } from '@/lib/models/als';
import { profileFromHistory, profileFromPreferences } from '@/lib/models/content';
import { forEachNeighborContribution } from '@/lib/models/item-knn';
import type { RecommenderModels } from './models';
import type { RecommendationRequest } from './request';

/**
 * What the models say about one user, computed once per request and shared by candidate
 * generation and feature assembly.
 */
export interface UserSignals {
  /** ALS factor: trained, or folded in from the history; null without history. */
  userFactor: Float32Array | null;
  /** Item-kNN score per item reached from the history. */
  neighborScores: Map<number, number>;
  /** Per item reached, the history item contributing most: "Because you watched …". */
  strongestSource: Map<number, number>;
  /** EASE score per modelled item position, or null when the history touches no modelled item. */
  easeRow: Float32Array | null;
  /** Content profile of the history blended with explicit preferences; null with neither. */
  contentProfile: Float32Array | null;
  /** Share of the session per category, newest weighing most: where the user is heading now. */
  sessionCategoryShare: Float32Array;
  /** Share of the history's strength per category. */
  categoryAffinity: Float32Array;
  preferredCategories: Set<number>;
  /** Items never to recommend: the request's seen items, or its whole history. */
  seen: Uint8Array;
}

export function userSignals(models: RecommenderModels, request: RecommendationRequest): UserSignals {
  const seen = new Uint8Array(models.itemIds.length);
  for (const item of request.seen ?? request.history.items) if (item < seen.length) seen[item] = 1;
  return {
    userFactor: userFactorOf(models, request),
    ...neighborScoresOf(models, request),
    sessionCategoryShare: sessionCategoryShareOf(models, request),
    easeRow: easeRowOf(models, request),
    contentProfile: contentProfileOf(models, request),
    categoryAffinity: categoryAffinityOf(models, request),
    preferredCategories: new Set(request.preferredCategories.map((name) => models.popularity.categories.indexOf(name)).filter((index) => index >= 0)),
    seen,
  };
}

function userFactorOf(models: RecommenderModels, request: RecommendationRequest): Float32Array | null {
  const k = models.als.factors;
  if (request.user !== null) return models.als.userFactors.subarray(request.user * k, (request.user + 1) * k);
  return request.history.items.length > 0 ? foldIn(models.als, request.history, models.alsParams) : null;
}

function neighborScoresOf(models: RecommenderModels, request: RecommendationRequest): Pick<UserSignals, 'neighborScores' | 'strongestSource'> {
  const neighborScores = new Map<number, number>();
  const strongestSource = new Map<number, number>();
  const strongest = new Map<number, number>();
  forEachNeighborContribution(models.knn, request.history, models.knnParams, (item, contribution, source) => {
    neighborScores.set(item, (neighborScores.get(item) ?? 0) + contribution);
    if (contribution > (strongest.get(item) ?? Number.NEGATIVE_INFINITY)) {
      strongest.set(item, contribution);
      strongestSource.set(item, source);
    }
  });
  return { neighborScores, strongestSource };
}

/** Each session item weighs half as much as the one after it: the last click leads. */
const SESSION_DECAY = 0.5;

function sessionCategoryShareOf(models: RecommenderModels, request: RecommendationRequest): Float32Array {
  const share = new Float32Array(models.popularity.categories.length);
  const recent = request.recent ?? [];
  let total = 0;
  for (let position = 0; position < recent.length; position++) {
    const category = models.itemCategory[recent[position]!] ?? -1;
    const weight = SESSION_DECAY ** position;
    total += weight;
    if (category >= 0) share[category]! += weight;
  }
  if (total > 0) for (let c = 0; c < share.length; c++) share[c]! /= total;
  return share;
}

function easeRowOf(models: RecommenderModels, request: RecommendationRequest): Float32Array | null {
  const { ease } = models;
  if (!ease) return null;
  const n = ease.items.length;
  const row = new Float32Array(n);
  let modelled = 0;
  for (const item of request.history.items) {
    const position = easePosition(models, item);
    if (position < 0) continue;
    modelled += 1;
    const start = position * n;
    for (let j = 0; j < n; j++) row[j]! += ease.weights[start + j]!;
  }
  return modelled > 0 ? row : null;
}

const easePositions = new WeakMap<object, Int32Array>();

/** Position of an item in the EASE model, or -1 when EASE does not model it. */
export function easePosition(models: RecommenderModels, item: number): number {
  const { ease } = models;
  if (!ease) return -1;
  let positions = easePositions.get(ease);
  if (!positions) {
    positions = new Int32Array(ease.itemCount).fill(-1);
    ease.items.forEach((modelled, position) => (positions![modelled] = position));
    easePositions.set(ease, positions);
  }
  return item < positions.length ? positions[item]! : -1;
}

function contentProfileOf(models: RecommenderModels, request: RecommendationRequest): Float32Array | null {
  const fromHistory = request.history.items.length > 0 ? profileFromHistory(models.content, models.contentVectors, request.history) : null;
  const fromPreferences = request.preferredCategories.length > 0 ? profileFromPreferences(models.content, request.preferredCategories) : null;
  if (!fromHistory) return fromPreferences;
  if (!fromPreferences) return fromHistory;
  const blended = fromHistory.map((value, d) => value + 0.5 * fromPreferences[d]!);
  const norm = Math.hypot(...blended);
  return norm > 0 ? blended.map((value) => value / norm) : fromHistory;
}

function categoryAffinityOf(models: RecommenderModels, request: RecommendationRequest): Float32Array {
  const affinity = new Float32Array(models.popularity.categories.length);
  let total = 0;
  request.history.items.forEach((item, h) => {
    const category = models.itemCategory[item]!;
    if (category < 0) return;
    affinity[category]! += request.history.strengths[h]!;
    total += request.history.strengths[h]!;
  });
  if (total > 0) for (let c = 0; c < affinity.length; c++) affinity[c]! /= total;
  return affinity;
}
