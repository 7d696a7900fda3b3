/**
 * A sparse matrix in compressed sparse row form: row r's entries are
 * `indices[indptr[r] .. indptr[r + 1])` with `values` alongside, columns ascending.
 */
export class SparseMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly indptr: Uint32Array,
    readonly indices: Uint32Array,
    readonly values: Float32Array,
  ) {}

  get nnz(): number {
    return this.indices.length;
  }

  rowLength(row: number): number {
    return this.indptr[row + 1]! - this.indptr[row]!;
  }

  rowIndices(row: number): Uint32Array {
    return this.indices.subarray(this.indptr[row]!, this.indptr[row + 1]!);
  }

  rowValues(row: number): Float32Array {
    return this.values.subarray(this.indptr[row]!, this.indptr[row + 1]!);
  }

  /**
   * Builds from (row, col, value) triplets in any order; repeated cells are summed, and cells
   * whose sum is not positive are dropped when `keepPositiveOnly` is set.
   */
  static fromTriplets(
    rows: number,
    cols: number,
    triplets: { row: ArrayLike<number>; col: ArrayLike<number>; value: ArrayLike<number>; length: number },
    { keepPositiveOnly = false }: { keepPositiveOnly?: boolean } = {},
  ): SparseMatrix {
    const counts = new Uint32Array(rows + 1);
    for (let i = 0; i < triplets.length; i++) counts[triplets.row[i]! + 1]! += 1;
    for (let r = 0; r < rows; r++) counts[r + 1]! += counts[r]!;
    const order = new Uint32Array(triplets.length);
    const cursor = counts.slice(0, rows);
    for (let i = 0; i < triplets.length; i++) order[cursor[triplets.row[i]!]!++] = i;

    const indptr = new Uint32Array(rows + 1);
    const indices: number[] = [];
    const values: number[] = [];
    const rowCells = new Map<number, number>();
    for (let r = 0; r < rows; r++) {
      rowCells.clear();
      for (let k = counts[r]!; k < counts[r + 1]!; k++) {
        const i = order[k]!;
        const col = triplets.col[i]!;
        rowCells.set(col, (rowCells.get(col) ?? 0) + triplets.value[i]!);
      }
      const sortedCols = [...rowCells.keys()].sort((a, b) => a - b);
      for (const col of sortedCols) {
        const value = rowCells.get(col)!;
        if (keepPositiveOnly && !(value > 0)) continue;
        indices.push(col);
        values.push(value);
      }
      indptr[r + 1] = indices.length;
    }
    return new SparseMatrix(rows, cols, indptr, Uint32Array.from(indices), Float32Array.from(values));
  }

  transpose(): SparseMatrix {
    const indptr = new Uint32Array(this.cols + 1);
    for (let k = 0; k < this.nnz; k++) indptr[this.indices[k]! + 1]! += 1;
    for (let c = 0; c < this.cols; c++) indptr[c + 1]! += indptr[c]!;
    const cursor = indptr.slice(0, this.cols);
    const indices = new Uint32Array(this.nnz);
    const values = new Float32Array(this.nnz);
    // Rows are visited in order, so each transposed row comes out with ascending columns.
    for (let r = 0; r < this.rows; r++) {
      for (let k = this.indptr[r]!; k < this.indptr[r + 1]!; k++) {
        const slot = cursor[this.indices[k]!]!++;
        indices[slot] = r;
        values[slot] = this.values[k]!;
      }
    }
    return new SparseMatrix(this.cols, this.rows, indptr, indices, values);
  }

  /** Same pattern, values replaced: for binarising or rescaling without rebuilding. */
  withValues(map: (value: number) => number): SparseMatrix {
    return new SparseMatrix(this.rows, this.cols, this.indptr, this.indices, this.values.map(map));
  }
}
