import { topK } from '@/lib/math/top-k';
import { forward } from '@/lib/models/ranker/mlp';
import { CANDIDATE_SOURCES, collectCandidates, DEFAULT_QUOTAS, type CandidateSet, type Retrievers, type SourceQuotas } from './candidates';
import { penalizeExposure } from './exposure';
import { buildFeatures } from './features';
import type { RecommenderModels } from './models';
import { recipeScores, type ServingRecipe } from './recipes';
import type { RecommendationRequest } from './request';
import { exactRetriever } from './retrieval';
import { userSignals, type UserSignals } from './signals';

export interface RankedCandidates {
  candidates: CandidateSet;
  features: Float32Array;
  signals: UserSignals;
}

/** Stages one and two: candidates from every source, then their features. */
export function candidatesWithFeatures(models: RecommenderModels, request: RecommendationRequest, retrievers: Retrievers, quotas: SourceQuotas = DEFAULT_QUOTAS): RankedCandidates {
  const signals = userSignals(models, request);
  const candidates = collectCandidates({ models, request, signals, retrievers }, quotas);
  return { candidates, features: buildFeatures(models, request, signals, candidates), signals };
}

/**
 * Without a ranker, candidates are ordered by how high the sources placed them: a reciprocal-rank
 * blend (optionally weighted per source), so that an item several sources agree on comes first.
 */
export function blendedSourceScores(candidates: CandidateSet, sourceCount: number, weights?: ArrayLike<number>): Float32Array {
  const scores = new Float32Array(candidates.items.length);
  for (let c = 0; c < scores.length; c++) {
    for (let s = 0; s < sourceCount; s++) scores[c]! += (weights?.[s] ?? 1) * candidates.sourceRanks[c * sourceCount + s]!;
  }
  return scores;
}

export function exactRetrievers(models: RecommenderModels): Retrievers {
  return { factors: exactRetriever(models.als.itemFactors, models.als.factors), content: exactRetriever(models.contentVectors, models.content.dims) };
}

/** The recipe a version serves: the one training chose, else (versions from before the choice) the stacker. */
export function servingRecipeOf(models: RecommenderModels): ServingRecipe {
  return models.servingRecipe ?? 'stacker';
}

/** The candidates' scores under a recipe, the stacker by the TypeScript forward pass less exposure penalties; without a ranker, the blended source ranks. */
export function scoreCandidates(models: RecommenderModels, recipe: ServingRecipe, candidates: CandidateSet, features: Float32Array): Float32Array {
  if (recipe !== 'stacker') return recipeScores(recipe, candidates, features);
  return models.ranker ? penalizeExposure(models, candidates.items, forward(models.ranker, features, candidates.items.length)) : blendedSourceScores(candidates, CANDIDATE_SOURCES.length);
}

/** The offline form of the served pipeline: candidates → features → the version's recipe → top-k. */
export function recommendOffline(models: RecommenderModels, request: RecommendationRequest, retrievers: Retrievers): Uint32Array {
  const { candidates, features } = candidatesWithFeatures(models, request, retrievers);
  const scores = scoreCandidates(models, servingRecipeOf(models), candidates, features);
  return topK(scores, request.count).map((position) => candidates.items[position]!);
}
