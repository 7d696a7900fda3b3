import { beforeAll, describe, expect, it } from 'vitest';
import { worldTrainingData } from '@/lib/demo/training-data';
import { generateWorld } from '@/lib/demo/world';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { topItems } from '@/lib/models/popularity';
import type { RankerModel } from '@/lib/models/ranker/mlp';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { FAST_PARAMS } from '@/lib/testing/serving-fixture';
import { trainRecommenderModels } from '@/lib/training/train';
import { CANDIDATE_SOURCES } from './candidates';
import { inTrendingList, reasonsFor, signalContributions, TRENDING_LIST_SIZE, type ExplanationContext, type Scoring } from './explain';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import type { RecommenderModels } from './models';
import { candidatesWithFeatures, exactRetrievers } from './pipeline';
import type { ServedEntry } from './serve';
import { userSignals } from './signals';

let models: RecommenderModels;
let now: number;

beforeAll(() => {
  const world = generateWorld({ items: 400, users: 120, events: 8_000, seed: 9 });
  const data = worldTrainingData(world, DEFAULT_EVENT_WEIGHTS);
  now = data.now;
  models = trainRecommenderModels(data, FAST_PARAMS).models;
}, 120_000);

/** A one-layer ranker over the features as they are: each feature's contribution is its weight times its value. */
function linearRanker(weights: Partial<Record<(typeof FEATURE_NAMES)[number], number>>): RankerModel {
  return {
    featureCount: FEATURE_COUNT,
    featureNames: [...FEATURE_NAMES],
    loss: 'pairwise',
    means: new Float32Array(FEATURE_COUNT),
    stds: new Float32Array(FEATURE_COUNT).fill(1),
    layers: [{ inputSize: FEATURE_COUNT, outputSize: 1, weights: Float32Array.from(FEATURE_NAMES, (name) => weights[name] ?? 0), biases: new Float32Array(1) }],
  };
}

function featuresOf(values: Partial<Record<(typeof FEATURE_NAMES)[number], number>>): Float32Array {
  return Float32Array.from(FEATURE_NAMES, (name) => values[name] ?? 0);
}

function contextFor(scoring: Scoring, user = 0): ExplanationContext {
  const request = { user, history: { items: Uint32Array.of(), strengths: Float32Array.of() }, preferredCategories: [], now, count: 10 };
  return {
    models,
    request,
    signals: userSignals(models, request),
    scoring,
    titleOf: (item) => `title ${item}`,
    idOf: (item) => models.itemIds[item]!,
    categoryOf: () => 'Drama',
    publishedAt: () => null,
  };
}

function entry(item: number, features: Float32Array, sources: ServedEntry['sources'] = ['trending']): ServedEntry {
  return { item, score: 1, placement: 'ranked', sources, features, scoreRank: 1, adjustments: [] };
}

const hotAt = (rank: number) => topItems(models.popularity, 'hot', null)[rank]!;

