/**
 * Small dense linear algebra on typed arrays, for the factor models. Square matrices are n×n
 * in one row-major Float64Array; factor matrices are rows × k, row-major. Every inner loop runs
 * along rows, so memory streams in order. The O(n³) kernels take four rows against two others per pass: JavaScript has no SIMD,
 * and sharing each load between several multiply-adds is what makes them faster.
 */

/*
 * Each helper takes one array type per argument: V8 specialises element access per function, and
 * a helper fed both Float32Arrays and Float64Arrays would run every call through the slower
 * polymorphic path. Vectors are double precision; the row-gathering helpers read single-precision
 * matrices, because at scale fetching scattered rows from memory is most of what they cost.
 */

/**
 * Σ a[aOffset + t]·b[bOffset + t] over t < length. Four partial sums: with one, every addition
 * waits for the previous one to finish, and the loop runs at the adder's latency.
 */
export function dot(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, length: number): number {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let t = 0;
  for (; t + 4 <= length; t += 4) {
    sum0 += a[aOffset + t]! * b[bOffset + t]!;
    sum1 += a[aOffset + t + 1]! * b[bOffset + t + 1]!;
    sum2 += a[aOffset + t + 2]! * b[bOffset + t + 2]!;
    sum3 += a[aOffset + t + 3]! * b[bOffset + t + 3]!;
  }
  for (; t < length; t++) sum0 += a[aOffset + t]! * b[bOffset + t]!;
  return sum0 + sum1 + (sum2 + sum3);
}

/** y[yOffset + t] += alpha·x[xOffset + t] over t < length. */
export function axpy(alpha: number, x: Float64Array, xOffset: number, y: Float64Array, yOffset: number, length: number): void {
  for (let t = 0; t < length; t++) y[yOffset + t]! += alpha * x[xOffset + t]!;
}

/**
 * out[n] = (row rowIndices[n] of the row-major matrix with k columns)·vector[vectorOffset..+k),
 * for n < count. Eight rows go per pass (then four), so each vector entry is loaded once for
 * eight products.
 */
export function dotRows(
  matrix: Float32Array,
  k: number,
  rowIndices: Uint32Array,
  vector: Float64Array,
  vectorOffset: number,
  out: Float64Array,
  count = rowIndices.length,
): void {
  let n = 0;
  for (; n + 8 <= count; n += 8) {
    const row0 = rowIndices[n]! * k;
    const row1 = rowIndices[n + 1]! * k;
    const row2 = rowIndices[n + 2]! * k;
    const row3 = rowIndices[n + 3]! * k;
    const row4 = rowIndices[n + 4]! * k;
    const row5 = rowIndices[n + 5]! * k;
    const row6 = rowIndices[n + 6]! * k;
    const row7 = rowIndices[n + 7]! * k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let f = 0; f < k; f++) {
      const v = vector[vectorOffset + f]!;
      s0 += matrix[row0 + f]! * v;
      s1 += matrix[row1 + f]! * v;
      s2 += matrix[row2 + f]! * v;
      s3 += matrix[row3 + f]! * v;
      s4 += matrix[row4 + f]! * v;
      s5 += matrix[row5 + f]! * v;
      s6 += matrix[row6 + f]! * v;
      s7 += matrix[row7 + f]! * v;
    }
    out[n] = s0;
    out[n + 1] = s1;
    out[n + 2] = s2;
    out[n + 3] = s3;
    out[n + 4] = s4;
    out[n + 5] = s5;
    out[n + 6] = s6;
    out[n + 7] = s7;
  }
  for (; n + 4 <= count; n += 4) {
    const row0 = rowIndices[n]! * k;
    const row1 = rowIndices[n + 1]! * k;
    const row2 = rowIndices[n + 2]! * k;
    const row3 = rowIndices[n + 3]! * k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let f = 0; f < k; f++) {
      const v = vector[vectorOffset + f]!;
      s0 += matrix[row0 + f]! * v;
      s1 += matrix[row1 + f]! * v;
      s2 += matrix[row2 + f]! * v;
      s3 += matrix[row3 + f]! * v;
    }
    out[n] = s0;
    out[n + 1] = s1;
    out[n + 2] = s2;
    out[n + 3] = s3;
  }
  for (; n < count; n++) {
    // Two partial sums, so the additions do not all wait on one another.
    const row = rowIndices[n]! * k;
    let even = 0;
    let odd = 0;
    let f = 0;
    for (; f + 2 <= k; f += 2) {
      even += matrix[row + f]! * vector[vectorOffset + f]!;
      odd += matrix[row + f + 1]! * vector[vectorOffset + f + 1]!;
    }
    if (f < k) even += matrix[row + f]! * vector[vectorOffset + f]!;
    out[n] = even + odd;
  }
}

