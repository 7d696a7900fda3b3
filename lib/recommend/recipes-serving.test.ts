import { describe, expect, it } from 'vitest';
import { generateWorld } from '@/lib/demo/world';
import { worldTrainingData } from '@/lib/demo/training-data';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { recommendFromScorer } from '@/lib/eval/evaluate';
import { createEaseScorer } from '@/lib/models/ease';
import { trainBaseModels } from '@/lib/training/recommender';
import { exactRetrievers, recommendOffline } from './pipeline';

describe('a version serving a single source', () => {
  const data = worldTrainingData(generateWorld({ items: 300, users: 200, events: 8_000, seed: 9 }), DEFAULT_EVENT_WEIGHTS);
  const base = trainBaseModels(data, { als: { factors: 8, iterations: 3 }, knn: {}, ease: {}, content: {}, popularity: {} }, (_, work) => work());
  const history = (user: number) => ({ items: data.positives.rowIndices(user), strengths: data.positives.rowValues(user) });

  it("ranks exactly as that source alone", () => {
    const models = { ...base, servingRecipe: 'ease' as const };
    const retrievers = exactRetrievers(models);
    const alone = recommendFromScorer(createEaseScorer(models.ease!), data.itemIds.length);
    let compared = 0;
    for (let user = 0; user < 40; user++) {
      if (history(user).items.length === 0) continue;
      const served = recommendOffline(models, { user, history: history(user), preferredCategories: [], now: data.now, count: 10 }, retrievers);
      expect(Array.from(served)).toEqual(Array.from(alone(user, history(user), 10)));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
