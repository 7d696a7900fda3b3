import { CANDIDATE_SOURCES, type CandidateSet } from './candidates';
import { easePosition, type UserSignals } from './signals';
import type { RecommenderModels } from './models';
import type { RecommendationRequest } from './request';

const DAY_MS = 86_400_000;

/**
 * The ranker's inputs, in order. Changing this list changes the model: retrain after (a bundle
 * trained on another list refuses to load). Every feature must vary between training examples:
 * one computed from the training run's single clock (an hour of day, say) is a constant there,
 * so the ranker learns nothing from it and serving at another hour only shifts every score.
 */
export const FEATURE_NAMES = [
  'cf_score',
  'neighbor_score',
  'ease_score',
  'content_similarity',
  'log_popularity',
  'log_trend',
  'log_item_age_days',
  'category_affinity',
  'preferred_category',
  'log_history_length',
  'session_category_share',
  ...CANDIDATE_SOURCES.map((source) => `rank_${source}`),
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

/** One row of features per candidate, assembled in a single pass over typed arrays. */
export function buildFeatures(models: RecommenderModels, request: RecommendationRequest, signals: UserSignals, candidates: CandidateSet): Float32Array {
  const n = candidates.items.length;
  const rows = new Float32Array(n * FEATURE_COUNT);
  const k = models.als.factors;
  const dims = models.content.dims;
  const allTime = models.popularity.variants.allTime.scores;
  const hot = models.popularity.variants.hot.scores;
  const historyLength = Math.log1p(request.history.items.length);
  for (let c = 0; c < n; c++) {
    const item = candidates.items[c]!;
    const row = c * FEATURE_COUNT;
    rows[row] = signals.userFactor ? dotAt(signals.userFactor, models.als.itemFactors, item * k, k) : 0;
    rows[row + 1] = signals.neighborScores.get(item) ?? 0;
    const position = easePosition(models, item);
    rows[row + 2] = signals.easeRow && position >= 0 ? signals.easeRow[position]! : 0;
    rows[row + 3] = signals.contentProfile ? dotAt(signals.contentProfile, models.contentVectors, item * dims, dims) : 0;
    rows[row + 4] = Math.log1p(Math.max(0, allTime[item]!));
    rows[row + 5] = Math.log1p(Math.max(0, hot[item]!));
    const published = models.itemPublishedAt[item]!;
    rows[row + 6] = Number.isNaN(published) ? -1 : Math.log1p(Math.max(0, (request.now - published) / DAY_MS));
    const category = models.itemCategory[item]!;
    rows[row + 7] = category >= 0 ? signals.categoryAffinity[category]! : 0;
    rows[row + 8] = category >= 0 && signals.preferredCategories.has(category) ? 1 : 0;
    rows[row + 9] = historyLength;
    rows[row + 10] = category >= 0 ? signals.sessionCategoryShare[category]! : 0;
    rows.set(candidates.sourceRanks.subarray(c * CANDIDATE_SOURCES.length, (c + 1) * CANDIDATE_SOURCES.length), row + 11);
  }
  return rows;
}

function dotAt(query: Float32Array, matrix: Float32Array, offset: number, length: number): number {
  let sum = 0;
  for (let d = 0; d < length; d++) sum += query[d]! * matrix[offset + d]!;
  return sum;
}
