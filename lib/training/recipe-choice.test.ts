import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { SERVING_RECIPES, type ServingRecipe } from '@/lib/recommend/recipes';
import { chooseRecipe } from './recipe-choice';

/** Per-user NDCG for every recipe: the stacker around `stacker`, the others around their own means, all with the same per-user noise plus a little of their own. */
function validation(means: Partial<Record<ServingRecipe, number>>, users: number, seed = 3): Record<ServingRecipe, number[]> {
  const random = new Random(seed);
  const userLevel = Array.from({ length: users }, () => random.normal(0, 0.15));
  return Object.fromEntries(
    SERVING_RECIPES.map((recipe) => [recipe, userLevel.map((level) => Math.min(1, Math.max(0, (means[recipe] ?? 0.2) + level + random.normal(0, 0.05))))]),
  ) as Record<ServingRecipe, number[]>;
}

describe('chooseRecipe', () => {
  it('keeps the stacker when it is best', () => {
    const choice = chooseRecipe(validation({ stacker: 0.4, ease: 0.38 }, 400));
    expect(choice.recipe).toBe('stacker');
    expect(choice.users).toBe(400);
    expect(choice.ndcg.stacker).toBeGreaterThan(choice.ndcg.ease);
  });

  it('serves a source that beats the stacker clearly, the one that leads most', () => {
    expect(chooseRecipe(validation({ stacker: 0.3, ease: 0.36, neighbors: 0.33 }, 400)).recipe).toBe('ease');
  });

  it('keeps the stacker when a source leads by less than the noise of a few users', () => {
    expect(chooseRecipe(validation({ stacker: 0.3, ease: 0.305 }, 20)).recipe).toBe('stacker');
  });

  it('keeps the stacker when there is nobody to measure on', () => {
    const empty = Object.fromEntries(SERVING_RECIPES.map((recipe) => [recipe, [] as number[]])) as Record<ServingRecipe, number[]>;
    expect(chooseRecipe(empty).recipe).toBe('stacker');
  });
});
