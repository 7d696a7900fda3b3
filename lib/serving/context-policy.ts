import type { CatalogEntry } from './catalog';
import type { FeedInput } from './contract';

/**
 * What the page a feed is requested for (`context`) changes:
 * - `home`: the full feed. `category` filters, and editorial pins, picks and the exploration slot apply.
 * - `item`: "more for you from here", on an item page. The `item` counts as a strong recent
 *   interaction and its category as a stated interest; it is never listed itself. No pins, picks
 *   or exploration: the list is about the item.
 * - `search`: the requested categories are what was searched for: they are favoured (a stated
 *   interest, and their items' scores lifted) rather than required. No pins, picks or exploration.
 */
export interface ContextPolicy {
  /** Items must belong to one of these categories; null accepts any. */
  filter: string[] | null;
  /** Counted as stated interests by the candidate sources. */
  interests: string[];
  /** Categories whose items' scores are lifted by `FAVOURED_BOOST`. */
  favoured: string[];
  /** The item the list is anchored on, counted as a strong recent interaction. */
  anchor: string | null;
  /** Editorial picks and pins. */
  editorial: boolean;
  exploration: boolean;
  /** Never listed: the request's `exclude`, and its `item`. */
  excluded: string[];
}

/** An item on an item page weighs like a strong recent interaction. */
export const ANCHOR_STRENGTH = 5;
/** How much a search lifts the searched categories' items: enough to lead, not enough to crowd out a strong match. */
export const FAVOURED_BOOST = 2;

export function contextPolicy(query: FeedInput['query'], entryOf: (id: string) => CatalogEntry | undefined): ContextPolicy {
  const categories = query.category && query.category.length > 0 ? query.category : null;
  const excluded = [...(query.exclude ?? []), ...(query.item ? [query.item] : [])];
  switch (query.context) {
    case 'item': {
      const anchorCategory = query.item ? entryOf(query.item)?.category : null;
      return { filter: categories, interests: [...(categories ?? []), ...(anchorCategory ? [anchorCategory] : [])], favoured: [], anchor: query.item ?? null, editorial: false, exploration: false, excluded };
    }
    case 'search':
      return { filter: null, interests: categories ?? [], favoured: categories ?? [], anchor: null, editorial: false, exploration: false, excluded };
    case 'home':
      return { filter: categories, interests: categories ?? [], favoured: [], anchor: null, editorial: true, exploration: true, excluded };
  }
}
