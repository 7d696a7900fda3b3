import { topK } from '@/lib/math/top-k';
import type { TrainingData } from '@/lib/models/data';
import type { ItemScorer, UserHistory } from '@/lib/models/types';
import { catalogCoverage, rankingMetrics, type RankingMetrics } from './metrics';

/** Held-out truth for one split: per user, what they were trained on and what they went on to do. */
export interface EvaluationSet {
  data: TrainingData;
  /** Users with at least one held-out item. */
  users: Uint32Array;
  histories: UserHistory[];
  heldOut: Set<number>[];
}

export interface EvaluationResult extends RankingMetrics {
  coverage: number;
  users: number;
}

/** Produces a user's top-k, already without the items they were trained on. */
export type Recommend = (user: number, history: UserHistory, k: number) => Uint32Array;

export function evaluateRecommender(set: EvaluationSet, recommend: Recommend, k: number): EvaluationResult {
  const totals = { precision: 0, recall: 0, ndcg: 0, map: 0 };
  const lists: Uint32Array[] = [];
  for (const user of set.users) {
    const list = recommend(user, set.histories[user]!, k);
    lists.push(list);
    const metrics = rankingMetrics(list, set.heldOut[user]!, k);
    totals.precision += metrics.precision;
    totals.recall += metrics.recall;
    totals.ndcg += metrics.ndcg;
    totals.map += metrics.map;
  }
  const n = set.users.length;
  return {
    precision: totals.precision / n,
    recall: totals.recall / n,
    ndcg: totals.ndcg / n,
    map: totals.map / n,
    coverage: catalogCoverage(lists, set.data.itemIds.length, k),
    users: n,
  };
}

/** A model alone: score the whole catalogue, drop what the user was trained on, keep the best k. */
export function recommendFromScorer(scorer: ItemScorer, itemCount: number): Recommend {
  const scores = new Float32Array(itemCount);
  const seen = new Uint8Array(itemCount);
  return (user, history, k) => {
    scorer.scoreItems(user, history, scores);
    for (const item of history.items) seen[item] = 1;
    const list = topK(scores, k, seen);
    for (const item of history.items) seen[item] = 0;
    return list;
  };
}