/**
 * out[outOffset..+k) += Σ scales[n]·(row rowIndices[n]), eight rows per pass so `out` is loaded
 * and stored once for eight.
 */
export function addScaledRows(matrix: Float32Array, k: number, rowIndices: Uint32Array, scales: Float64Array, out: Float64Array, outOffset: number): void {
  const count = rowIndices.length;
  let n = 0;
  for (; n + 8 <= count; n += 8) {
    const row0 = rowIndices[n]! * k;
    const row1 = rowIndices[n + 1]! * k;
    const row2 = rowIndices[n + 2]! * k;
    const row3 = rowIndices[n + 3]! * k;
    const row4 = rowIndices[n + 4]! * k;
    const row5 = rowIndices[n + 5]! * k;
    const row6 = rowIndices[n + 6]! * k;
    const row7 = rowIndices[n + 7]! * k;
    const c0 = scales[n]!;
    const c1 = scales[n + 1]!;
    const c2 = scales[n + 2]!;
    const c3 = scales[n + 3]!;
    const c4 = scales[n + 4]!;
    const c5 = scales[n + 5]!;
    const c6 = scales[n + 6]!;
    const c7 = scales[n + 7]!;
    for (let f = 0; f < k; f++) {
      out[outOffset + f]! +=
        c0 * matrix[row0 + f]! +
        c1 * matrix[row1 + f]! +
        c2 * matrix[row2 + f]! +
        c3 * matrix[row3 + f]! +
        (c4 * matrix[row4 + f]! + c5 * matrix[row5 + f]! + c6 * matrix[row6 + f]! + c7 * matrix[row7 + f]!);
    }
  }
  for (; n < count; n++) {
    const row = rowIndices[n]! * k;
    const scale = scales[n]!;
    for (let f = 0; f < k; f++) out[outOffset + f]! += scale * matrix[row + f]!;
  }
}

/**
 * Adds the lower triangle of MᵀM to `gram` (columns×columns), for M the first `rows` rows of a
 * row-major matrix. Four rows go per pass, so each entry of `gram` is loaded and stored once
 * per four rows.
 */
export function addGramLower(matrix: Float64Array, rows: number, columns: number, gram: Float64Array): void {
  let row = 0;
  for (; row + 4 <= rows; row += 4) {
    const row0 = row * columns;
    const row1 = row0 + columns;
    const row2 = row1 + columns;
    const row3 = row2 + columns;
    for (let a = 0; a < columns; a++) {
      const x0 = matrix[row0 + a]!;
      const x1 = matrix[row1 + a]!;
      const x2 = matrix[row2 + a]!;
      const x3 = matrix[row3 + a]!;
      const gramRow = a * columns;
      for (let b = 0; b <= a; b++) {
        gram[gramRow + b]! += x0 * matrix[row0 + b]! + x1 * matrix[row1 + b]! + x2 * matrix[row2 + b]! + x3 * matrix[row3 + b]!;
      }
    }
  }
  for (; row < rows; row++) {
    const start = row * columns;
    for (let a = 0; a < columns; a++) {
      const x = matrix[start + a]!;
      for (let b = 0; b <= a; b++) gram[a * columns + b]! += x * matrix[start + b]!;
    }
  }
}

