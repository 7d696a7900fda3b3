import { CANDIDATE_SOURCES, type CandidateSet, type CandidateSourceName } from './candidates';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';

/**
 * Ways of ordering the candidates. Training measures each on held-out users and records the best
 * as the version's serving recipe: the learned ranker (`stacker`) does not win on every dataset,
 * and where it loses the version serves what beat it. Rules, diversity and explanations apply
 * after ranking, whatever the recipe.
 *
 * - `stacker`: the learned ranker over every feature;
 * - `rrf`: reciprocal-rank fusion of the strong sources, Σ 1/(k + rank) (Cormack et al. 2009);
 * - `z-blend`: the sum of the strong sources' scores, each z-scored over the user's candidates;
 * - a source's name: that source's own order.
 */
export const SERVING_RECIPES = ['stacker', 'rrf', 'z-blend', 'ease', 'neighbors', 'collaborative'] as const;
export type ServingRecipe = (typeof SERVING_RECIPES)[number];

/** The collaborative sources fused by `rrf` and `z-blend`: EASE, item-kNN and ALS. */
export const STRONG_SOURCES = ['ease', 'neighbors', 'collaborative'] as const satisfies readonly CandidateSourceName[];

/** RRF's k: how much rank 1 outweighs rank 10. Ten, as measured well on ratings and play counts alike. */
export const RRF_K = 10;

const SCORE_FEATURE: Record<(typeof STRONG_SOURCES)[number], number> = {
  ease: FEATURE_NAMES.indexOf('ease_score'),
  neighbors: FEATURE_NAMES.indexOf('neighbor_score'),
  collaborative: FEATURE_NAMES.indexOf('cf_score'),
};

/** Scores of every recipe but the stacker, from the candidates' source ranks and feature rows. */
export function recipeScores(recipe: Exclude<ServingRecipe, 'stacker'>, candidates: CandidateSet, features: Float32Array): Float32Array {
  if (recipe === 'rrf') return reciprocalRankFusion(candidates, STRONG_SOURCES, RRF_K);
  if (recipe === 'z-blend') return zScoreBlend(features, candidates.items.length, STRONG_SOURCES.map((source) => SCORE_FEATURE[source]));
  return sourceOrder(candidates, recipe);
}

/**
 * The sources whose order a recipe follows, as blend weights in `CANDIDATE_SOURCES` order: what
 * reasons weigh when a version serves a recipe other than the stacker.
 */
export function recipeSourceWeights(recipe: Exclude<ServingRecipe, 'stacker'>): Float32Array {
  const followed: readonly CandidateSourceName[] = recipe === 'rrf' || recipe === 'z-blend' ? STRONG_SOURCES : [recipe];
  return Float32Array.from(CANDIDATE_SOURCES, (source) => (followed.includes(source) ? 1 : 0));
}

/** A source's own order: its reciprocal rank, 0 for candidates it did not propose. */
export function sourceOrder(candidates: CandidateSet, source: CandidateSourceName): Float32Array {
  const s = CANDIDATE_SOURCES.indexOf(source);
  return Float32Array.from(candidates.items, (_, c) => candidates.sourceRanks[c * CANDIDATE_SOURCES.length + s]!);
}

/**
 * Σ over the sources of 1/(k + rank), rank counted from 1; a source that did not propose the
 * candidate adds nothing. The set stores 1/rank (see collectCandidates), so 1/(k + rank) = r/(k·r + 1).
 */
export function reciprocalRankFusion(candidates: CandidateSet, sources: readonly CandidateSourceName[], k: number): Float32Array {
  const scores = new Float32Array(candidates.items.length);
  const columns = sources.map((source) => CANDIDATE_SOURCES.indexOf(source));
  for (let c = 0; c < scores.length; c++) {
    for (const s of columns) {
      const reciprocal = candidates.sourceRanks[c * CANDIDATE_SOURCES.length + s]!;
      scores[c]! += reciprocal / (k * reciprocal + 1);
    }
  }
  return scores;
}

/**
 * Σ over the given feature columns of (x − mean)/sd over this user's candidates: scores on
 * different scales (EASE's weights, ALS's inner products, kNN's summed similarities) count
 * alike. A column that does not vary adds nothing.
 */
export function zScoreBlend(features: Float32Array, rows: number, columns: readonly number[]): Float32Array {
  const scores = new Float32Array(rows);
  for (const column of columns) {
    const z = standardised(rows, (c) => features[c * FEATURE_COUNT + column]!);
    if (z) for (let c = 0; c < rows; c++) scores[c]! += z[c]!;
  }
  return scores;
}

/** (x − mean)/sd over `rows` values; null when they do not vary. */
export function standardised(rows: number, value: (row: number) => number): Float32Array | null {
  let sum = 0;
  let squares = 0;
  for (let c = 0; c < rows; c++) {
    const x = value(c);
    sum += x;
    squares += x * x;
  }
  const mean = sum / Math.max(1, rows);
  const sd = Math.sqrt(Math.max(0, squares / Math.max(1, rows) - mean * mean));
  if (!(sd > 1e-12)) return null;
  return Float32Array.from({ length: rows }, (_, c) => (value(c) - mean) / sd);
}
