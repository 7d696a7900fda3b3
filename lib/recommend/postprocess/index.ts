import { Random } from '@/lib/math/random';
import { applyBlocks, applyBoosts, blockedBy, placePins } from './curation';
import { diversify } from './diversity';
import { insertExplorationWith } from './exploration';
import type { ItemFacts, ListEntry, PostProcessOptions } from './types';

export { applyBlocks, applyBoosts, blockedBy, isBlocked, placePins } from './curation';
export { diversify } from './diversity';
export { insertExploration } from './exploration';
export type { CurationDirective, DiversityOptions, ExplorationOptions, ItemFacts, ListEntry, PinnedItem, Placement, PostProcessOptions } from './types';

/**
 * The post-processing stage: blocks → boosts → diversity → exploration → pins, returning the page
 * [offset, offset + count).
 *
 * Requests are stateless, yet pages must neither repeat nor skip items. So every request rebuilds
 * the pages before its own, page by page (pages of `count` from the top): each page takes the
 * next ranked entries not yet shown, gets its exploration items (its own random stream of the
 * seed), and page one gets the pins; whatever a page pushed off stays for the next. Page k comes
 * out the same whichever later page was asked for, provided `count` does not change between
 * requests. Pinned items belong to the first page only and never appear on later ones; blocked
 * items never appear, even when pinned or in the exploration pool.
 */
export function postProcess(entries: readonly ListEntry[], options: PostProcessOptions, facts: ItemFacts): ListEntry[] {
  const count = Math.max(0, Math.floor(options.count));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  if (count === 0) return [];
  const blocked = blockedBy(options.directives, facts);
  const pinnedAnywhere = new Set(options.pinned.map((pin) => pin.item));
  const pins = options.pinned.filter((pin) => !blocked(pin.item));
  const candidates = applyBlocks(entries, options.directives, facts).filter((entry) => !pinnedAnywhere.has(entry.item));
  const pageCount = Math.ceil((offset + count) / count);
  // Diversity is prefix-stable, so selecting every page up to this one keeps earlier pages as they were.
  const ranked = diversify(applyBoosts(candidates, options.directives, facts), pageCount * count, options.diversity, facts);
  const exploration = options.exploration;
  const pool = exploration ? exploration.pool.filter((item) => !blocked(item) && !pinnedAnywhere.has(item)) : [];

  const shown: ListEntry[] = [];
  const shownItems = new Set<number>();
  let remaining = ranked;
  for (let page = 0; page < pageCount; page++) {
    let entriesOnPage = remaining.slice(0, count);
    if (exploration) {
      const unshownPool = pool.filter((item) => !shownItems.has(item));
      entriesOnPage = insertExplorationWith(new Random(exploration.seed, page), entriesOnPage, count, { ...exploration, pool: unshownPool }, facts);
    }
    if (page === 0 && pins.length > 0) entriesOnPage = placePins(entriesOnPage, pins, count);
    for (const entry of entriesOnPage) shownItems.add(entry.item);
    shown.push(...entriesOnPage);
    remaining = remaining.filter((entry) => !shownItems.has(entry.item));
  }
  return shown.slice(offset, offset + count);
}
