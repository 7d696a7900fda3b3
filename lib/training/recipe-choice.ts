import { rankingMetrics } from '@/lib/eval/metrics';
import { topK } from '@/lib/math/top-k';
import type { RecommenderModels } from '@/lib/recommend/models';
import { candidatesWithFeatures, exactRetrievers, scoreCandidates } from '@/lib/recommend/pipeline';
import { SERVING_RECIPES, type ServingRecipe } from '@/lib/recommend/recipes';
import { recentItemsByUser } from '@/lib/recommend/user-histories';
import { requestFor, type RankerSplit } from './stacking';

/**
 * Another recipe replaces the stacker only when it beats it by this many standard errors of the
 * users' paired NDCG differences: on a few hundred users, recipes a few thousandths apart cannot
 * be told apart, and the stacker then keeps what it adds (the session, freshness, popularity).
 */
export const REQUIRED_STANDARD_ERRORS = 2;

export interface RecipeChoice {
  recipe: ServingRecipe;
  /** Mean NDCG@k of each recipe on the validation users. */
  ndcg: Record<ServingRecipe, number>;
  users: number;
}

/**
 * Every recipe on held-out users: the measured users, ranked by the first round's models and the
 * ranker, none of which learned from those users' held-out items (the ranker never saw the users).
 */
export function recipeValidation(models: RecommenderModels, split: RankerSplit, k: number): Record<ServingRecipe, number[]> {
  const retrievers = exactRetrievers(models);
  const recent = recentItemsByUser(split.fit.log, split.fit.userIds.length);
  const perUser = Object.fromEntries(SERVING_RECIPES.map((recipe) => [recipe, [] as number[]])) as Record<ServingRecipe, number[]>;
  for (const user of split.metricUsers) {
    const { candidates, features } = candidatesWithFeatures(models, requestFor(models, split.fit, recent, user, k), retrievers);
    for (const recipe of SERVING_RECIPES) {
      const top = topK(scoreCandidates(models, recipe, candidates, features), k).map((position) => candidates.items[position]!);
      perUser[recipe].push(rankingMetrics(top, split.heldOut[user]!, k).ndcg);
    }
  }
  return perUser;
}

/** The stacker, unless another recipe beats it clearly on the validation users (see REQUIRED_STANDARD_ERRORS). */
export function chooseRecipe(perUser: Record<ServingRecipe, number[]>): RecipeChoice {
  const users = perUser.stacker.length;
  const ndcg = Object.fromEntries(SERVING_RECIPES.map((recipe) => [recipe, mean(perUser[recipe])])) as Record<ServingRecipe, number>;
  let recipe: ServingRecipe = 'stacker';
  let bestLead = 0;
  for (const candidate of SERVING_RECIPES) {
    if (candidate === 'stacker') continue;
    const differences = perUser[candidate].map((value, u) => value - perUser.stacker[u]!);
    const lead = mean(differences);
    if (lead > bestLead && lead > REQUIRED_STANDARD_ERRORS * standardError(differences)) {
      recipe = candidate;
      bestLead = lead;
    }
  }
  return { recipe, ndcg, users };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardError(values: readonly number[]): number {
  if (values.length < 2) return Number.POSITIVE_INFINITY;
  const m = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}
