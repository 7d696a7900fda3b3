import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { alsObjective, createAlsScorer, foldIn, trainAls, type AlsModel } from './als';
import { SparseMatrix } from './sparse';

/** Users 0–9 use items 0–9 and users 10–19 items 10–19, six of their group's ten items each. */
function twoTasteGroups(): SparseMatrix {
  const row: number[] = [];
  const col: number[] = [];
  for (let user = 0; user < 20; user++) {
    const group = user < 10 ? 0 : 10;
    for (let j = 0; j < 6; j++) {
      row.push(user);
      col.push(group + ((user + 3 * j) % 10));
    }
  }
  return SparseMatrix.fromTriplets(20, 20, { row, col, value: row.map(() => 1), length: row.length });
}

// Few factors: with as many as the data has degrees of freedom, the model memorises each user's exact items.
const params = { factors: 4, iterations: 10, regularization: 1, alpha: 2, seed: 3 };

function ranked(scores: Float32Array, exclude: ArrayLike<number>): number[] {
  const excluded = new Set(Array.from(exclude));
  return [...scores.keys()].filter((item) => !excluded.has(item)).sort((a, b) => scores[b]! - scores[a]!);
}

describe('trainAls', () => {
  const matrix = twoTasteGroups();
  const model = trainAls(matrix, params);

  it('recovers two disjoint taste groups', () => {
    const scorer = createAlsScorer(model, params);
    const scores = new Float32Array(20);
    for (let user = 0; user < 20; user++) {
      const history = { items: matrix.rowIndices(user), strengths: matrix.rowValues(user) };
      scorer.scoreItems(user, history, scores);
      const group = user < 10 ? 0 : 10;
      // Four unseen items of the user's own group exist; they should be the top four.
      for (const item of ranked(scores, history.items).slice(0, 4)) expect(Math.floor(item / 10) * 10).toBe(group);
    }
  });

  it('folds in a new user with the group their history belongs to', () => {
    const history = { items: Uint32Array.from([2, 5, 7]), strengths: Float32Array.from([1, 1, 1]) };
    const scores = new Float32Array(20);
    createAlsScorer(model, params).scoreItems(20, history, scores);
    for (const item of ranked(scores, history.items).slice(0, 7)) expect(item).toBeLessThan(10);
  });

  it('lowers the objective with every iteration', () => {
    const objectives = [1, 2, 3, 5, 8].map((iterations) => alsObjective(matrix, trainAls(matrix, { ...params, iterations }), params));
    for (let n = 1; n < objectives.length; n++) expect(objectives[n]).toBeLessThan(objectives[n - 1]!);
  });

  it('is deterministic for a seed', () => {
    const again = trainAls(matrix, params);
    expect(again.userFactors).toEqual(model.userFactors);
    expect(again.itemFactors).toEqual(model.itemFactors);
    expect(trainAls(matrix, { ...params, seed: 4 }).itemFactors).not.toEqual(model.itemFactors);
  });

  it('reports progress once per iteration', () => {
    const calls: [number, number][] = [];
    trainAls(matrix, { ...params, iterations: 3 }, (iteration, total) => calls.push([iteration, total]));
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});

describe('half-steps', () => {
  /**
   * 30 users × 40 items: items 0–9 are used by most users (rows long enough for CG), the rest
   * by a few (solved exactly). With CG run to convergence, every item factor must solve its
   * normal equations against the final user factors, which is what `foldIn` computes exactly
   * when users and items swap places.
   */
  it('solve each row’s normal equations, exactly for short rows and by CG for long ones', () => {
    const random = new Random(11);
    const row: number[] = [];
    const col: number[] = [];
    const value: number[] = [];
    for (let user = 0; user < 30; user++) {
      for (let item = 0; item < 40; item++) {
        if (!random.chance(item < 10 ? 0.9 : 0.1)) continue;
        row.push(user);
        col.push(item);
        value.push(1 + random.int(5));
      }
    }
    const matrix = SparseMatrix.fromTriplets(30, 40, { row, col, value, length: row.length });
    const byItem = matrix.transpose();
    expect(Math.max(...Array.from({ length: 40 }, (_, item) => byItem.rowLength(item)))).toBeGreaterThan(20);

    const exactParams = { factors: 6, iterations: 2, regularization: 0.5, alpha: 2, cgSteps: 30, seed: 1 };
    const model = trainAls(matrix, exactParams);
    const swapped: AlsModel = { factors: 6, userFactors: model.itemFactors, itemFactors: model.userFactors };
    for (let item = 0; item < 40; item++) {
      const solution = foldIn(swapped, { items: byItem.rowIndices(item), strengths: byItem.rowValues(item) }, exactParams);
      const trained = model.itemFactors.subarray(item * 6, (item + 1) * 6);
      for (let f = 0; f < 6; f++) expect(trained[f]).toBeCloseTo(solution[f]!, 4);
    }
  });
});

describe('foldIn', () => {
  it('ignores items the model does not know and non-positive strengths', () => {
    const model = trainAls(twoTasteGroups(), params);
    const plain = foldIn(model, { items: Uint32Array.from([2, 5]), strengths: Float32Array.from([1, 1]) }, params);
    const noisy = foldIn(model, { items: Uint32Array.from([2, 99, 5, 7]), strengths: Float32Array.from([1, 3, 1, -1]) }, params);
    expect(noisy).toEqual(plain);
  });
});