describe('reasons', () => {
  it('calls an item trending only when it is in the trending list, however much the trend feature weighed', () => {
    const scoring = { ranker: linearRanker({ log_trend: 1, ease_score: 0.5 }) };
    const features = featuresOf({ log_trend: 5, ease_score: 2 });
    const inside = hotAt(0);
    const outside = hotAt(TRENDING_LIST_SIZE + 20);
    expect(inTrendingList(models, inside)).toBe(true);
    expect(inTrendingList(models, outside)).toBe(false);
    expect(signalContributions(entry(outside, features), scoring)?.[0]).toEqual(['trending', 5]);

    expect(reasonsFor(entry(inside, features), contextFor(scoring))[0]).toEqual({ kind: 'trending', text: 'Trending now' });
    const reasons = reasonsFor(entry(outside, features), contextFor(scoring));
    expect(reasons.map((reason) => reason.kind)).toEqual(['similar_users']);
  });

  it('names the signal with the largest contribution first', () => {
    const scoring = { ranker: linearRanker({ log_popularity: 1, ease_score: 1, category_affinity: 1 }) };
    const item = hotAt(TRENDING_LIST_SIZE + 5);
    const kinds = (values: Parameters<typeof featuresOf>[0]) => reasonsFor(entry(item, featuresOf(values), ['ease', 'popular']), contextFor(scoring)).map((reason) => reason.kind);
    expect(kinds({ log_popularity: 3, ease_score: 1, category_affinity: 0.5 })).toEqual(['popular_in_category', 'similar_users', 'matches_interest']);
    expect(kinds({ log_popularity: 1, ease_score: 3 })).toEqual(['similar_users', 'popular_in_category']);
    expect(kinds({ log_popularity: 1, category_affinity: 2 })).toEqual(['matches_interest', 'popular_in_category']);
    // A signal that lowered the score is no reason at all…
    expect(kinds({ log_popularity: -2, ease_score: 1 })).toEqual(['similar_users']);
    // …and with none above the average candidate, the sources that retrieved the item speak.
    expect(kinds({ log_popularity: -2, ease_score: -1 })).toEqual(['similar_users', 'popular_in_category']);
  });

  it('without a ranker, follows the blend: each source weighted by its rank', () => {
    const rank = (source: (typeof CANDIDATE_SOURCES)[number]) => `rank_${source}` as const;
    const features = featuresOf({ [rank('popular')]: 0.5, [rank('trending')]: 0.4 });
    const equal = { ranker: null };
    const trendingFirst = { ranker: null, blend: CANDIDATE_SOURCES.map((source) => PRESET_STRATEGIES.popular.blend[source]) };
    const inside = hotAt(1);
    expect(reasonsFor(entry(inside, features, ['popular', 'trending']), contextFor(equal))[0]!.kind).toBe('popular_in_category');
    expect(reasonsFor(entry(inside, features, ['popular', 'trending']), contextFor(trendingFirst))[0]!.kind).toBe('trending');
    const outside = hotAt(TRENDING_LIST_SIZE + 1);
    expect(reasonsFor(entry(outside, features, ['popular', 'trending']), contextFor(trendingFirst)).map((reason) => reason.kind)).toEqual(['popular_in_category']);
  });

  it('explains an item that was never scored by the source that retrieved it', () => {
    const reasons = reasonsFor({ item: hotAt(TRENDING_LIST_SIZE + 3), score: 0, placement: 'ranked', sources: ['trending', 'popular'], features: null, scoreRank: null, adjustments: [] }, contextFor({ ranker: null }));
    expect(reasons.map((reason) => reason.kind)).toEqual(['popular_in_category']);
    const fresh = { item: hotAt(TRENDING_LIST_SIZE + 3), score: 0, placement: 'ranked' as const, sources: ['fresh' as const], features: null, scoreRank: null, adjustments: [] };
    expect(reasonsFor(fresh, contextFor({ ranker: null }))).toEqual([]);
    expect(reasonsFor(fresh, { ...contextFor({ ranker: null }), publishedAt: () => now - 86_400_000 })).toEqual([{ kind: 'new_arrival', text: 'New arrival' }]);
  });

  it("puts an editor's placement before any score", () => {
    const scoring = { ranker: linearRanker({ ease_score: 1 }) };
    const pinned = { ...entry(hotAt(0), featuresOf({ ease_score: 3 }), ['ease']), placement: 'pinned' as const };
    expect(reasonsFor(pinned, contextFor(scoring)).map((reason) => reason.kind)).toEqual(['editors_pick', 'similar_users']);
  });

  it('never says trending outside the trending list on real candidates, though the trending source retrieves such items', () => {
    const retrievers = exactRetrievers(models);
    const strategies: Scoring[] = [{ ranker: models.ranker }, { ranker: null, blend: CANDIDATE_SOURCES.map((source) => PRESET_STRATEGIES.popular.blend[source]) }];
    const trendingSource = CANDIDATE_SOURCES.indexOf('trending');
    let retrievedOutside = 0;
    let calledTrending = 0;
    for (let user = 0; user < 40; user++) {
      const userRow = user < models.userIds.length ? user : null;
      const request = { user: userRow, history: { items: Uint32Array.of(user % 50, (user * 7) % 400), strengths: Float32Array.of(1, 1) }, preferredCategories: [], now, count: 10 };
      const { candidates, features, signals } = candidatesWithFeatures(models, request, retrievers);
      candidates.items.forEach((item, c) => {
        const sources = CANDIDATE_SOURCES.filter((_, s) => candidates.sourceRanks[c * CANDIDATE_SOURCES.length + s]! > 0);
        if (candidates.sourceRanks[c * CANDIDATE_SOURCES.length + trendingSource]! > 0 && !inTrendingList(models, item)) retrievedOutside++;
        for (const scoring of strategies) {
          const reasons = reasonsFor(entry(item, features.subarray(c * FEATURE_COUNT, (c + 1) * FEATURE_COUNT), sources), { ...contextFor(scoring), request, signals });
          if (reasons.some((reason) => reason.kind === 'trending')) {
            calledTrending++;
            expect(inTrendingList(models, item)).toBe(true);
          }
        }
      });
    }
    expect(retrievedOutside).toBeGreaterThan(0);
    expect(calledTrending).toBeGreaterThan(0);
  });
});
