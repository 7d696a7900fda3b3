import { describe, expect, it } from 'vitest';
import { buildPositives, type InteractionLog, type TrainingData } from '@/lib/models/data';
import type { RankingData } from '@/lib/models/ranker/dataset';
import type { RecommenderModels } from '@/lib/recommend/models';
import { concatRankingData, measuredHoldout, popularityHoldoutMetrics, servedData, splitForRanker, stackingFolds, type SplitOptions } from './stacking';

const OPTIONS: SplitOptions = { seed: 42, share: 0.2, minPositives: 5, maxTrainingUsers: 1_000, maxMetricUsers: 500, metricShare: 0.1, maxFolds: 3 };

/** `users` users who each have interacted with every one of `items` items; ids in reverse order of index when asked. */
function denseData(users: number, items: number, { reversed = false } = {}): TrainingData {
  const length = users * items;
  const log: InteractionLog = {
    length,
    user: Uint32Array.from({ length }, (_, row) => Math.floor(row / items)),
    item: Uint32Array.from({ length }, (_, row) => row % items),
    strength: new Float32Array(length).fill(1),
    timestamp: new Float64Array(length),
  };
  const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${reversed ? count - 1 - index : index}`);
  return {
    userIds: ids('u', users),
    itemIds: ids('i', items),
    items: Array.from({ length: items }, () => ({ title: '', description: '', category: null, tags: [], publishedAt: null })),
    log,
    positives: buildPositives(users, items, log),
    now: 0,
  };
}

describe('splitForRanker folds', () => {
  const data = denseData(200, 20);
  const folds = [0, 1, 2].map((fold) => splitForRanker(data, OPTIONS, fold));
  const pool = measuredHoldout(data, OPTIONS).pool;

  it('hold out disjoint items of the same training users, and the same fixed items of the measured users', () => {
    for (let user = 0; user < 200; user++) {
      const heldOut = folds.map((split) => [...split.heldOut[user]!].sort());
      if (pool[user]) {
        expect(heldOut[1]).toEqual(heldOut[0]);
        expect(heldOut[2]).toEqual(heldOut[0]);
      } else {
        expect(new Set(heldOut.flat()).size).toBe(12);
      }
    }
  });

  it('keep the training and metric users of the first fold, apart', () => {
    for (const split of folds) {
      expect(split.trainingUsers).toEqual(folds[0]!.trainingUsers);
      expect(split.metricUsers).toEqual(folds[0]!.metricUsers);
    }
    const measured = folds[0]!.metricUsers;
    expect(measured.length).toBeGreaterThan(10);
    expect(measured.length).toBeLessThan(40);
    expect(folds[0]!.trainingUsers.filter((user) => measured.includes(user))).toEqual([]);
  });

  it('fit without exactly their own held-out items', () => {
    for (const split of folds) expect(split.fit.log.length).toBe(200 * 20 - split.heldOut.reduce((sum, items) => sum + items.size, 0));
  });
});

describe('measuredHoldout', () => {
  const pairs = (data: TrainingData, heldOut: Set<number>[], user: number) => [...heldOut[user]!].map((item) => data.itemIds[item]).sort();

  it('holds out the same users and items, by id, in a later run whose data has grown and been reordered', () => {
    const before = denseData(200, 20);
    const after = denseData(260, 30, { reversed: true });
    const first = measuredHoldout(before, OPTIONS);
    const later = measuredHoldout(after, OPTIONS);
    const laterIndex = new Map(after.userIds.map((id, index) => [id, index]));
    const earlierItems = new Set(before.itemIds);
    for (let user = 0; user < 200; user++) {
      const again = laterIndex.get(before.userIds[user]!)!;
      expect(later.pool[again]).toBe(first.pool[user]);
      expect(pairs(after, later.heldOut, again).filter((id) => earlierItems.has(id!))).toEqual(pairs(before, first.heldOut, user));
    }
    const measuredIds = (data: TrainingData, users: number[]) => new Set(users.map((user) => data.userIds[user]));
    const stayed = [...measuredIds(before, first.metricUsers)].filter((id) => measuredIds(after, later.metricUsers).has(id));
    expect(stayed.length).toBe(first.metricUsers.length);
  });

  it('keeps the held-out items out of what the served models learn', () => {
    const data = denseData(200, 20);
    const { heldOut } = measuredHoldout(data, OPTIONS);
    const served = servedData(data, OPTIONS);
    for (let row = 0; row < served.log.length; row++) expect(heldOut[served.log.user[row]!]!.has(served.log.item[row]!)).toBe(false);
    expect(served.log.length).toBe(200 * 20 - heldOut.reduce((sum, items) => sum + items.size, 0));
  });
});

describe('stackingFolds', () => {
  const splitWith = (trainingUsers: number) => ({ ...splitForRanker(denseData(1, 5), OPTIONS), trainingUsers: Array.from({ length: trainingUsers }, (_, user) => user) });

  it('adds folds only while the training users fall short of maxTrainingUsers', () => {
    expect(stackingFolds(splitWith(1_000), OPTIONS)).toBe(1);
    expect(stackingFolds(splitWith(600), OPTIONS)).toBe(2);
    expect(stackingFolds(splitWith(100), OPTIONS)).toBe(3);
  });

  it('never holds out more than the whole of a user', () => {
    expect(stackingFolds(splitWith(10), { ...OPTIONS, share: 0.5, maxFolds: 10 })).toBe(2);
  });

  it('trains one fold when there are no training users at all', () => {
    expect(stackingFolds(splitWith(0), OPTIONS)).toBe(1);
  });
});

describe('concatRankingData', () => {
  it('stacks rows, labels and query ids in order', () => {
    const part = (value: number, group: number): RankingData => ({ featureCount: 2, features: Float32Array.of(value, value), labels: Float32Array.of(value), groups: Uint32Array.of(group), featureNames: ['a', 'b'] });
    const merged = concatRankingData([part(1, 7), part(0, 9)]);
    expect([...merged.features]).toEqual([1, 1, 0, 0]);
    expect([...merged.labels]).toEqual([1, 0]);
    expect([...merged.groups]).toEqual([7, 9]);
    expect(merged.featureNames).toEqual(['a', 'b']);
  });
});

describe('popularityHoldoutMetrics', () => {
  it('ranks held-out items by popularity alone, skipping what each user already has', () => {
    const fit = denseData(2, 3);
    // User 0 already has item 0 and held out item 1; user 1 has nothing and held out item 2.
    const log: InteractionLog = { length: 1, user: Uint32Array.of(0), item: Uint32Array.of(0), strength: Float32Array.of(1), timestamp: Float64Array.of(0) };
    const split = { fit: { ...fit, log, positives: buildPositives(2, 3, log) }, heldOut: [new Set([1]), new Set([2])], trainingUsers: [], metricUsers: [0, 1] };
    const models = { itemIds: fit.itemIds, now: 0, popularity: { variants: { allTime: { scores: Float32Array.of(3, 2, 1) } } } } as unknown as RecommenderModels;
    const metrics = popularityHoldoutMetrics(models, split, 1);
    // Top-1 is item 1 for user 0 (a hit: item 0 is skipped) and item 0 for user 1 (a miss).
    expect(metrics.popularity_holdout_ndcg).toBe(0.5);
    expect(metrics.popularity_holdout_recall).toBe(0.5);
  });
});
