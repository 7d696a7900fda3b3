import { describe, expect, it } from 'vitest';
import { createEaseScorer, trainEase } from './ease';
import { SparseMatrix } from './sparse';

function matrixOf(rows: number[][], itemCount: number): SparseMatrix {
  const row = rows.flatMap((items, user) => items.map(() => user));
  const col = rows.flat();
  return SparseMatrix.fromTriplets(rows.length, itemCount, { row, col, value: col.map(() => 3), length: col.length });
}

const historyOf = (items: number[]) => ({ items: Uint32Array.from(items), strengths: Float32Array.from(items, () => 1) });

describe('trainEase', () => {
  it('matches the closed form on two items', () => {
    // n_0 = 3, n_1 = 2, together twice, λ = 1: G = [[4, 2], [2, 3]], P = G⁻¹ = [[3, -2], [-2, 4]] / 8,
    // B_01 = -P_01 / P_11 = 2/4 and B_10 = -P_10 / P_00 = 2/3.
    const model = trainEase(matrixOf([[0, 1], [0, 1], [0]], 2), { lambda: 1 });
    expect([...model.items]).toEqual([0, 1]);
    expect(model.weights[0]).toBe(0);
    expect(model.weights[1]).toBeCloseTo(1 / 2, 6);
    expect(model.weights[2]).toBeCloseTo(2 / 3, 6);
    expect(model.weights[3]).toBe(0);
  });

  it('ranks the item that always comes with the history first', () => {
    // Items 0 and 1 always together; 2 sometimes with 0; 3 and 4 with each other, never with 0.
    const rows = [[0, 1], [0, 1, 2], [0, 1], [0, 1, 2], [2], [2, 3], [3, 4], [3, 4], [4]];
    const model = trainEase(matrixOf(rows, 5), { lambda: 0.5 });
    const n = model.items.length;
    for (let p = 0; p < n; p++) expect(model.weights[p * n + p]).toBe(0);
    const scores = new Float32Array(5);
    createEaseScorer(model).scoreItems(0, historyOf([0]), scores);
    const ranked = [1, 2, 3, 4].sort((a, b) => scores[b]! - scores[a]!);
    expect(ranked[0]).toBe(1);
    expect(scores[1]).toBeGreaterThan(scores[3]!);
  });

  it('models only the most active items; the rest and unknown histories get no score', () => {
    // Counts: item 0 → 3, item 1 → 2, item 2 → 1, item 3 → 0.
    const model = trainEase(matrixOf([[0, 1], [0, 1, 2], [0]], 4), { maxItems: 2, lambda: 1 });
    expect([...model.items]).toEqual([0, 1]);
    const scores = new Float32Array(4);
    const scorer = createEaseScorer(model);
    scorer.scoreItems(0, historyOf([0, 2]), scores);
    expect(scores[1]).toBeGreaterThan(0);
    expect(scores[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(scores[3]).toBe(Number.NEGATIVE_INFINITY);
    scorer.scoreItems(0, historyOf([2, 7]), scores);
    expect([...scores].every((score) => score === Number.NEGATIVE_INFINITY)).toBe(true);
  });
});
