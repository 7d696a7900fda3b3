import { describe, expect, it } from 'vitest';
import { alsParamsSchema } from '@/lib/models/als';
import { BundleError } from '@/lib/models/bundle/container';
import { itemKnnParamsSchema } from '@/lib/models/item-knn';
import { POPULARITY_VARIANTS } from '@/lib/models/popularity';
import type { RankerModel } from '@/lib/models/ranker/mlp';
import { packRecommender, unpackRecommender } from './bundle';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import type { RecommenderModels } from './models';

/** One hidden unit over `names`: enough for the bundle to carry a ranker. */
function rankerOver(names: readonly string[]): RankerModel {
  const count = names.length;
  return {
    featureCount: count,
    featureNames: [...names],
    loss: 'pairwise',
    means: new Float32Array(count),
    stds: new Float32Array(count).fill(1),
    layers: [{ inputSize: count, outputSize: 1, weights: new Float32Array(count), biases: new Float32Array(1) }],
  };
}

/** Two items, one user, one category: the smallest models a bundle packs. */
function tinyModels(ranker: RankerModel | null): RecommenderModels {
  const ranking = { scores: Float32Array.of(2, 1), items: Uint32Array.of(0, 1, 0, 1), offsets: Uint32Array.of(0, 2, 4) };
  return {
    userIds: ['u1'],
    itemIds: ['a', 'b'],
    itemCategory: Int32Array.of(0, 0),
    itemPublishedAt: Float64Array.of(NaN, NaN),
    now: Date.parse('2026-05-01T12:00:00Z'),
    als: { factors: 1, userFactors: Float32Array.of(1), itemFactors: Float32Array.of(1, 0.5) },
    alsParams: alsParamsSchema.parse({}),
    knn: { k: 1, neighbors: Uint32Array.of(1, 0), scores: Float32Array.of(0.5, 0.5), counts: Uint16Array.of(1, 1) },
    knnParams: itemKnnParamsSchema.parse({}),
    ease: null,
    content: { dims: 1, fieldWeights: { title: 2, description: 1, tag: 3, category: 3 }, vocabulary: ['word'], idf: Float32Array.of(1), projection: Float32Array.of(1) },
    contentVectors: Float32Array.of(1, 1),
    popularity: { categories: ['Drama'], variants: Object.fromEntries(POPULARITY_VARIANTS.map((variant) => [variant, ranking])) as RecommenderModels['popularity']['variants'] },
    ranker,
  };
}

const pack = (ranker: RankerModel | null) => packRecommender(tinyModels(ranker), { onnx: null, annFactors: Uint8Array.of(0), annContent: Uint8Array.of(0) }, {});

describe('the recommender bundle', () => {
  it('carries the exposure penalty when the version has one, and none for a version without', () => {
    const penalized = packRecommender({ ...tinyModels(null), exposurePenalty: Float32Array.of(0.7, 0) }, { onnx: null, annFactors: Uint8Array.of(0), annContent: Uint8Array.of(0) }, {});
    expect(Array.from(unpackRecommender(penalized).models.exposurePenalty!)).toEqual([Math.fround(0.7), 0]);
    expect(unpackRecommender(pack(null)).models.exposurePenalty).toBeUndefined();
  });

  it('loads a ranker trained on the features this release computes', () => {
    const { models } = unpackRecommender(pack(rankerOver(FEATURE_NAMES)));
    expect(models.ranker?.featureCount).toBe(FEATURE_COUNT);
    expect(models.ranker?.featureNames).toEqual([...FEATURE_NAMES]);
    expect(unpackRecommender(pack(null)).models.ranker).toBeNull();
  });

  it('refuses a ranker trained on another feature list instead of scoring with misread inputs', () => {
    const withHours = [...FEATURE_NAMES.slice(0, 9), 'hour_sin', 'hour_cos', ...FEATURE_NAMES.slice(9)];
    expect(() => unpackRecommender(pack(rankerOver(withHours)))).toThrow(BundleError);
    expect(() => unpackRecommender(pack(rankerOver(withHours)))).toThrow(/trained on \d+ features .*hour_sin.*train a new version/);
    const reordered = [FEATURE_NAMES[1], FEATURE_NAMES[0], ...FEATURE_NAMES.slice(2)];
    expect(() => unpackRecommender(pack(rankerOver(reordered)))).toThrow(BundleError);
  });

  it('no longer computes a time-of-day feature: training has one clock, so it could only shift scores', () => {
    expect(FEATURE_NAMES).not.toContain('hour_sin');
    expect(FEATURE_NAMES).not.toContain('hour_cos');
  });
});
