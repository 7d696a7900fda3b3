import { describe, expect, it } from 'vitest';
import { SparseMatrix } from './sparse';

describe('SparseMatrix', () => {
  const triplets = { row: [1, 0, 1, 0, 2], col: [2, 1, 0, 1, 2], value: [3, 1, 2, 4, -1], length: 5 };

  it('sums repeated cells and sorts columns within rows', () => {
    const matrix = SparseMatrix.fromTriplets(3, 3, triplets);
    expect([...matrix.indptr]).toEqual([0, 1, 3, 4]);
    expect([...matrix.rowIndices(0)]).toEqual([1]);
    expect([...matrix.rowValues(0)]).toEqual([5]);
    expect([...matrix.rowIndices(1)]).toEqual([0, 2]);
    expect([...matrix.rowValues(1)]).toEqual([2, 3]);
  });

  it('drops cells whose sum is not positive when asked', () => {
    const matrix = SparseMatrix.fromTriplets(3, 3, triplets, { keepPositiveOnly: true });
    expect(matrix.rowLength(2)).toBe(0);
    expect(matrix.nnz).toBe(3);
  });

  it('transposes', () => {
    const transposed = SparseMatrix.fromTriplets(3, 3, triplets).transpose();
    expect([...transposed.rowIndices(0)]).toEqual([1]);
    expect([...transposed.rowIndices(2)]).toEqual([1, 2]);
    expect([...transposed.rowValues(2)]).toEqual([3, -1]);
    expect(transposed.transpose().indices).toEqual(SparseMatrix.fromTriplets(3, 3, triplets).indices);
  });
});
