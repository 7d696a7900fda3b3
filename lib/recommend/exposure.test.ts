import { describe, expect, it } from 'vitest';
import { generateWorld } from '@/lib/demo/world';
import { worldTrainingData } from '@/lib/demo/training-data';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { catalogCoverage } from '@/lib/eval/metrics';
import { FAST_PARAMS } from '@/lib/testing/serving-fixture';
import { trainRecommenderModels } from '@/lib/training/train';
import { EXPOSURE_SCALE, exposurePenalties, exposureSample, penalizeExposure } from './exposure';
import type { RecommenderModels } from './models';
import { exactRetrievers, recommendOffline } from './pipeline';

/** Pages whose scores fall from 2 to 1, so every page's spread is 1. */
const pages = (lists: number[][]) => lists.map((items) => ({ items, scores: items.map((_, n) => 2 - n / Math.max(1, items.length - 1)) }));

describe('exposure penalties', () => {
  it('grow with the share of pages holding the item, and are zero for items on no page', () => {
    // Item 0 is on every page, item 1 on half of them, items 2 and 3 on a quarter each, item 4 on none.
    const penalties = exposurePenalties(5, pages([[0, 1], [0, 2], [0, 1], [0, 3]]), 0.2);
    expect(penalties[0]).toBeCloseTo(0.2 * Math.log1p(EXPOSURE_SCALE), 5);
    expect(penalties[1]).toBeCloseTo(0.2 * Math.log1p(EXPOSURE_SCALE / 2), 5);
    expect(penalties[2]).toBeCloseTo(penalties[3]!, 6);
    expect(penalties[2]).toBeLessThan(penalties[1]!);
    expect(penalties[4]).toBe(0);
  });

  it('depend on shares, not on how many pages were sampled', () => {
    const few = exposurePenalties(3, pages([[0], [1]]), 0.2);
    const many = exposurePenalties(3, pages([[0], [1], [0], [1]]), 0.2);
    expect(Array.from(many)).toEqual(Array.from(few));
  });

  it("are in units of the median page's spread, so a version scoring on a wider scale is penalized as much relative to its scores", () => {
    const narrow = exposurePenalties(2, [{ items: [0, 1], scores: [1, 0.5] }, { items: [0, 1], scores: [1, 0.9] }, { items: [0, 1], scores: [1, 0] }], 0.2);
    const wide = exposurePenalties(2, [{ items: [0, 1], scores: [10, 5] }, { items: [0, 1], scores: [10, 9] }, { items: [0, 1], scores: [10, 0] }], 0.2);
    expect(narrow[0]).toBeCloseTo(0.5 * 0.2 * Math.log1p(EXPOSURE_SCALE), 5);
    expect(wide[0]).toBeCloseTo(10 * narrow[0]!, 4);
    expect(Array.from(exposurePenalties(2, [], 0.2))).toEqual([0, 0]);
  });

  it('come out of the stacker score of each candidate, leaving items newer than the version alone', () => {
    const scores = penalizeExposure({ exposurePenalty: Float32Array.of(0.5, 0) }, [0, 1, 7], Float32Array.of(1, 1, 1));
    expect(Array.from(scores)).toEqual([0.5, 1, 1]);
    expect(Array.from(penalizeExposure({}, [0], Float32Array.of(1)))).toEqual([1]);
  });

  it('are measured on evenly spaced users, at most the sample size', () => {
    expect(exposureSample(10, 4)).toEqual([0, 2, 5, 7]);
    expect(exposureSample(3, 4)).toEqual([0, 1, 2]);
  });
});

describe('a version trained with the exposure penalty', () => {
  const data = worldTrainingData(generateWorld({ items: 2_000, users: 300, events: 15_000, seed: 21 }), DEFAULT_EVENT_WEIGHTS);
  const params = { ...FAST_PARAMS, exposureWeight: 0.3 };
  const trained = trainRecommenderModels(data, params);
  const users = exposureSample(data.userIds.length).filter((user) => data.positives.rowLength(user) > 0);
  const coverageOf = (models: RecommenderModels) => {
    const retrievers = exactRetrievers(models);
    const lists = users.map((user) => recommendOffline(models, { user, history: { items: data.positives.rowIndices(user), strengths: data.positives.rowValues(user) }, preferredCategories: [], now: data.now, count: 10 }, retrievers));
    return catalogCoverage(lists, data.itemIds.length, 10);
  };

  it('serves the stacker with the penalty, records its weight, and shows the catalogue to more of its users', () => {
    expect(trained.models.servingRecipe).toBe('stacker');
    expect(trained.metrics.exposure_weight).toBe(0.3);
    expect(trained.models.exposurePenalty).toHaveLength(data.itemIds.length);
    const without = coverageOf({ ...trained.models, exposurePenalty: undefined });
    expect(coverageOf(trained.models)).toBeGreaterThan(without * 1.1);
  });

  it('is not measured when the weight is 0', () => {
    const off = trainRecommenderModels(data, { ...params, exposureWeight: 0 });
    expect(off.models.exposurePenalty).toBeUndefined();
    expect(off.metrics.exposure_weight).toBe(0);
  });
});
