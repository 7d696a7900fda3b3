import { Random } from '@/lib/math/random';
import type { ExplorationOptions, ItemFacts, ListEntry } from './types';

const MAX_SHARE = 0.5;

/**
 * Puts round(share·count) items from the pool (at least one when share > 0 and the pool has an
 * item not already in the list) into the page at seeded pseudo-random positions, never position 1,
 * so the top result stays the best-scored. The page is the first `count` entries of `list`; the
 * inserted items push the lowest-ranked `ranked` entries off its end, while curated entries
 * (boosted, pinned, editorial) are never displaced. Returns the page, at most `count` entries.
 *
 * With `facts`, the picks spread over categories: the few exploratory slots learn more from
 * several categories than from the pool's top few, which often share one.
 */
export function insertExploration(list: readonly ListEntry[], count: number, options: ExplorationOptions, facts?: ItemFacts): ListEntry[] {
  return insertExplorationWith(new Random(options.seed), list, count, options, facts);
}

/** The same with the generator supplied, so pagination can give each page its own stream of one seed. */
export function insertExplorationWith(random: Random, list: readonly ListEntry[], count: number, options: ExplorationOptions, facts?: ItemFacts): ListEntry[] {
  const pageSize = Math.max(0, Math.floor(count));
  const page = list.slice(0, pageSize);
  const present = new Set(list.map((entry) => entry.item));
  const slots = explorationSlots(page, pageSize, options, present);
  if (slots === 0) return page;
  const picks = pickFromPool(options.pool, present, slots, facts);
  const length = Math.min(pageSize, page.length + picks.length);
  const kept = withoutLowestRanked(page, page.length + picks.length - length);
  const positions = explorePositions(random, length, picks.length);
  return interleave(kept, picks, positions);
}

/**
 * How many exploration items the page takes: the share's worth, at least one, and no more than the
 * pool can supply, than fit below position 1, or than there are ranked entries to make room.
 */
function explorationSlots(page: readonly ListEntry[], pageSize: number, options: ExplorationOptions, present: ReadonlySet<number>): number {
  const share = Math.min(MAX_SHARE, Math.max(0, options.share));
  if (!(share > 0) || page.length === 0) return 0;
  const available = new Set(options.pool.filter((item) => !present.has(item))).size;
  // The top entry never moves, so only ranked entries below it can give way.
  const displaceable = page.slice(1).filter((entry) => entry.placement === 'ranked').length;
  const room = pageSize - page.length; // slots a short page can take without displacing anyone
  const wanted = Math.max(1, Math.round(share * pageSize));
  return Math.max(0, Math.min(wanted, available, pageSize - 1, room + displaceable));
}

/** Pool order (best first), one item per category while another category remains, then the rest. */
function pickFromPool(pool: readonly number[], present: ReadonlySet<number>, slots: number, facts: ItemFacts | undefined): number[] {
  const picks: number[] = [];
  const taken = new Set<number>(present);
  const seenCategories = new Set<string>();
  const deferred: number[] = [];
  for (const item of pool) {
    if (picks.length === slots) return picks;
    if (taken.has(item)) continue;
    taken.add(item);
    const category = facts?.category(item) ?? null;
    if (category !== null && seenCategories.has(category)) {
      deferred.push(item);
      continue;
    }
    if (category !== null) seenCategories.add(category);
    picks.push(item);
  }
  return picks.concat(deferred.slice(0, slots - picks.length));
}

/** Drops the `drop` lowest-placed ranked entries, keeping the order of the rest. */
function withoutLowestRanked(page: readonly ListEntry[], drop: number): ListEntry[] {
  const dropped = new Set<number>();
  for (let i = page.length - 1; i > 0 && dropped.size < drop; i--) {
    if (page[i]!.placement === 'ranked') dropped.add(i);
  }
  return page.filter((_, i) => !dropped.has(i));
}

/** `k` distinct 0-based slots in [1, length), ascending: a partial Fisher–Yates over the candidates. */
function explorePositions(random: Random, length: number, k: number): number[] {
  const candidates = Array.from({ length: length - 1 }, (_, i) => i + 1);
  for (let i = 0; i < k; i++) {
    const j = i + random.int(candidates.length - i);
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  return candidates.slice(0, k).sort((a, b) => a - b);
}

/**
 * Exploration items take their slots (the pool's best in the highest slot); kept entries fill the
 * rest in order. An exploration item carries the score of the entry above it: it was placed, not
 * ranked, and the page's scores still read top-down.
 */
function interleave(kept: readonly ListEntry[], picks: readonly number[], positions: readonly number[]): ListEntry[] {
  const result: ListEntry[] = [];
  let nextKept = 0;
  let nextPick = 0;
  const length = kept.length + picks.length;
  for (let slot = 0; slot < length; slot++) {
    if (positions[nextPick] === slot) {
      result.push({ item: picks[nextPick]!, score: result[slot - 1]!.score, placement: 'explore' });
      nextPick += 1;
    } else {
      result.push(kept[nextKept++]!);
    }
  }
  return result;
}