/** Thrown when a matrix meant to be symmetric positive-definite is not (numerically). */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly pivot: number) {
    super(`matrix is not positive-definite (pivot ${pivot})`);
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Cholesky factorisation A = L·Lᵀ in place: the lower triangle (with the diagonal) becomes L.
 * Only A's lower triangle is read, and the strict upper triangle is left as it was.
 */
export function choleskyFactor(a: Float64Array, n: number): void {
  const sums = new Float64Array(8);
  let row = 0;
  for (; row + 4 <= n; row += 4) {
    let column = 0;
    for (; column + 2 <= row; column += 2) {
      // Rows row..row+3 against the finished rows `column` and `column + 1`. Entry column + 1
      // depends on entry `column` of the same row, so that last term waits for it.
      dotFourByTwo(a, n, row, a, column * n, (column + 1) * n, 0, column, sums);
      const pivotRow = column * n;
      const nextPivotRow = pivotRow + n;
      for (let r = 0; r < 4; r++) {
        const rowStart = (row + r) * n;
        const entry = (a[rowStart + column]! - sums[r]!) / a[pivotRow + column]!;
        a[rowStart + column] = entry;
        a[rowStart + column + 1] = (a[rowStart + column + 1]! - sums[4 + r]! - entry * a[nextPivotRow + column]!) / a[nextPivotRow + column + 1]!;
      }
    }
    for (let r = 0; r < 4; r++) finishCholeskyRow(a, n, row + r, column);
  }
  for (; row < n; row++) finishCholeskyRow(a, n, row, 0);
}

/** Columns `from`..row of one Cholesky row, the columns before `from` already done. */
function finishCholeskyRow(a: Float64Array, n: number, row: number, from: number): void {
  const rowStart = row * n;
  for (let column = from; column < row; column++) {
    const sum = dot(a, rowStart, a, column * n, column);
    a[rowStart + column] = (a[rowStart + column]! - sum) / a[column * n + column]!;
  }
  const pivot = a[rowStart + row]! - dot(a, rowStart, a, rowStart, row);
  if (!(pivot > 0)) throw new NotPositiveDefiniteError(row);
  a[rowStart + row] = Math.sqrt(pivot);
}

/** Solves L·Lᵀ·x = b in place in `b`, given the factor from `choleskyFactor`. */
export function choleskySolve(factor: Float64Array, n: number, b: Float64Array): void {
  for (let row = 0; row < n; row++) b[row] = (b[row]! - dot(factor, row * n, b, 0, row)) / factor[row * n + row]!;
  // Lᵀ's rows are L's columns: subtract each solved unknown from the rows above instead of
  // walking columns with stride n.
  for (let row = n - 1; row >= 0; row--) {
    const value = b[row]! / factor[row * n + row]!;
    b[row] = value;
    axpy(-value, factor, row * n, b, 0, row);
  }
}

/** U = L⁻ᵀ as a new upper-triangular matrix, zero below the diagonal, from L = `choleskyFactor`'s result. */
export function inverseTransposedFactor(factor: Float64Array, n: number): Float64Array {
  const inverse = factor.slice();
  const factorDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) factorDiagonal[i] = factor[i * n + i]!;
  writeInverseTransposedFactor(inverse, n, factorDiagonal);
  for (let i = 0; i < n; i++) inverse.fill(0, i * n, i * n + i);
  return inverse;
}

/** A new n×n matrix, the transpose of `matrix`. */
export function transposed(matrix: Float64Array, n: number): Float64Array {
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) result[j * n + i] = matrix[i * n + j]!;
  return result;
}

/**
 * Replaces the rows listed in `rowIndices` (each k long) of `rows` with T·row, for T a k×k
 * triangular matrix whose other triangle is never read. This is the bulk of a factor-model
 * half-step, so it gets a blocked kernel: four rows against two rows of T per pass.
 */
