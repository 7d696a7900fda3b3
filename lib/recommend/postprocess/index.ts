import { Random } from '@/lib/math/random';
import { applyBlocks, applyBoosts, blockedBy, boostsMatching, placePins } from './curation';
import { diversify } from './diversity';
import { insertExplorationWith } from './exploration';
import type { Adjustment, EntryTrace, ItemFacts, ListEntry, PinnedItem, PostProcessed, PostProcessOptions } from './types';

export { applyBlocks, applyBoosts, blockedBy, directivesActingOn, isBlocked, placePins, placesAnItem } from './curation';
export { diversify } from './diversity';
export { insertExploration } from './exploration';
export type { Adjustment, CurationDirective, DiversityOptions, EntryTrace, ExplorationOptions, ItemFacts, ListEntry, PinnedItem, Placement, PostProcessed, PostProcessOptions } from './types';

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
 *
 * Each step records what it did to the entries it moved or placed (`trace`), so an explanation
 * can say why an entry sits away from where its score ranked it.
 */
export function postProcess(entries: readonly ListEntry[], options: PostProcessOptions, facts: ItemFacts): PostProcessed {
  const count = Math.max(0, Math.floor(options.count));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  if (count === 0) return { entries: [], trace: new Map() };
  const pageSize = Math.max(1, Math.floor(options.diversity.pageSize ?? count));
  const blocked = blockedBy(options.directives, facts);
  const pinnedAnywhere = new Set(options.pinned.map((pin) => pin.item));
  const pins = options.pinned.filter((pin) => !blocked(pin.item));
  const unblocked = applyBlocks(entries, options.directives, facts);
  const candidates = unblocked.filter((entry) => !pinnedAnywhere.has(entry.item));
  const adjustments = new AdjustmentLog();
  const pageCount = Math.ceil((offset + count) / pageSize);
  const exploration = options.exploration;
  const pool = exploration ? exploration.pool.filter((item) => !blocked(item) && !pinnedAnywhere.has(item)) : [];

  const shown: ListEntry[] = [];
  const shownItems = new Set<number>();
  let remaining = byScore(applyBoosts(candidates, options.directives, facts));
  for (let page = 0; page < pageCount; page++) {
    const weighed = pagePool(remaining, pageSize, options.diversity.maxPerCategory);
    const diversified = diversify(weighed, pageSize, options.diversity, facts);
    let entriesOnPage = diversified;
    if (exploration) {
      const unshownPool = withinCap(
        pool.filter((item) => !shownItems.has(item)),
        entriesOnPage,
        options.diversity.maxPerCategory,
        facts,
      );
      entriesOnPage = insertExplorationWith(new Random(exploration.seed, page), entriesOnPage, pageSize, { ...exploration, pool: unshownPool }, facts);
      for (const entry of entriesOnPage) if (entry.placement === 'explore') adjustments.add(entry.item, { kind: 'exploration' });
    }
    if (page === 0 && pins.length > 0) {
      entriesOnPage = placePins(entriesOnPage, pins, pageSize);
      adjustments.pins(entriesOnPage, pins);
    }
    adjustments.diversity(weighed, diversified, entriesOnPage);
    for (const entry of entriesOnPage) shownItems.add(entry.item);
    shown.push(...entriesOnPage);
    remaining = remaining.filter((entry) => !shownItems.has(entry.item));
  }
  const list = shown.slice(offset, offset + count);
  return { entries: list, trace: traceOf(list, unblocked, adjustments, boostsMatching(options.directives, facts)) };
}

/** What the steps did, per item, in the order they ran. */
class AdjustmentLog {
  private readonly byItem = new Map<number, Adjustment[]>();

  add(item: number, adjustment: Adjustment): void {
    const list = this.byItem.get(item);
    if (list) list.push(adjustment);
    else this.byItem.set(item, [adjustment]);
  }

  /**
   * `weighed` is in score order: an entry diversity selected elsewhere was moved there by it. Only
   * entries the finished page keeps count: one that exploration or a pin pushed off is weighed again on the next page.
   */
  diversity(weighed: readonly ListEntry[], diversified: readonly ListEntry[], page: readonly ListEntry[]): void {
    const scoreOrder = new Map(weighed.map((entry, index) => [entry.item, index]));
    const kept = new Set(page.map((entry) => entry.item));
    diversified.forEach((entry, index) => {
      const places = scoreOrder.get(entry.item)! - index;
      if (places !== 0 && kept.has(entry.item)) this.add(entry.item, { kind: 'diversity', places });
    });
  }

  pins(page: readonly ListEntry[], pins: readonly PinnedItem[]): void {
    const ruleOf = new Map(pins.map((pin) => [pin.item, pin.rule ?? null]));
    page.forEach((entry, index) => {
      if (entry.placement === 'pinned') this.add(entry.item, { kind: 'pin', rule: ruleOf.get(entry.item) ?? null, position: index + 1 });
    });
  }

  of(item: number): Adjustment[] {
    return this.byItem.get(item) ?? [];
  }
}

/** Score ranks count among the unblocked entries given, before any boost; boosts come first, as they ran first. */
function traceOf(list: readonly ListEntry[], ranked: readonly ListEntry[], adjustments: AdjustmentLog, boostOf: ReturnType<typeof boostsMatching>): Map<number, EntryTrace> {
  const scoreRank = new Map(byScore([...ranked]).map((entry, index) => [entry.item, index + 1]));
  const trace = new Map<number, EntryTrace>();
  for (const { item, placement } of list) {
    const boost = boostOf?.(item);
    const boosted: Adjustment[] = boost && boost.multiplier !== 1 && placement !== 'explore' && placement !== 'pinned' ? [{ kind: 'boost', rules: boost.rules, multiplier: boost.multiplier }] : [];
    trace.set(item, { scoreRank: placement === 'explore' ? null : (scoreRank.get(item) ?? null), adjustments: [...boosted, ...adjustments.of(item)] });
  }
  return trace;
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
