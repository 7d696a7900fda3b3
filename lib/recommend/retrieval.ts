import { topK } from '@/lib/math/top-k';
import type { AnnIndex } from '@/lib/models/ann';

/** Nearest vectors by inner product: exact here; serving swaps in an ANN index behind the same shape. */
export interface VectorRetriever {
  search(query: Float32Array, n: number, skip: Uint8Array): Uint32Array;
}

export function exactRetriever(vectors: Float32Array, dims: number): VectorRetriever {
  const count = vectors.length / dims;
  const scores = new Float32Array(count);
  return {
    search(query, n, skip) {
      for (let item = 0; item < count; item++) {
        let sum = 0;
        const offset = item * dims;
        for (let d = 0; d < dims; d++) sum += query[d]! * vectors[offset + d]!;
        scores[item] = sum;
      }
      return topK(scores, n, skip);
    },
  };
}

/** Approximate retrieval through an HNSW index; over-fetches by the skip count so skipped items do not leave it short. */
export function annRetriever(index: AnnIndex, skipCount: (skip: Uint8Array) => number): VectorRetriever {
  return {
    search(query, n, skip) {
      return firstUnskipped(index.search(query, n + skipCount(skip)).items, skip, n);
    },
  };
}

/** The first `n` items of a ranked list that the mask does not skip, in order. */
export function firstUnskipped(items: ArrayLike<number>, skip: Uint8Array, n: number): Uint32Array {
  const kept: number[] = [];
  for (let i = 0; i < items.length && kept.length < n; i++) if (!skip[items[i]!]) kept.push(items[i]!);
  return Uint32Array.from(kept);
}

/** How many items a skip mask excludes: seen items are few, so counting them is cheap next to a search. */
export function countSet(mask: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  return count;
}
