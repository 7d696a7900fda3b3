import { foldIn } from '@/lib/models/als';
import { profileFromHistory, profileFromPreferences } from '@/lib/models/content';
import { forEachNeighborContribution } from '@/lib/models/item-knn';
import type { UserHistory } from '@/lib/models/types';
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
  /** Item-kNN score per item reached from the session (the newest interactions), newest weighing most. */
  sessionScores: Map<number, number>;
  /** Per item reached from the session, the session item contributing most: "Because you just watched …". */
  strongestSessionSource: Map<number, number>;
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
    ...sessionSignalsOf(models, request),
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
  const { scores, strongestSource } = neighborScoresFrom(models, request.history, models.knnParams);
  return { neighborScores: scores, strongestSource };
}

/** Item-kNN scores reached from some items, with the item that contributed most to each. */
function neighborScoresFrom(models: RecommenderModels, from: UserHistory, params: RecommenderModels['knnParams']): { scores: Map<number, number>; strongestSource: Map<number, number> } {
  const scores = new Map<number, number>();
  const strongestSource = new Map<number, number>();
  const strongest = new Map<number, number>();
  forEachNeighborContribution(models.knn, from, params, (item, contribution, source) => {
    scores.set(item, (scores.get(item) ?? 0) + contribution);
    if (contribution > (strongest.get(item) ?? Number.NEGATIVE_INFINITY)) {
      strongest.set(item, contribution);
      strongestSource.set(item, source);
    }
  });
  return { scores, strongestSource };
}

/** Each session item weighs half as much as the one after it: the last click leads. */
const SESSION_DECAY = 0.5;

function sessionSignalsOf(models: RecommenderModels, request: RecommendationRequest): Pick<UserSignals, 'sessionScores' | 'strongestSessionSource' | 'sessionCategoryShare'> {
  const recent = Uint32Array.from(request.recent ?? []);
  const weights = Float32Array.from(recent, (_, position) => SESSION_DECAY ** position);
  const { scores: sessionScores, strongestSource: strongestSessionSource } = neighborScoresFrom(models, { items: recent, strengths: weights }, { ...models.knnParams, weighting: 'strength' });
  const sessionCategoryShare = new Float32Array(models.popularity.categories.length);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  recent.forEach((item, position) => {
    const category = models.itemCategory[item] ?? -1;
    if (category >= 0) sessionCategoryShare[category]! += weights[position]! / total;
  });
  return { sessionScores, strongestSessionSource, sessionCategoryShare };
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
