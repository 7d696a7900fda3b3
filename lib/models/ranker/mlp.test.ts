import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import type { RankingData } from './dataset';
import { baselineScore, explainRow, explainRows, forward, mergeRankers, trainRanker, trainRankerEnsemble, type RankerModel, type TrainingProgress } from './mlp';

const FEATURES = 6;

/** Rows with uniform features in [-1, 1]; the label comes from the first two (XOR of their signs), the rest are noise. */
function xorData(rows: number, seed: number, transform: (value: number, feature: number) => number = (value) => value): RankingData {
  const random = new Random(seed);
  const features = new Float32Array(rows * FEATURES);
  const labels = new Float32Array(rows);
  const groups = new Uint32Array(rows);
  for (let row = 0; row < rows; row++) {
    for (let feature = 0; feature < FEATURES; feature++) features[row * FEATURES + feature] = random.uniform(-1, 1);
    const sameSign = (features[row * FEATURES] as number) * (features[row * FEATURES + 1] as number) > 0;
    labels[row] = sameSign !== random.chance(0.05) ? 1 : 0;
    groups[row] = Math.floor(row / 20);
  }
  return { features: features.map((value, i) => transform(value, i % FEATURES)), labels, groups, featureCount: FEATURES };
}

/** Queries of 20 candidates; the two with the highest hidden utility (nonlinear in the features) are the positives. */
function queryData(queries: number, seed: number): RankingData {
  const size = 20;
  const random = new Random(seed);
  const rows = queries * size;
  const features = new Float32Array(rows * FEATURES).map(() => random.normal());
  const labels = new Float32Array(rows);
  const groups = new Uint32Array(rows);
  const utility = (row: number) => Math.abs(features[row * FEATURES] as number) - (features[row * FEATURES + 1] as number) ** 2 + 0.5 * (features[row * FEATURES + 2] as number);
  for (let query = 0; query < queries; query++) {
    const candidates = Array.from({ length: size }, (_, i) => query * size + i).sort((a, b) => utility(b) - utility(a));
    for (const row of candidates.slice(0, 2)) labels[row] = 1;
    for (const row of candidates) groups[row] = 1000 + query * 7;
  }
  return { features, labels, groups, featureCount: FEATURES };
}

