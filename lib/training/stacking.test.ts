import { describe, expect, it } from 'vitest';
import { buildPositives, type InteractionLog, type TrainingData } from '@/lib/models/data';
import type { RankingData } from '@/lib/models/ranker/dataset';
import { concatRankingData, splitForRanker, stackingFolds, type SplitOptions } from './stacking';

const OPTIONS: SplitOptions = { seed: 42, share: 0.2, minPositives: 5, maxTrainingUsers: 1_000, maxMetricUsers: 500, metricShare: 0.1, maxFolds: 3 };

/** `users` users who each have interacted with every one of `items` items. */
function denseData(users: number, items: number): TrainingData {
  const length = users * items;
  const log: InteractionLog = {
    length,
    user: Uint32Array.from({ length }, (_, row) => Math.floor(row / items)),
    item: Uint32Array.from({ length }, (_, row) => row % items),
    strength: new Float32Array(length).fill(1),
    timestamp: new Float64Array(length),
  };
  return {
    userIds: Array.from({ length: users }, (_, user) => `u${user}`),
    itemIds: Array.from({ length: items }, (_, item) => `i${item}`),
    items: Array.from({ length: items }, () => ({ title: '', description: '', category: null, tags: [], publishedAt: null })),
    log,
    positives: buildPositives(users, items, log),
    now: 0,
  };
}

describe('splitForRanker folds', () => {
  const data = denseData(40, 20);
  const folds = [0, 1, 2].map((fold) => splitForRanker(data, OPTIONS, fold));

  it('hold out disjoint items of the same users', () => {
    for (let user = 0; user < 40; user++) {
      const heldOut = folds.flatMap((split) => [...split.heldOut[user]!]);
      expect(heldOut).toHaveLength(12);
      expect(new Set(heldOut).size).toBe(12);
    }
  });

  it('keep the training and metric users of the first fold', () => {
    for (const split of folds) {
      expect(split.trainingUsers).toEqual(folds[0]!.trainingUsers);
      expect(split.metricUsers).toEqual(folds[0]!.metricUsers);
    }
    expect(folds[0]!.metricUsers).toHaveLength(4);
  });

  it('fit without exactly their own held-out items', () => {
    for (const split of folds) expect(split.fit.log.length).toBe(40 * 20 - 40 * 4);
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
