import type { DiversityOptions, ItemFacts, ListEntry } from './types';

/**
 * Selects `count` entries, best first, trading relevance against redundancy by maximal marginal
 * relevance: each step takes the entry maximising λ·rel − (1−λ)·(max similarity to those already
 * taken), where rel is the score min-max normalised over all entries. Greedy selection is
 * prefix-stable (the first k of a longer selection are the selection of k), which pagination
 * relies on.
 *
 * `maxPerCategory` caps items per category (a null category is never capped). When the cap would
 * leave the list short, the capped leftovers fill it in score order: a full page of similar items
 * serves better than a short one.
 */
export function diversify(entries: readonly ListEntry[], count: number, options: DiversityOptions, facts: ItemFacts): ListEntry[] {
  const wanted = Math.max(0, Math.min(Math.floor(count), entries.length));
  if (wanted === 0) return [];
  const order = scoreOrder(entries);
  const cap = categoryCap(entries, options.maxPerCategory, facts);
  const lambda = Math.min(1, Math.max(0, options.lambda));
  const picked = lambda < 1 && options.similarity ? mmrSelection(entries, order, wanted, lambda, options.similarity, cap) : cappedScoreSelection(order, wanted, cap);
  return picked.map((index) => entries[index]!);
}

/** Entry indices by score descending; the sort is stable, so equal scores keep their input order. */
function scoreOrder(entries: readonly ListEntry[]): Uint32Array {
  return Uint32Array.from(entries.keys()).sort((a, b) => entries[b]!.score - entries[a]!.score || a - b);
}

interface CategoryCap {
  /** Whether taking this entry now would exceed its category's cap. */
  full(index: number): boolean;
  take(index: number): void;
}

function categoryCap(entries: readonly ListEntry[], maxPerCategory: number | null, facts: ItemFacts): CategoryCap {
  if (maxPerCategory === null) return { full: () => false, take: () => {} };
  const limit = Math.max(0, Math.floor(maxPerCategory));
  // Facts are asked once per entry here rather than once per entry per step.
  const categories = entries.map((entry) => facts.category(entry.item));
  const taken = new Map<string, number>();
  return {
    full: (index) => {
      const category = categories[index]!;
      return category !== null && (taken.get(category) ?? 0) >= limit;
    },
    take: (index) => {
      const category = categories[index]!;
      if (category !== null) taken.set(category, (taken.get(category) ?? 0) + 1);
    },
  };
}

/** Relevance only: walk the score order once, setting aside what the cap refuses. */
function cappedScoreSelection(order: Uint32Array, wanted: number, cap: CategoryCap): number[] {
  const picked: number[] = [];
  const leftovers: number[] = [];
  for (const index of order) {
    if (picked.length === wanted) return picked;
    if (cap.full(index)) {
      leftovers.push(index);
      continue;
    }
    cap.take(index);
    picked.push(index);
  }
  for (const index of leftovers) {
    if (picked.length === wanted) break;
    picked.push(index);
  }
  return picked;
}

/**
 * Greedy MMR, evaluated lazily. After the first pick an entry's maximum similarity to the
 * selection only grows, so its marginal value only falls: a value computed earlier is an upper
 * bound. Entries wait in a max-heap on those bounds; the top one is brought up to date against the
 * picks made since its last look, and taken if it still leads. The selection is the same as
 * re-scoring every entry at every step (ties go to the better score), at a fraction of the
 * similarity calls: most entries never lead again once they have fallen behind.
 */
function mmrSelection(entries: readonly ListEntry[], order: Uint32Array, wanted: number, lambda: number, similarity: (a: number, b: number) => number, cap: CategoryCap): number[] {
  const n = entries.length;
  const relevance = normalisedScores(entries);
  const picked: number[] = [];
  // The first pick is the best score the cap allows: before it there is no redundancy to weigh.
  const first = order.find((index) => !cap.full(index));
  if (first === undefined) return fillInScoreOrder(order, picked, new Uint8Array(n), wanted);
  const selected = new Uint8Array(n);
  const take = (index: number) => {
    selected[index] = 1;
    cap.take(index);
    picked.push(index);
  };
  take(first);
  // Similarity to the first pick may be negative, so it is assigned, not maxed with 0.
  const maxSimilarity = new Float64Array(n);
  const rankOf = new Uint32Array(n);
  order.forEach((index, rank) => (rankOf[index] = rank));
  const heap = new MarginalHeap(n, rankOf);
  const upToDate = new Uint32Array(n).fill(1);
  const marginal = (index: number) => lambda * relevance[index]! - (1 - lambda) * maxSimilarity[index]!;
  for (let i = 0; i < n; i++) {
    if (selected[i] === 1) continue;
    maxSimilarity[i] = similarity(entries[i]!.item, entries[first]!.item);
    heap.push(i, marginal(i));
  }
  while (picked.length < wanted && heap.size > 0) {
    const index = heap.pop();
    if (cap.full(index)) continue; // a full category stays full: the fill below may take it
    if (upToDate[index]! < picked.length) {
      for (let p = upToDate[index]!; p < picked.length; p++) maxSimilarity[index] = Math.max(maxSimilarity[index]!, similarity(entries[index]!.item, entries[picked[p]!]!.item));
      upToDate[index] = picked.length;
      heap.push(index, marginal(index));
      continue;
    }
    take(index);
  }
  return fillInScoreOrder(order, picked, selected, wanted);
}

/** Only the cap can stop the selection early: fill from what it refused, best score first. */
function fillInScoreOrder(order: Uint32Array, picked: number[], selected: Uint8Array, wanted: number): number[] {
  for (const index of order) {
    if (picked.length === wanted) break;
    if (selected[index] === 0) picked.push(index);
  }
  return picked;
}

/** A binary max-heap of entry indices on their marginal values; equal values put the better score first. */
class MarginalHeap {
  private readonly indices: Uint32Array;
  private readonly values: Float64Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly rankOf: Uint32Array,
  ) {
    this.indices = new Uint32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(index: number, value: number): void {
    let position = this.size++;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (!this.before(value, index, this.values[parent]!, this.indices[parent]!)) break;
      this.indices[position] = this.indices[parent]!;
      this.values[position] = this.values[parent]!;
      position = parent;
    }
    this.indices[position] = index;
    this.values[position] = value;
  }

  pop(): number {
    const top = this.indices[0]!;
    const lastIndex = this.indices[--this.size]!;
    const lastValue = this.values[this.size]!;
    let position = 0;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.before(this.values[right]!, this.indices[right]!, this.values[left]!, this.indices[left]!) ? right : left;
      if (!this.before(this.values[child]!, this.indices[child]!, lastValue, lastIndex)) break;
      this.indices[position] = this.indices[child]!;
      this.values[position] = this.values[child]!;
      position = child;
    }
    this.indices[position] = lastIndex;
    this.values[position] = lastValue;
    return top;
  }

  private before(value: number, index: number, otherValue: number, otherIndex: number): boolean {
    return value > otherValue || (value === otherValue && this.rankOf[index]! < this.rankOf[otherIndex]!);
  }
}

/** Scores min-max scaled to [0, 1] so λ weighs like against like; all equal → 1 (all fully relevant). */
function normalisedScores(entries: readonly ListEntry[]): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const { score } of entries) {
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  const range = max - min;
  return Float64Array.from(entries, ({ score }) => (range > 0 ? (score - min) / range : 1));
}
