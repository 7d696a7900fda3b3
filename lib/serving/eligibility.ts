import type { CatalogEntry } from './catalog';
import type { ItemSpace } from './context';

/**
 * The one answer to "may this item be shown to this user now?", for every list serving makes
 * (feed, sessions, similar items, trending, fallbacks) and for explain and why-not, which report
 * the reasons. One rule set in one order: the catalogue, curation, the request, the user.
 */

export type IneligibleKind = 'hidden' | 'unpublished' | 'expired' | 'placeholder' | 'blocked' | 'excluded' | 'filtered' | 'disliked' | 'seen';

export interface Ineligibility {
  kind: IneligibleKind;
  text: string;
}

/** Curation blocks in force for the user, gathered into sets (see curation.ts). */
export interface Blocks {
  ids: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  tags: ReadonlySet<string>;
}

const NO_IDS: ReadonlySet<string> = new Set();
const NO_BLOCKS: Blocks = { ids: NO_IDS, categories: NO_IDS, tags: NO_IDS };

export interface EligibilityRules {
  now: number;
  blocks: Blocks;
  /** Ids the request leaves out: its `exclude` list and the item a list is anchored on. */
  excluded: ReadonlySet<string>;
  /** The only categories the request accepts; null accepts any. */
  categories: ReadonlySet<string> | null;
  /** Null for lists that are not personal: nobody's history hides anything. */
  user: { seen: ReadonlySet<string>; negatives: ReadonlySet<string> } | null;
}

export function eligibilityRules(parts: Partial<Omit<EligibilityRules, 'now'>> & { now: number }): EligibilityRules {
  return { blocks: NO_BLOCKS, excluded: NO_IDS, categories: null, user: null, ...parts };
}

/**
 * An item created on the fly by an event (the catalogue has not described it yet) has no title.
 * It is never served: a card without a title is no recommendation, and it would pass for new.
 */
function isPlaceholder(entry: CatalogEntry): boolean {
  return entry.title.trim().length === 0;
}

/** The catalogue's part alone (hidden, unpublished, expired, placeholder): whether anyone may be shown the item. */
export function isServable(entry: CatalogEntry | undefined, now: number): entry is CatalogEntry {
  return entry !== undefined && assess(entry, eligibilityRules({ now }), NONE, false, null);
}

/** Every reason the item may not be shown, in the order above; empty when it may. */
export function ineligibility(entry: CatalogEntry, rules: EligibilityRules): Ineligibility[] {
  const reasons: Ineligibility[] = [];
  assess(entry, rules, userMarkById(entry.id, rules), false, reasons);
  return reasons;
}

/** The same rules as a predicate, by id: for lists built without a model's item space. */
export function isEligible(entry: CatalogEntry | undefined, rules: EligibilityRules): entry is CatalogEntry {
  return entry !== undefined && assess(entry, rules, userMarkById(entry.id, rules), false, null);
}

export interface SpaceEligibility {
  /** Ranked candidates: every rule. */
  allowed(item: number): boolean;
  /** Editorial placements (pins): every rule but "seen", since editors place an item whoever saw it. */
  placeable(item: number): boolean;
}

/**
 * The hot path: asked for every candidate of every request, so it is index arithmetic and set
 * lookups with no allocation per call. The user's seen and turned-down items are resolved to item
 * indices once per request (a few hundred at most, whatever the catalogue's size).
 */
export function spaceEligibility(space: ItemSpace, rules: EligibilityRules): SpaceEligibility {
  const seen = indicesOf(space, rules.user?.seen);
  const negatives = indicesOf(space, rules.user?.negatives);
  const markOf = (item: number): UserMark => (negatives.has(item) ? NEGATIVE : seen.has(item) ? SEEN : NONE);
  return {
    allowed: (item) => {
      const entry = space.entryOf(item);
      return entry !== undefined && assess(entry, rules, markOf(item), false, null);
    },
    placeable: (item) => {
      const entry = space.entryOf(item);
      return entry !== undefined && assess(entry, rules, markOf(item), true, null);
    },
  };
}

function indicesOf(space: ItemSpace, ids: ReadonlySet<string> | undefined): Set<number> {
  const items = new Set<number>();
  for (const id of ids ?? []) {
    const item = space.indexOf(id);
    if (item !== undefined) items.add(item);
  }
  return items;
}

