import { topK } from '@/lib/math/top-k';

/** The best `limit` keys of a sparse score map, skipping seen items. */
export function bestOfMap(scores: Map<number, number>, limit: number, seen: Uint8Array): Uint32Array {
  const keys = Uint32Array.from(scores.keys());
  const values = Float32Array.from(scores.values());
  const skip = Uint8Array.from(keys, (item) => seen[item]!);
  return topK(values, limit, skip).map((position) => keys[position]!);
}
