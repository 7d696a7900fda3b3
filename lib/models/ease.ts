/**
 * EASE (Steck 2019): a linear item-to-item model with a closed form. With X the binary
 * users × items matrix and P = (XᵀX + λI)⁻¹,
 *
 *   B = I − P·diagMat(1/diag(P)),   i.e. B_ij = −P_ij / P_jj off the diagonal, B_ii = 0,
 *
 * and a user's scores are their history row times B. The inverse costs O(N³), so only the N
 * most active items are modelled; the rest get no EASE score at all.
 */
import { z } from 'zod';
import { invertSpdInPlace } from '@/lib/math/linalg';
import { topK } from '@/lib/math/top-k';
import type { SparseMatrix } from './sparse';
import type { ItemScorer, UserHistory } from './types';

export const easeParamsSchema = z
  .object({
    /**
     * L2 penalty on B, in interaction counts. Steck used 200–1000 on datasets from 40k to
     * 500k users; larger catalogues and denser data take the larger values.
     */
    lambda: z.number().positive().default(250),
    /** Items modelled, by interaction count; time grows with its cube and memory with its square. */
    maxItems: z.number().int().min(1).max(20_000).default(2000),
  })
  .strict();

export type EaseParams = z.infer<typeof easeParamsSchema>;
export type EaseParamsInput = z.input<typeof easeParamsSchema>;

export interface EaseModel {
  /** Catalogue size when trained: the length of a score vector. */
  itemCount: number;
  /** The modelled items; position p in this list is row and column p of `weights`. */
  items: Uint32Array;
  /** B, items.length × items.length, row-major: row p holds what item items[p] adds to every other. */
  weights: Float32Array;
}

/** `matrix` is users × items with positive strengths; only which cells are set counts. */
export function trainEase(matrix: SparseMatrix, paramsInput: EaseParamsInput): EaseModel {
  const params = easeParamsSchema.parse(paramsInput);
  const items = mostActiveItems(matrix, params.maxItems);
  const n = items.length;
  const gram = cooccurrenceLower(matrix, items);
  for (let p = 0; p < n; p++) gram[p * n + p]! += params.lambda;
  invertSpdInPlace(gram, n);
  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) weights[i * n + j] = -gram[i * n + j]! / gram[j * n + j]!;
  }
  return { itemCount: matrix.cols, items, weights };
}

/** Up to `limit` items with at least one interaction, most interactions first (ties to the lower index). */
function mostActiveItems(matrix: SparseMatrix, limit: number): Uint32Array {
  const counts = new Float64Array(matrix.cols).fill(Number.NEGATIVE_INFINITY);
  for (let k = 0; k < matrix.nnz; k++) {
    const item = matrix.indices[k]!;
    counts[item] = counts[item] === Number.NEGATIVE_INFINITY ? 1 : counts[item]! + 1;
  }
  return topK(counts, limit);
}

/**
 * The lower triangle of XᵀX over the listed items (binary X), as an n×n double matrix. Each user
 * adds one for every pair of their modelled items; visiting those in position order keeps the
 * writes within a row moving forward.
 */
function cooccurrenceLower(matrix: SparseMatrix, items: Uint32Array): Float64Array {
  const n = items.length;
  const positionOf = positionsIn(items, matrix.cols);
  const gram = new Float64Array(n * n);
  const positions = new Uint32Array(n);
  for (let user = 0; user < matrix.rows; user++) {
    let count = 0;
    for (const item of matrix.rowIndices(user)) if (positionOf[item]! >= 0) positions[count++] = positionOf[item]!;
    const sorted = positions.subarray(0, count).sort();
    for (let a = 0; a < count; a++) {
      const row = sorted[a]! * n;
      for (let b = 0; b <= a; b++) gram[row + sorted[b]!]! += 1;
    }
  }
  return gram;
}

/** For every catalogue item, its position in `items`, or -1. */
function positionsIn(items: Uint32Array, itemCount: number): Int32Array {
  const positions = new Int32Array(itemCount).fill(-1);
  items.forEach((item, position) => (positions[item] = position));
  return positions;
}

/**
 * Scores = history row × B over the modelled items. Items outside the model, and everything for
 * a history with no modelled item, score -Infinity: "no opinion", which top-k selection skips,
 * rather than a 0 that would rank above items B actively pushes down.
 */
export function createEaseScorer(model: EaseModel): ItemScorer {
  const n = model.items.length;
  const positionOf = positionsIn(model.items, model.itemCount);
  const row = new Float64Array(n);
  return {
    name: 'ease',
    scoreItems(_user: number, history: UserHistory, out: Float32Array): void {
      out.fill(Number.NEGATIVE_INFINITY);
      row.fill(0);
      let modelled = 0;
      for (let h = 0; h < history.items.length; h++) {
        const item = history.items[h]!;
        const position = item < model.itemCount ? positionOf[item]! : -1;
        if (position < 0 || !(history.strengths[h]! > 0)) continue;
        modelled++;
        const start = position * n;
        for (let j = 0; j < n; j++) row[j]! += model.weights[start + j]!;
      }
      if (modelled === 0) return;
      for (let j = 0; j < n; j++) out[model.items[j]!] = row[j]!;
    },
  };
}
