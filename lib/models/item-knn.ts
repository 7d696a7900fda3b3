/**
 * Item-to-item neighbours: shrunk cosine similarity between items' user vectors,
 *
 *   sim(i, j) = co(i, j) / (‖i‖·‖j‖ + shrinkage),
 *
 * co(i, j) = Σ_u w_ui·w_uj. With binary weights ‖i‖ = √n_i, and the shrinkage pulls pairs seen
 * together only a few times towards zero, where plain cosine would call two items both seen by
 * one user identical. Each item keeps its top K neighbours; a user's score for item j sums
 * weight(h)·sim(h, j) over their history items h, and the largest term is what "Because you
 * watched h" shows.
 */
import { z } from 'zod';
import { topK } from '@/lib/math/top-k';
import { SparseMatrix } from './sparse';
import type { ItemScorer, UserHistory } from './types';

export const itemKnnParamsSchema = z
  .object({
    /** Neighbours kept per item. */
    neighbors: z.number().int().min(1).max(65_535).default(100),
    /** Added to the cosine's denominator, in co-occurrence units. */
    shrinkage: z.number().min(0).default(10),
    /** `binary` counts every interaction as 1; `strength` uses summed strengths as weights. */
    weighting: z.enum(['binary', 'strength']).default('binary'),
    /**
     * A user contributes pairs among their strongest this-many items only (ties to the lower
     * index): co-occurrence costs Σ (items per user)², and one user with thousands of items would
     * cost more than everyone else. Their pairs are also the weakest evidence: on
     * ml-latest-small a cap of 200 scored better than 500.
     */
    maxItemsPerUser: z.number().int().min(2).default(200),
  })
  .strict();

export type ItemKnnParams = z.infer<typeof itemKnnParamsSchema>;
export type ItemKnnParamsInput = z.input<typeof itemKnnParamsSchema>;

export interface ItemKnnModel {
  /** Slots per item: item i's neighbours are slots i·k .. i·k + counts[i], best first. */
  k: number;
  neighbors: Uint32Array;
  scores: Float32Array;
  counts: Uint16Array;
}

/** `matrix` is users × items with positive strengths, as in `TrainingData.positives`. */
export function trainItemKnn(matrix: SparseMatrix, paramsInput: ItemKnnParamsInput): ItemKnnModel {
  const params = itemKnnParamsSchema.parse(paramsInput);
  const byUser = cappedRows(matrix, params);
  const byItem = byUser.transpose();
  const norms = rowNorms(byItem);
  const k = params.neighbors;
  const model: ItemKnnModel = {
    k,
    neighbors: new Uint32Array(matrix.cols * k),
    scores: new Float32Array(matrix.cols * k),
    counts: new Uint16Array(matrix.cols),
  };
  const coOccurrence = new Float64Array(matrix.cols);
  const touched = new Uint32Array(matrix.cols);
  const best = new BestNeighbors(k);
  for (let item = 0; item < matrix.cols; item++) {
    const touchedCount = accumulateCoOccurrence(byUser, byItem, item, coOccurrence, touched);
    best.clear();
    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t]!;
      if (other !== item) best.offer(other, coOccurrence[other]! / (norms[item]! * norms[other]! + params.shrinkage));
      coOccurrence[other] = 0;
    }
    model.counts[item] = best.drainInto(model.neighbors, model.scores, item * k);
  }
  return model;
}

/**
 * co(item, j) into `coOccurrence` for every j sharing a user with `item` (itself included), over
 * those users; the j touched are listed in `touched`, and their count returned. Every
 * co-occurrence is positive, so an untouched j is exactly one still at zero.
 */
function accumulateCoOccurrence(byUser: SparseMatrix, byItem: SparseMatrix, item: number, coOccurrence: Float64Array, touched: Uint32Array): number {
  let touchedCount = 0;
  for (let n = byItem.indptr[item]!; n < byItem.indptr[item + 1]!; n++) {
    const user = byItem.indices[n]!;
    const weight = byItem.values[n]!;
    for (let m = byUser.indptr[user]!; m < byUser.indptr[user + 1]!; m++) {
      const other = byUser.indices[m]!;
      if (coOccurrence[other] === 0) touched[touchedCount++] = other;
      coOccurrence[other]! += weight * byUser.values[m]!;
    }
  }
  return touchedCount;
}

/**
 * The k best (item, score) pairs offered since `clear`, in a min-heap whose root is the weakest
 * kept: most candidates lose to it at once. Allocated once for all items.
 */
class BestNeighbors {
  private readonly items: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.items = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  offer(item: number, score: number): void {
    if (this.size < this.capacity) {
      this.siftUp(this.size++, item, score);
    } else if (score > this.scores[0]! || (score === this.scores[0]! && item < this.items[0]!)) {
      this.siftDown(0, item, score, this.size);
    }
  }