function auc(scores: Float32Array, labels: Float32Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  order.forEach((row, rank) => {
    if (labels[row] === 1) {
      positives++;
      rankSum += rank + 1;
    }
  });
  const negatives = scores.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of (positive, negative) pairs within the same query that the scores order correctly. */
function pairAccuracy(scores: Float32Array, data: RankingData): number {
  let correct = 0;
  let pairs = 0;
  for (let i = 0; i < data.labels.length; i++) {
    for (let j = 0; j < data.labels.length; j++) {
      if (data.groups[i] !== data.groups[j] || data.labels[i] !== 1 || data.labels[j] !== 0) continue;
      pairs++;
      if ((scores[i] as number) > (scores[j] as number)) correct++;
    }
  }
  return correct / pairs;
}

function score(model: RankerModel, data: RankingData): Float32Array {
  return forward(model, data.features, data.labels.length);
}

describe('an ensemble of rankers', () => {
  const data = queryData(80, 4);
  const test = queryData(40, 5);
  const meanOf = (members: RankerModel[]) => {
    const mean = new Float32Array(test.labels.length);
    for (const member of members) score(member, test).forEach((value, row) => (mean[row]! += value / members.length));
    return mean;
  };

  it('scores exactly the mean of its members, with hidden layers or without', () => {
    for (const hidden of [[8, 4], []]) {
      const members = [1, 2, 3].map((seed) => trainRanker(data, { epochs: 3, seed, hidden }));
      const merged = score(mergeRankers(members), test);
      const mean = meanOf(members);
      merged.forEach((value, row) => expect(value).toBeCloseTo(mean[row]!, 5));
    }
  });

  it('trains its members with successive seeds, and is one of them when it has one', () => {
    const ensemble = trainRankerEnsemble(data, { epochs: 3, seed: 7, hidden: [8, 4] }, 2);
    const members = [7, 8].map((seed) => trainRanker(data, { epochs: 3, seed, hidden: [8, 4] }));
    expect(ensemble.layers.map((layer) => [layer.inputSize, layer.outputSize])).toEqual([[data.featureCount, 16], [16, 8], [8, 1]]);
    score(ensemble, test).forEach((value, row) => expect(value).toBeCloseTo(meanOf(members)[row]!, 5));
    expect(trainRankerEnsemble(data, { epochs: 3, seed: 7, hidden: [8, 4] }, 1)).toEqual(members[0]);
  });

  it('explains a merged score as the members do on average', () => {
    const members = [1, 2].map((seed) => trainRanker(data, { epochs: 3, seed, hidden: [8, 4] }));
    const row = test.features.subarray(0, data.featureCount);
    const merged = explainRow(mergeRankers(members), row, 8);
    const each = members.map((member) => explainRow(member, row, 8));
    merged.forEach((value, feature) => expect(value).toBeCloseTo((each[0]![feature]! + each[1]![feature]!) / 2, 4));
  });
});

describe('trainRanker', () => {
  it('learns a nonlinear function (XOR) with the pointwise loss', () => {
    const model = trainRanker(xorData(4000, 1), { loss: 'pointwise', epochs: 40, seed: 3 });
    const test = xorData(2000, 2);
    expect(auc(score(model, test), test.labels)).toBeGreaterThan(0.9);
  });

  it('ranks positives above negatives within queries with the pairwise loss', () => {
    const model = trainRanker(queryData(300, 1), { loss: 'pairwise', epochs: 40, seed: 3 });
    const test = queryData(100, 2);
    expect(pairAccuracy(score(model, test), test)).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed', () => {
    const data = queryData(50, 4);
    const first = trainRanker(data, { epochs: 3, seed: 11 });
    const second = trainRanker(data, { epochs: 3, seed: 11 });
    const otherSeed = trainRanker(data, { epochs: 3, seed: 12 });
    expect(second).toEqual(first);
    expect(otherSeed.layers[0]?.weights).not.toEqual(first.layers[0]?.weights);
  });

  it('standardises features of any scale', () => {
    const scales = [1e6, 1e-4, 1, 1e9, 1, 1];
    const scaled = (value: number, feature: number) => value * (scales[feature] as number) + 1e3 * (scales[feature] as number);
    const model = trainRanker(xorData(4000, 1, scaled), { loss: 'pointwise', epochs: 40, seed: 3 });
    const test = xorData(2000, 2, scaled);
    expect(auc(score(model, test), test.labels)).toBeGreaterThan(0.9);
    expect(model.stds[0]).toBeCloseTo(1e6 / Math.sqrt(3), -4);
  });

  it('keeps a constant feature harmless', () => {
    const data = queryData(50, 5);
    for (let row = 0; row < data.labels.length; row++) data.features[row * FEATURES + 3] = 42;
    const model = trainRanker(data, { epochs: 3 });
    expect(model.stds[3]).toBe(1);
    expect(score(model, data).every(Number.isFinite)).toBe(true);
  });

  it('stops early once the validation loss stops improving', () => {
    const data = queryData(200, 6);
    const random = new Random(9);
    data.labels.forEach((_, row) => (data.labels[row] = random.chance(0.1) ? 1 : 0));
    const progress: TrainingProgress[] = [];
    trainRanker(data, { epochs: 200, patience: 2, learningRate: 0.01 }, (update) => progress.push(update));
    expect(progress.length).toBeLessThan(200);
    expect(progress.every((update) => update.validationLoss !== null)).toBe(true);
  });

  it('trains every epoch without a validation split', () => {
    const progress: TrainingProgress[] = [];
    trainRanker(queryData(30, 7), { epochs: 4, validationFraction: 0 }, (update) => progress.push(update));
    expect(progress.map((update) => update.epoch)).toEqual([1, 2, 3, 4]);
    expect(progress.every((update) => update.validationLoss === null)).toBe(true);
  });

  it('carries feature names into the model', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(trainRanker({ ...queryData(20, 8), featureNames: names }, { epochs: 1 }).featureNames).toEqual(names);
  });

  it('rejects data it cannot learn from', () => {
    const data = queryData(10, 9);
    expect(() => trainRanker({ ...data, labels: data.labels.map((label) => label * 2) }, { loss: 'pointwise' })).toThrow(/\[0, 1\]/);
    expect(() => trainRanker({ ...data, labels: new Float32Array(data.labels.length) })).toThrow(/no pairs/);
    expect(() => trainRanker({ ...data, featureCount: 5 })).toThrow(/features has/);
    expect(() => trainRanker(data, { hidden: [0] })).toThrow();
  });
});

describe('explainRow', () => {
  it('splits the score into per-feature contributions that add up to score − baseline', () => {
    const data = queryData(100, 10);
    const model = trainRanker(data, { epochs: 5 });
    for (const rowIndex of [0, 7, 555]) {
      const row = data.features.subarray(rowIndex * FEATURES, (rowIndex + 1) * FEATURES);
      const rowScore = forward(model, row, 1)[0] as number;
      const total = explainRow(model, row, 128).reduce((sum, value) => sum + value, 0);
      expect(Math.abs(total - (rowScore - baselineScore(model)))).toBeLessThan(0.02 * Math.abs(rowScore) + 0.02);
    }
  });

  it('is exact for a linear ranker: weight × standardised value', () => {
    const model = trainRanker(queryData(50, 11), { hidden: [], epochs: 3 });
    const row = new Float32Array([0.5, -1, 2, 0, 1, -0.25]);
    const contributions = explainRow(model, row, 1);
    const weights = model.layers[0]?.weights as Float32Array;
    contributions.forEach((value, feature) => {
      const standardised = ((row[feature] as number) - (model.means[feature] as number)) / (model.stds[feature] as number);
      expect(value).toBeCloseTo((weights[feature] as number) * standardised, 5);
    });
  });

  it('gives the same contributions for many rows at once as row by row, across chunks', () => {
    const data = queryData(100, 12);
    const model = trainRanker(data, { epochs: 2 });
    const rows = 300;
    for (const steps of [1, 8]) {
      const batch = explainRows(model, data.features.subarray(0, rows * FEATURES), rows, steps);
      for (const r of [0, 31, 32, 299]) {
        const single = explainRow(model, data.features.subarray(r * FEATURES, (r + 1) * FEATURES), steps);
        single.forEach((value, feature) => expect(batch[r * FEATURES + feature]).toBeCloseTo(value, 6));
      }
    }
  });
});
