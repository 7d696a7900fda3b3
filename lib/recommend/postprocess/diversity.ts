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
 * O(wanted × entries) similarity calls: each entry's maximum similarity to the selection is
 * updated incrementally against the one entry just taken, never recomputed against all of them.
 */
function mmrSelection(entries: readonly ListEntry[], order: Uint32Array, wanted: number, lambda: number, similarity: (a: number, b: number) => number, cap: CategoryCap): number[] {
  const n = entries.length;
  const relevance = normalisedScores(entries);
  const maxSimilarity = new Float64Array(n); // stays 0 until the first pick: no redundancy yet
  const selected = new Uint8Array(n);
  const picked: number[] = [];
  while (picked.length < wanted) {
    const best = bestMarginal(order, relevance, maxSimilarity, selected, lambda, cap);
    if (best < 0) break;
    selected[best] = 1;
    cap.take(best);
    picked.push(best);
    const bestItem = entries[best]!.item;
    for (let i = 0; i < n; i++) {
      if (selected[i] === 1) continue;
      const value = similarity(entries[i]!.item, bestItem);
      if (picked.length === 1 || value > maxSimilarity[i]!) maxSimilarity[i] = value;
    }
  }
  // Only the cap can stop the loop early: fill from what it refused, best score first.
  for (const index of order) {
    if (picked.length === wanted) break;
    if (selected[index] === 0) picked.push(index);
  }
  return picked;
}

/** The highest marginal value among entries still open, or -1. Scanning in score order makes ties go to the better score. */
function bestMarginal(order: Uint32Array, relevance: Float64Array, maxSimilarity: Float64Array, selected: Uint8Array, lambda: number, cap: CategoryCap): number {
  let best = -1;
  let bestValue = -Infinity;
  for (const index of order) {
    if (selected[index] === 1 || cap.full(index)) continue;
    const value = lambda * relevance[index]! - (1 - lambda) * maxSimilarity[index]!;
    if (value > bestValue) {
      bestValue = value;
      best = index;
    }
  }
  return best;
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