export function multiplyRowsByTriangular(rows: Float64Array, rowIndices: Uint32Array, k: number, triangular: Float64Array, shape: 'lower' | 'upper'): void {
  const block = new Float64Array(4 * k);
  const sums = new Float64Array(8);
  const lower = shape === 'lower';
  let n = 0;
  for (; n + 4 <= rowIndices.length; n += 4) {
    for (let r = 0; r < 4; r++) block.set(rows.subarray(rowIndices[n + r]! * k, (rowIndices[n + r]! + 1) * k), r * k);
    let a = 0;
    for (; a + 2 <= k; a += 2) {
      // Rows a and a + 1 of T overlap on all but one column: the lower triangle's a + 1, the upper's a.
      dotFourByTwo(block, k, 0, triangular, a * k, (a + 1) * k, lower ? 0 : a + 1, lower ? a + 1 : k, sums);
      const extraColumn = lower ? a + 1 : a;
      const extra = triangular[extraColumn * k + extraColumn]!;
      for (let r = 0; r < 4; r++) {
        const out = rowIndices[n + r]! * k;
        const value = block[r * k + extraColumn]! * extra;
        rows[out + a] = sums[r]! + (lower ? 0 : value);
        rows[out + a + 1] = sums[4 + r]! + (lower ? value : 0);
      }
    }
    for (; a < k; a++) for (let r = 0; r < 4; r++) rows[rowIndices[n + r]! * k + a] = triangularRowDot(triangular, k, a, shape, block, r * k);
  }
  for (; n < rowIndices.length; n++) {
    const out = rowIndices[n]! * k;
    block.set(rows.subarray(out, out + k));
    for (let a = 0; a < k; a++) rows[out + a] = triangularRowDot(triangular, k, a, shape, block, 0);
  }
}

/** Row a of a triangular T (its nonzero part only) times the k-vector at `vector[offset..]`. */
function triangularRowDot(triangular: Float64Array, k: number, a: number, shape: 'lower' | 'upper', vector: Float64Array, offset: number): number {
  const from = shape === 'lower' ? 0 : a;
  const to = shape === 'lower' ? a + 1 : k;
  return dot(triangular, a * k + from, vector, offset + from, to - from);
}

/**
 * Inverts a symmetric positive-definite matrix in place, reading its lower triangle and writing
 * the full inverse: A = L·Lᵀ, U = L⁻ᵀ, A⁻¹ = U·Uᵀ. Each step costs n³/6 multiply-adds, n³/2 in
 * all against Gauss–Jordan's n³. L lives in the strict lower triangle, U in the upper one, and
 * only diagonals need room outside the matrix.
 */
export function invertSpdInPlace(a: Float64Array, n: number): void {
  choleskyFactor(a, n);
  const factorDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) factorDiagonal[i] = a[i * n + i]!;
  writeInverseTransposedFactor(a, n, factorDiagonal);
  multiplyUpperByTranspose(a, n);
}

/**
 * Row j of U = L⁻ᵀ is column j of L⁻¹: the solution x of L·x = e_j by forward substitution,
 * zero before j. It overwrites row j's upper triangle, the diagonal included, so L's diagonal
 * is read from `factorDiagonal`.
 */
function writeInverseTransposedFactor(a: Float64Array, n: number, factorDiagonal: Float64Array): void {
  const sums = new Float64Array(8);
  let first = 0;
  for (; first + 4 <= n; first += 4) {
    for (let r = 0; r < 4; r++) forwardSubstituteUnitColumn(a, n, factorDiagonal, first + r, first + 4);
    let i = first + 4;
    for (; i + 2 <= n; i += 2) {
      // Solutions first..first+3 at entries i and i + 1. All four are nonzero from first + 3 on;
      // before that each adds its own head. Entry i + 1 also needs entry i, which comes last.
      dotFourByTwo(a, n, first, a, i * n, (i + 1) * n, first + 3, i, sums);
      for (let r = 0; r < 4; r++) {
        const target = first + r;
        const solution = target * n;
        const headLength = first + 3 - target;
        const entry = -(sums[r]! + dot(a, i * n + target, a, solution + target, headLength)) / factorDiagonal[i]!;
        a[solution + i] = entry;
        const nextSum = sums[4 + r]! + dot(a, (i + 1) * n + target, a, solution + target, headLength) + a[(i + 1) * n + i]! * entry;
        a[solution + i + 1] = -nextSum / factorDiagonal[i + 1]!;
      }
    }
    for (let r = 0; r < 4; r++) forwardSubstituteUnitColumn(a, n, factorDiagonal, first + r, n, i);
  }
  for (; first < n; first++) forwardSubstituteUnitColumn(a, n, factorDiagonal, first, n);
}

