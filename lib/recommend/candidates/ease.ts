import { topK } from '@/lib/math/top-k';
import type { CandidateSource } from './types';

/** The linear item-item model's best items for the history, among the items it models. */
export const easeSource: CandidateSource = {
  name: 'ease',
  generate({ models, signals }, limit) {
    const { ease } = models;
    if (!ease || !signals.easeRow) return new Uint32Array(0);
    const skip = Uint8Array.from(ease.items, (item) => signals.seen[item]!);
    return topK(signals.easeRow, limit, skip).map((position) => ease.items[position]!);
  },
};