const blockedCache = new WeakMap<ItemSpace, { key: string; items: number[] }>();

/**
 * The model's items a category or tag block removes, so candidate sources skip them and fetch
 * others in their place rather than leaving the list short. Kept per item space and block set.
 */
export function blockedModelItems(space: ItemSpace, blocks: Blocks): readonly number[] {
  if (blocks.categories.size === 0 && blocks.tags.size === 0) return [];
  const key = `${[...blocks.categories].sort().join('\u0000')}\u0001${[...blocks.tags].sort().join('\u0000')}`;
  const cached = blockedCache.get(space);
  if (cached?.key === key) return cached.items;
  const items: number[] = [];
  for (let item = 0; item < space.modelItems; item++) {
    const entry = space.entryOf(item);
    if (entry && blockedByCategoryOrTag(entry, blocks)) items.push(item);
  }
  blockedCache.set(space, { key, items });
  return items;
}

const NONE = 0;
const SEEN = 1;
const NEGATIVE = 2;
type UserMark = typeof NONE | typeof SEEN | typeof NEGATIVE;

function userMarkById(id: string, rules: EligibilityRules): UserMark {
  if (!rules.user) return NONE;
  if (rules.user.negatives.has(id)) return NEGATIVE;
  return rules.user.seen.has(id) ? SEEN : NONE;
}

function blockedByCategoryOrTag(entry: CatalogEntry, { categories, tags }: Blocks): boolean {
  if (entry.category !== null && categories.has(entry.category)) return true;
  if (tags.size > 0) for (const tag of entry.tags) if (tags.has(tag)) return true;
  return false;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/**
 * The rule set. Without `out` it answers at the first failing rule (the predicate); with `out` it
 * describes every failing rule there (the reasons). Both modes walk the same checks.
 */
function assess(entry: CatalogEntry, rules: EligibilityRules, userMark: UserMark, seenAllowed: boolean, out: Ineligibility[] | null): boolean {
  const { now, blocks } = rules;
  const start = out?.length ?? 0;
  if (entry.hidden) {
    if (!out) return false;
    out.push({ kind: 'hidden', text: 'the item is hidden in the catalogue' });
  }
  if (entry.publishedAt !== null && entry.publishedAt > now) {
    if (!out) return false;
    out.push({ kind: 'unpublished', text: `the item is not published until ${iso(entry.publishedAt)}` });
  }
  if (entry.expiresAt !== null && entry.expiresAt <= now) {
    if (!out) return false;
    out.push({ kind: 'expired', text: `the item expired at ${iso(entry.expiresAt)}` });
  }
  if (isPlaceholder(entry)) {
    if (!out) return false;
    out.push({ kind: 'placeholder', text: 'the catalogue has not described the item yet (it has no title)' });
  }
  if (blocks.ids.size > 0 && blocks.ids.has(entry.id)) {
    if (!out) return false;
    out.push({ kind: 'blocked', text: `blocked by a curation rule on item '${entry.id}'` });
  }
  if (entry.category !== null && blocks.categories.has(entry.category)) {
    if (!out) return false;
    out.push({ kind: 'blocked', text: `blocked by a curation rule on category '${entry.category}'` });
  }
  if (blocks.tags.size > 0) {
    for (const tag of entry.tags) {
      if (!blocks.tags.has(tag)) continue;
      if (!out) return false;
      out.push({ kind: 'blocked', text: `blocked by a curation rule on tag '${tag}'` });
    }
  }
  if (rules.excluded.size > 0 && rules.excluded.has(entry.id)) {
    if (!out) return false;
    out.push({ kind: 'excluded', text: 'the request excludes it' });
  }
  if (rules.categories !== null && (entry.category === null || !rules.categories.has(entry.category))) {
    if (!out) return false;
    out.push({ kind: 'filtered', text: 'it is outside the requested categories' });
  }
  if (userMark === NEGATIVE) {
    if (!out) return false;
    out.push({ kind: 'disliked', text: 'the user disliked or skipped it, so it is never shown to them again' });
  } else if (userMark === SEEN && !seenAllowed) {
    if (!out) return false;
    out.push({ kind: 'seen', text: 'the user has already seen it; seen items are not recommended again' });
  }
  return out === null || out.length === start;
}