/** Entries from..end-1 of row `target` of U (from defaults to the diagonal), one substitution step each. */
function forwardSubstituteUnitColumn(a: Float64Array, n: number, factorDiagonal: Float64Array, target: number, end: number, from = target): void {
  const solution = target * n;
  if (from === target) a[solution + target] = 1 / factorDiagonal[target]!;
  for (let i = Math.max(from, target + 1); i < end; i++) {
    a[solution + i] = -dot(a, i * n + target, a, solution + target, i - target) / factorDiagonal[i]!;
  }
}

/**
 * Replaces A, holding U in its upper triangle, with the symmetric U·Uᵀ: entry (i, j), i ≤ j, is
 * the dot product of rows i and j of U from column j on. Results go to the lower triangle,
 * which U does not use, and the diagonal waits in a side array until U is no longer read.
 */
function multiplyUpperByTranspose(a: Float64Array, n: number): void {
  const diagonal = new Float64Array(n);
  const sums = new Float64Array(8);
  let first = 0;
  for (; first + 4 <= n; first += 4) {
    for (let r = 0; r < 4; r++) {
      for (let j = first + r; j < first + 4; j++) storeProduct(a, n, first + r, j, diagonal);
    }
    let j = first + 4;
    for (; j + 2 <= n; j += 2) {
      // Row j's product runs from column j, row j + 1's from j + 1: the shared part is j + 1 on.
      dotFourByTwo(a, n, first, a, j * n, (j + 1) * n, j + 1, n, sums);
      for (let r = 0; r < 4; r++) {
        a[j * n + first + r] = sums[r]! + a[(first + r) * n + j]! * a[j * n + j]!;
        a[(j + 1) * n + first + r] = sums[4 + r]!;
      }
    }
    for (; j < n; j++) for (let r = 0; r < 4; r++) storeProduct(a, n, first + r, j, diagonal);
  }
  for (; first < n; first++) for (let j = first; j < n; j++) storeProduct(a, n, first, j, diagonal);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = diagonal[i]!;
    for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j]!;
  }
}

/** Entry (i, j), i ≤ j, of U·Uᵀ, into the lower triangle or the side diagonal. */
function storeProduct(a: Float64Array, n: number, i: number, j: number, diagonal: Float64Array): void {
  const value = dot(a, i * n + j, a, j * n + j, n - j);
  if (i === j) diagonal[i] = value;
  else a[j * n + i] = value;
}

/**
 * Over from ≤ t < to, with rows R_r = a[(firstRow + r)·n + t] for r < 4 and rows S, T of
 * `shared` starting at `sharedA`, `sharedB`: sums[r] = Σ R_r·S and sums[4 + r] = Σ R_r·T. Six
 * loads feed eight multiply-adds.
 */
function dotFourByTwo(
  a: Float64Array,
  n: number,
  firstRow: number,
  shared: Float64Array,
  sharedA: number,
  sharedB: number,
  from: number,
  to: number,
  sums: Float64Array,
): void {
  const row0 = firstRow * n;
  const row1 = row0 + n;
  const row2 = row1 + n;
  const row3 = row2 + n;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  for (let t = from; t < to; t++) {
    const x0 = a[row0 + t]!;
    const x1 = a[row1 + t]!;
    const x2 = a[row2 + t]!;
    const x3 = a[row3 + t]!;
    const s = shared[sharedA + t]!;
    const u = shared[sharedB + t]!;
    s0 += x0 * s;
    s1 += x1 * s;
    s2 += x2 * s;
    s3 += x3 * s;
    t0 += x0 * u;
    t1 += x1 * u;
    t2 += x2 * u;
    t3 += x3 * u;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
  sums[4] = t0;
  sums[5] = t1;
  sums[6] = t2;
  sums[7] = t3;
}
