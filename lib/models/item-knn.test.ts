import { describe, expect, it } from 'vitest';
import { createItemKnnScorer, forEachNeighborContribution, itemKnnParamsSchema, similarItems, trainItemKnn } from './item-knn';
import { SparseMatrix } from './sparse';

function matrixOf(rows: number[][], itemCount: number, strengths?: number[][]): SparseMatrix {
  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  rows.forEach((items, user) =>
    items.forEach((item, n) => {
      row.push(user);
      col.push(item);
      value.push(strengths?.[user]?.[n] ?? 1);
    }),
  );
  return SparseMatrix.fromTriplets(rows.length, itemCount, { row, col, value, length: row.length });
}

const historyOf = (items: number[], strengths = items.map(() => 1)) => ({ items: Uint32Array.from(items), strengths: Float32Array.from(strengths) });

/**
 * Items 0 and 1 go together for five users out of six; item 2 joins item 0 twice; items 3 and 4
 * were seen once, by the same user, which plain cosine rates a perfect 1.
 */
const together = matrixOf([[0, 1], [0, 1], [0, 1, 2], [0, 1], [0, 1, 2], [0], [3, 4]], 5);

describe('trainItemKnn', () => {
  it('ranks the item seen together most often first', () => {
    const model = trainItemKnn(together, { shrinkage: 10 });
    expect(similarItems(model, 0, 5).map(({ item }) => item)).toEqual([1, 2]);
    // Item 2 met 0 and 1 equally often; the rarer item 1 has the smaller norm and comes first.
    expect(similarItems(model, 2, 5).map(({ item }) => item)).toEqual([1, 0]);
    // co(0, 1) = 5, n_0 = 6, n_1 = 5: 5 / (√30 + 10)
    expect(similarItems(model, 0, 1)[0]!.score).toBeCloseTo(5 / (Math.sqrt(30) + 10), 6);
  });

  it('demotes pairs seen once through shrinkage', () => {
    const plain = trainItemKnn(together, { shrinkage: 0 });
    expect(similarItems(plain, 3, 1)[0]!.score).toBeCloseTo(1, 6);
    expect(similarItems(plain, 3, 1)[0]!.score).toBeGreaterThan(similarItems(plain, 0, 1)[0]!.score);
    const shrunk = trainItemKnn(together, { shrinkage: 10 });
    expect(similarItems(shrunk, 3, 1)[0]!.score).toBeLessThan(similarItems(shrunk, 0, 1)[0]!.score);
  });

  it('keeps at most K neighbours, never the item itself, and pads the rest', () => {
    const model = trainItemKnn(together, { neighbors: 1 });
    expect(model.k).toBe(1);
    expect([...model.counts]).toEqual([1, 1, 1, 1, 1]);
    expect(model.neighbors[0]).toBe(1);
    const wide = trainItemKnn(together, { neighbors: 4 });
    expect([...wide.counts]).toEqual([2, 2, 2, 1, 1]);
    expect(similarItems(wide, 4, 10).map(({ item }) => item)).toEqual([3]);
  });

  it('weights by strength when asked', () => {
    // Item 0 with 1 (strength 5 each side) against 0 with 2 (strength 1): binary cannot tell them apart.
    const matrix = matrixOf([[0, 1], [0, 2]], 3, [[5, 5], [1, 1]]);
    const binary = trainItemKnn(matrix, { shrinkage: 0 });
    expect(similarItems(binary, 0, 2)[0]!.score).toBeCloseTo(similarItems(binary, 0, 2)[1]!.score, 6);
    const weighted = trainItemKnn(matrix, { shrinkage: 0, weighting: 'strength' });
    expect(similarItems(weighted, 0, 2)[0]!.item).toBe(1);
  });

  it('counts only the strongest items of a heavy user', () => {
    // User 0 has four items but a cap of two keeps their strongest, 2 and 3: items 0 and 1 never meet.
    const matrix = matrixOf([[0, 1, 2, 3]], 4, [[1, 1, 5, 4]]);
    const model = trainItemKnn(matrix, { maxItemsPerUser: 2, shrinkage: 0 });
    expect([...model.counts]).toEqual([0, 0, 1, 1]);
    expect(similarItems(model, 2, 1)[0]!.item).toBe(3);
  });
});

describe('item-kNN scoring', () => {
  const model = trainItemKnn(together, { shrinkage: 10 });

  it('sums similarities over the history', () => {
    const scores = new Float32Array(5);
    createItemKnnScorer(model, {}).scoreItems(0, historyOf([0, 2]), scores);
    const sim = (a: number, b: number) => similarItems(model, a, 5).find(({ item }) => item === b)?.score ?? 0;
    expect(scores[1]).toBeCloseTo(sim(0, 1) + sim(2, 1), 6);
    expect(scores[3]).toBe(0);
    expect(scores[1]).toBeGreaterThan(scores[3]!);
  });

  /** Every (history item, contribution) pair that reaches `target`. */
  const contributionsTo = (knn: typeof model, history: ReturnType<typeof historyOf>, target: number, params: Parameters<typeof createItemKnnScorer>[1]) => {
    const found: { source: number; contribution: number }[] = [];
    forEachNeighborContribution(knn, history, itemKnnParamsSchema.parse(params), (item, contribution, source) => {
      if (item === target) found.push({ source, contribution });
    });
    return found.sort((a, b) => b.contribution - a.contribution);
  };

  it('names the history item behind each contribution', () => {
    expect(contributionsTo(model, historyOf([2, 0]), 1, {})[0]).toEqual({ source: 0, contribution: similarItems(model, 0, 1)[0]!.score });
    expect(contributionsTo(model, historyOf([3]), 1, {})).toEqual([]);
  });

  it('weights contributions by strength under strength weighting', () => {
    const params = { shrinkage: 10, weighting: 'strength' as const };
    const weighted = trainItemKnn(together, params);
    expect(contributionsTo(weighted, historyOf([0, 2], [1, 10]), 1, params)[0]?.source).toBe(2);
  });
});