  /** Writes the kept pairs best first from `offset` and empties the heap; returns how many. */
  drainInto(items: Uint32Array, scores: Float32Array, offset: number): number {
    const count = this.size;
    // Popping the weakest repeatedly fills the output from its far end.
    for (let slot = count - 1; slot >= 0; slot--) {
      items[offset + slot] = this.items[0]!;
      scores[offset + slot] = this.scores[0]!;
      this.size--;
      if (this.size > 0) this.siftDown(0, this.items[this.size]!, this.scores[this.size]!, this.size);
    }
    return count;
  }

  /** Weaker: the lower score, or on a tie the higher item index, so ties keep the lower index. */
  private weaker(scoreA: number, itemA: number, scoreB: number, itemB: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && itemA > itemB);
  }

  private siftUp(position: number, item: number, score: number): void {
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (!this.weaker(score, item, this.scores[parent]!, this.items[parent]!)) break;
      this.items[position] = this.items[parent]!;
      this.scores[position] = this.scores[parent]!;
      position = parent;
    }
    this.items[position] = item;
    this.scores[position] = score;
  }

  private siftDown(position: number, item: number, score: number, size: number): void {
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      if (child + 1 < size && this.weaker(this.scores[child + 1]!, this.items[child + 1]!, this.scores[child]!, this.items[child]!)) child++;
      if (!this.weaker(this.scores[child]!, this.items[child]!, score, item)) break;
      this.items[position] = this.items[child]!;
      this.scores[position] = this.scores[child]!;
      position = child;
    }
    this.items[position] = item;
    this.scores[position] = score;
  }
}

/** The weight an interaction of this strength carries, in training and in scoring alike. */
function weightOf(strength: number, params: ItemKnnParams): number {
  return params.weighting === 'binary' ? 1 : strength;
}

/** Each user's strongest `maxItemsPerUser` items (ties to the lower index), weighted. */
function cappedRows(matrix: SparseMatrix, params: ItemKnnParams): SparseMatrix {
  const indptr = new Uint32Array(matrix.rows + 1);
  for (let row = 0; row < matrix.rows; row++) indptr[row + 1] = indptr[row]! + Math.min(matrix.rowLength(row), params.maxItemsPerUser);
  const indices = new Uint32Array(indptr[matrix.rows]!);
  const values = new Float32Array(indices.length);
  for (let row = 0; row < matrix.rows; row++) {
    const columns = matrix.rowIndices(row);
    const strengths = matrix.rowValues(row);
    let kept: ArrayLike<number> = columns;
    let keptStrengths: ArrayLike<number> = strengths;
    if (columns.length > params.maxItemsPerUser) {
      const positions = topK(strengths, params.maxItemsPerUser).sort();
      kept = Array.from(positions, (position) => columns[position]!);
      keptStrengths = Array.from(positions, (position) => strengths[position]!);
    }
    for (let n = 0; n < kept.length; n++) {
      indices[indptr[row]! + n] = kept[n]!;
      values[indptr[row]! + n] = weightOf(keptStrengths[n]!, params);
    }
  }
  return new SparseMatrix(matrix.rows, matrix.cols, indptr, indices, values);
}

function rowNorms(matrix: SparseMatrix): Float64Array {
  const norms = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    let sum = 0;
    for (const value of matrix.rowValues(row)) sum += value * value;
    norms[row] = Math.sqrt(sum);
  }
  return norms;
}

/** Item `item`'s n most similar items, best first. */
export function similarItems(model: ItemKnnModel, item: number, n: number): { item: number; score: number }[] {
  const count = Math.min(n, model.counts[item] ?? 0);
  return Array.from({ length: count }, (_, slot) => ({ item: model.neighbors[item * model.k + slot]!, score: model.scores[item * model.k + slot]! }));
}

/**
 * Calls `visit` once per (history item, neighbour) link with the neighbour's contribution and
 * the history item it comes from; a neighbour reached from several history items is visited once for each.
 */
export function forEachNeighborContribution(
  model: ItemKnnModel,
  history: UserHistory,
  params: ItemKnnParams,
  visit: (item: number, contribution: number, source: number) => void,
): void {
  const itemCount = model.counts.length;
  for (let n = 0; n < history.items.length; n++) {
    const source = history.items[n]!;
    const strength = history.strengths[n]!;
    if (source >= itemCount || !(strength > 0)) continue;
    const weight = weightOf(strength, params);
    const start = source * model.k;
    for (let slot = start; slot < start + model.counts[source]!; slot++) visit(model.neighbors[slot]!, weight * model.scores[slot]!, source);
  }
}

/** Items with no neighbour in common with the history score 0. */
export function createItemKnnScorer(model: ItemKnnModel, paramsInput: ItemKnnParamsInput): ItemScorer {
  const params = itemKnnParamsSchema.parse(paramsInput);
  return {
    name: 'item-knn',
    scoreItems(_user: number, history: UserHistory, out: Float32Array): void {
      out.fill(0);
      forEachNeighborContribution(model, history, params, (item, contribution) => {
        out[item]! += contribution;
      });
    },
  };
}
