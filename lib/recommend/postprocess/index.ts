import { Random } from '@/lib/math/random';
import { applyBlocks, applyBoosts, blockedBy, placePins } from './curation';
import { diversify } from './diversity';
import { insertExplorationWith } from './exploration';
import type { ItemFacts, ListEntry, PostProcessOptions } from './types';

export { applyBlocks, applyBoosts, blockedBy, directivesActingOn, isBlocked, placePins, placesAnItem } from './curation';
export { diversify } from './diversity';
export { insertExploration } from './exploration';
export type { CurationDirective, DiversityOptions, ExplorationOptions, ItemFacts, ListEntry, PinnedItem, Placement, PostProcessOptions } from './types';

/**
 * The post-processing stage: blocks → boosts → diversity → exploration → pins, returning the page
 * [offset, offset + count).
 *
 * Requests are stateless, yet pages must neither repeat nor skip items. So every request rebuilds
 * the pages before its own, page by page (pages of `diversity.pageSize`, else of `count`, from
 * the top): each page is diversified from the ranked entries not yet shown (so the category cap
 * holds on every page), gets its exploration items (its own random stream of the seed), and page
 * one gets the pins; whatever a page pushed off stays for the next. Page k comes out the same
 * whichever later page was asked for, provided the page size does not change between requests.
 * Pinned items belong to the first page only and never appear on later ones; blocked items never
 * appear, even when pinned or in the exploration pool. Exploration never takes a category past
 * the cap; a pin is placed whatever the cap says.
 */
export function postProcess(entries: readonly ListEntry[], options: PostProcessOptions, facts: ItemFacts): ListEntry[] {
  const count = Math.max(0, Math.floor(options.count));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  if (count === 0) return [];
  const pageSize = Math.max(1, Math.floor(options.diversity.pageSize ?? count));
  const blocked = blockedBy(options.directives, facts);
  const pinnedAnywhere = new Set(options.pinned.map((pin) => pin.item));
  const pins = options.pinned.filter((pin) => !blocked(pin.item));
  const candidates = applyBlocks(entries, options.directives, facts).filter((entry) => !pinnedAnywhere.has(entry.item));
  const pageCount = Math.ceil((offset + count) / pageSize);
  const exploration = options.exploration;
  const pool = exploration ? exploration.pool.filter((item) => !blocked(item) && !pinnedAnywhere.has(item)) : [];

  const shown: ListEntry[] = [];
  const shownItems = new Set<number>();
  let remaining = byScore(applyBoosts(candidates, options.directives, facts));
  for (let page = 0; page < pageCount; page++) {
    let entriesOnPage = diversify(pagePool(remaining, pageSize, options.diversity.maxPerCategory), pageSize, options.diversity, facts);
    if (exploration) {
      const unshownPool = withinCap(
        pool.filter((item) => !shownItems.has(item)),
        entriesOnPage,
        options.diversity.maxPerCategory,
        facts,
      );
      entriesOnPage = insertExplorationWith(new Random(exploration.seed, page), entriesOnPage, pageSize, { ...exploration, pool: unshownPool }, facts);
    }
    if (page === 0 && pins.length > 0) entriesOnPage = placePins(entriesOnPage, pins, pageSize);
    for (const entry of entriesOnPage) shownItems.add(entry.item);
    shown.push(...entriesOnPage);
    remaining = remaining.filter((entry) => !shownItems.has(entry.item));
  }
  return shown.slice(offset, offset + count);
}

/** Best first; equal scores keep their order. */
function byScore(entries: ListEntry[]): ListEntry[] {
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => b.entry.score - a.entry.score || a.index - b.index).map(({ entry }) => entry);
}

/**
 * Diversity trades relevance for variety among the best few entries for a page: one much further
 * down would never win, and MMR's cost grows with every entry it weighs. Editorial entries stay
 * in reach. Under a category cap the page may have to reach deeper, so it weighs everything left.
 */
const POOL_PER_SLOT = 2;

function pagePool(remaining: ListEntry[], pageSize: number, maxPerCategory: number | null): ListEntry[] {
  const size = pageSize * POOL_PER_SLOT;
  if (maxPerCategory !== null || remaining.length <= size) return remaining;
  return [...remaining.slice(0, size), ...remaining.slice(size).filter((entry) => entry.placement === 'editorial')];
}

/** The pool, in order, less what would take a category past the cap: each category keeps the room the page leaves it. */
function withinCap(pool: number[], page: readonly ListEntry[], maxPerCategory: number | null, facts: ItemFacts): number[] {
  if (maxPerCategory === null) return pool;
  const taken = new Map<string, number>();
  for (const entry of page) {
    const category = facts.category(entry.item);
    if (category !== null) taken.set(category, (taken.get(category) ?? 0) + 1);
  }
  return pool.filter((item) => {
    const category = facts.category(item);
    if (category === null) return true;
    const count = taken.get(category) ?? 0;
    if (count >= maxPerCategory) return false;
    taken.set(category, count + 1);
    return true;
  });
}
