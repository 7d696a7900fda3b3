import { describe, expect, it } from 'vitest';
import {
  addGramLower,
  addScaledRows,
  axpy,
  choleskyFactor,
  choleskySolve,
  dot,
  dotRows,
  inverseTransposedFactor,
  invertSpdInPlace,
  multiplyRowsByTriangular,
  NotPositiveDefiniteError,
  transposed,
} from './linalg';
import { Random } from './random';

// A = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]; A⁻¹ = [[1777, -488, 76], [-488, 136, -20], [76, -20, 4]] / 36.
const textbook = () => Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 10) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

/** A random well-conditioned SPD matrix: MᵀM plus a diagonal. */
function randomSpd(n: number, seed: number): Float64Array {
  const random = new Random(seed);
  const m = Float64Array.from({ length: n * n }, () => random.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = dot(m, i * n, m, j * n, n) + (i === j ? n : 0);
  }
  return a;
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const product = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) axpy(a[i * n + k]!, b, k * n, product, i * n, n);
  return product;
}

const identity = (n: number) => Float64Array.from({ length: n * n }, (_, index) => (index % (n + 1) === 0 ? 1 : 0));

describe('vector helpers', () => {
  it('dot and axpy work on offsets', () => {
    expect(dot(Float64Array.from([9, 1, 2, 3]), 1, Float64Array.from([4, 5, 6]), 0, 3)).toBe(1 * 4 + 2 * 5 + 3 * 6);
    const y = Float64Array.from([1, 1, 1, 1]);
    axpy(2, Float64Array.from([1, 2]), 0, y, 2, 2);
    expect([...y]).toEqual([1, 1, 3, 5]);
  });

  it('accumulates the lower triangle of MᵀM, four rows at a time and the rest one by one', () => {
    // M = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]: MᵀM = [[165, 190], [190, 220]].
    const gram = Float64Array.from([1, -1, 1, 1]);
    addGramLower(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5, 2, gram);
    expect([...gram]).toEqual([166, -1, 191, 221]);
  });

  it('gathers dot products with and scaled sums of indexed rows, past the eight-row block', () => {
    const k = 2;
    const matrix = Float32Array.from({ length: 12 * k }, (_, index) => index); // row i = [2i, 2i + 1]
    const rows = Uint32Array.from([11, 0, 3, 3, 5, 7, 1, 2, 9, 4]);
    const dots = new Float64Array(rows.length);
    dotRows(matrix, k, rows, Float64Array.from([0, 1, -1]), 1, dots);
    expect([...dots]).toEqual([...rows].map((row) => 2 * row - (2 * row + 1)));
    dotRows(matrix, k, rows, Float64Array.from([1, 0]), 0, dots, 9);
    expect(dots[8]).toBe(2 * 9);
    expect(dots[9]).toBe(-1);
    const out = Float64Array.from([1, 1]);
    addScaledRows(matrix, k, rows, Float64Array.from(rows, (_, n) => n), out, 0);
    const weighted = (column: number) => [...rows].reduce((sum, row, n) => sum + n * (2 * row + column), 1);
    expect([...out]).toEqual([weighted(0), weighted(1)]);
  });
});

describe('Cholesky', () => {
  it('factors the textbook matrix, leaving the strict upper triangle alone', () => {
    const a = textbook();
    choleskyFactor(a, 3);
    expectClose(a, [2, 12, -16, 6, 1, -43, -8, 5, 3]);
  });

  it('solves through the factor', () => {
    const a = textbook();
    choleskyFactor(a, 3);
    const b = Float64Array.from([1, 2, 3]);
    choleskySolve(a, 3, b);
    expectClose(b, [1029 / 36, -276 / 36, 48 / 36]);
  });

  it('inverts the factor: L⁻ᵀ, upper triangular', () => {
    const a = textbook();
    choleskyFactor(a, 3);
    // L⁻¹ = [[1/2, 0, 0], [-3, 1, 0], [19/3, -5/3, 1/3]]
    expectClose(inverseTransposedFactor(a, 3), [1 / 2, -3, 19 / 3, 0, 1, -5 / 3, 0, 0, 1 / 3]);
    expectClose(transposed(Float64Array.from([1, 2, 3, 4]), 2), [1, 3, 2, 4]);
  });

  it('multiplies the listed rows by a triangular matrix, reading only its triangle', () => {
    for (const k of [3, 4]) {
      const rowCount = 6;
      const random = new Random(k);
      const rows = Float64Array.from({ length: rowCount * k }, () => random.normal());
      const full = Float64Array.from({ length: k * k }, () => random.normal());
      for (const shape of ['lower', 'upper'] as const) {
        const expected = new Float64Array(rows.length);
        const triangle = full.map((value, index) => {
          const [a, b] = [Math.floor(index / k), index % k];
          return (shape === 'lower' ? b <= a : b >= a) ? value : 0;
        });
        for (let r = 0; r < rowCount; r++) for (let a = 0; a < k; a++) expected[r * k + a] = dot(triangle, a * k, rows, r * k, k);
        const actual = rows.slice();
        const listed = Uint32Array.from([5, 0, 2, 3, 1]); // row 4 stays as it was
        expected.set(rows.subarray(4 * k, 5 * k), 4 * k);
        multiplyRowsByTriangular(actual, listed, k, full.map((value, index) => (triangle[index] === 0 ? Number.NaN : value)), shape);
        expectClose(actual, expected);
      }
    }
  });

  it('agrees with the matrix across the blocked and the leftover rows', () => {
    for (const n of [4, 9, 14]) {
      const a = randomSpd(n, n);
      const factor = a.slice();
      choleskyFactor(factor, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) expect(dot(factor, i * n, factor, j * n, j + 1)).toBeCloseTo(a[i * n + j]!, 9);
      }
    }
  });

  it('rejects a matrix that is not positive-definite', () => {
    expect(() => choleskyFactor(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(NotPositiveDefiniteError);
  });
});

describe('invertSpdInPlace', () => {
  it('inverts the textbook matrix', () => {
    const a = textbook();
    invertSpdInPlace(a, 3);
    expectClose(a, [1777, -488, 76, -488, 136, -20, 76, -20, 4].map((value) => value / 36));
  });

  it('gives A·A⁻¹ = I and a symmetric result for sizes around the block width', () => {
    for (const n of [1, 2, 4, 5, 8, 11, 17]) {
      const a = randomSpd(n, 100 + n);
      const inverse = a.slice();
      invertSpdInPlace(inverse, n);
      expectClose(multiply(a, inverse, n), identity(n), 9);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inverse[i * n + j]).toBe(inverse[j * n + i]);
    }
  });
});
