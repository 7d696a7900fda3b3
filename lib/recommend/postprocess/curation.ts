import type { CurationDirective, ItemFacts, ListEntry, PinnedItem } from './types';

/** Whether a directive's target names this item (by external id, tag or category). */
export function directiveMatches(directive: CurationDirective, item: number, facts: ItemFacts): boolean {
  switch (directive.targetType) {
    case 'item':
      return facts.id(item) === directive.target;
    case 'tag':
      return facts.tags(item).includes(directive.target);
    case 'category':
      return facts.category(item) === directive.target;
  }
}

/** Blocks gathered into sets once, so filtering a long list asks each item's facts once, not once per rule. */
function blockTest(directives: readonly CurationDirective[], facts: ItemFacts): (item: number) => boolean {
  const ids = new Set<string>();
  const tags = new Set<string>();
  const categories = new Set<string>();
  for (const directive of directives) {
    if (directive.kind !== 'block') continue;
    const targets = directive.targetType === 'item' ? ids : directive.targetType === 'tag' ? tags : categories;
    targets.add(directive.target);
  }
  if (ids.size + tags.size + categories.size === 0) return () => false;
  return (item) => {
    if (ids.size > 0 && ids.has(facts.id(item))) return true;
    const category = categories.size > 0 ? facts.category(item) : null;
    if (category !== null && categories.has(category)) return true;
    return tags.size > 0 && facts.tags(item).some((tag) => tags.has(tag));
  };
}

/** For callers filtering lists other than the ranked one (pins, the exploration pool). */
export function isBlocked(item: number, directives: readonly CurationDirective[], facts: ItemFacts): boolean {
  return blockTest(directives, facts)(item);
}

/** Curried form of `isBlocked` for filtering many items against the same rules. */
export function blockedBy(directives: readonly CurationDirective[], facts: ItemFacts): (item: number) => boolean {
  return blockTest(directives, facts);
}

export function applyBlocks(entries: readonly ListEntry[], directives: readonly CurationDirective[], facts: ItemFacts): ListEntry[] {
  const blocked = blockTest(directives, facts);
  return entries.filter((entry) => !blocked(entry.item));
}

/** A multiplier must be finite and positive to mean anything; anything else is ignored rather than trusted. */
function isValidBoost<D extends CurationDirective>(directive: D): directive is D & { boost: number } {
  return directive.kind === 'boost' && directive.boost !== null && Number.isFinite(directive.boost) && directive.boost > 0;
}

function validBoosts(directives: readonly CurationDirective[]): (CurationDirective & { boost: number })[] {
  return directives.filter(isValidBoost);
}

/**
 * The directives serving lets act on an item: blocks and usable boosts whose target matches it,
 * and the pins and picks that name it (serving places only those, see editorialPlacements in
 * lib/serving/curation.ts). Generic, so a caller holding whole rules gets its rules back.
 */
export function directivesActingOn<D extends CurationDirective>(directives: readonly D[], item: number, facts: ItemFacts): D[] {
  return directives.filter((directive) => {
    if (directive.kind === 'boost' && !isValidBoost(directive)) return false;
    if ((directive.kind === 'pin' || directive.kind === 'pick') && !placesAnItem(directive)) return false;
    return directiveMatches(directive, item, facts);
  });
}

/** Pins and picks place one named item; one aimed at a tag or category places nothing. */
export function placesAnItem(directive: CurationDirective): boolean {
  return (directive.kind === 'pin' || directive.kind === 'pick') && directive.targetType === 'item';
}

/**
 * Fraction of the score range kept below the lowest score: the lowest entry must sit a positive
 * distance above the floor, or multiplying that distance could never lift it.
 */
const BOOST_FLOOR_MARGIN = 0.1;

/**
 * Multiplies each matching entry's score by its boosts, then re-sorts (stably) best first.
 *
 * Scores may be negative, and multiplying a negative score by 2 would sink it. So the multiplier
 * applies to the distance above a floor just under the list's minimum,
 * s' = floor + (s − floor)·m, which is positive for every entry: m > 1 always lifts, m < 1 always
 * lowers, and unboosted entries keep their exact score.
 */
export function applyBoosts(entries: readonly ListEntry[], directives: readonly CurationDirective[], facts: ItemFacts): ListEntry[] {
  const boostOf = boostsMatching(directives, facts);
  if (!boostOf || entries.length === 0) return [...entries];
  const floor = boostFloor(entries);
  const boosted = entries.map((entry) => {
    const { multiplier, lifted } = boostOf(entry.item);
    if (multiplier === 1 && !lifted) return entry;
    const placement = lifted && entry.placement === 'ranked' ? 'boosted' : entry.placement;
    return { item: entry.item, score: floor + (entry.score - floor) * multiplier, placement };
  });
  return boosted.sort((a, b) => b.score - a.score);
}

export interface MatchedBoost {
  /** The product of every matching boost. */
  multiplier: number;
  /** Some matching boost is above 1. */
  lifted: boolean;
  /** The matching rules' names, for explanations. */
  rules: string[];
}

const NO_BOOST: MatchedBoost = { multiplier: 1, lifted: false, rules: [] };

/** Per item, the usable boost rules that match it and their combined multiplier; null when no rule is a usable boost. */
export function boostsMatching(directives: readonly CurationDirective[], facts: ItemFacts): ((item: number) => MatchedBoost) | null {
  const boosts = validBoosts(directives);
  if (boosts.length === 0) return null;
  return (item) => {
    const matched = boosts.filter((directive) => directiveMatches(directive, item, facts));
    if (matched.length === 0) return NO_BOOST;
    return {
      multiplier: matched.reduce((product, directive) => product * directive.boost, 1),
      lifted: matched.some((directive) => directive.boost > 1),
      rules: matched.map((directive) => directive.rule ?? `${directive.targetType} ${directive.target}`),
    };
  };
}

function boostFloor(entries: readonly ListEntry[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const { score } of entries) {
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  // With every score equal there is no range to take a margin of; the score's own scale stands in.
  const scale = max > min ? max - min : Math.max(Math.abs(min), 1);
  return min - BOOST_FLOOR_MARGIN * scale;
}

/**
 * Puts pinned items at exactly their 1-based positions and returns the first `count` entries,
 * each pinned item removed from wherever else it was. Two pins at one position: the first listed
 * wins and the other takes the next free position. A pin beyond the list's length goes at the
 * end; one that lands beyond `count` is not on this page.
 *
 * A pinned entry keeps its score when the list had it, else borrows the score of the entry above:
 * it was placed, not ranked, and the page's scores still read top-down.
 */
export function placePins(list: readonly ListEntry[], pinned: readonly PinnedItem[], count: number): ListEntry[] {
  const pins = firstPinPerItem(pinned);
  const pinnedItems = new Set(pins.map((pin) => pin.item));
  const knownScores = new Map(list.filter((entry) => pinnedItems.has(entry.item)).map((entry) => [entry.item, entry.score]));
  const rest = list.filter((entry) => !pinnedItems.has(entry.item));
  const length = rest.length + pins.length;
  const slots = new Array<ListEntry | null>(length).fill(null);
  const atEnd: ListEntry[] = [];
  const unscored = new Set<ListEntry>();
  for (const pin of pins) {
    const known = knownScores.get(pin.item);
    const entry: ListEntry = { item: pin.item, score: known ?? 0, placement: 'pinned' };
    if (known === undefined) unscored.add(entry);
    if (pin.position > length) atEnd.push(entry);
    else slots[freeSlotNear(slots, pin.position - 1)] = entry;
  }
  const fillers = rest.concat(atEnd);
  let nextFiller = 0;
  for (let slot = 0; slot < length; slot++) slots[slot] ??= fillers[nextFiller++]!;
  return withBorrowedScores(slots.slice(0, Math.max(0, count)) as ListEntry[], unscored);
}

/** Pins with a usable position, one per item (the first listed), positions floored to whole numbers. */
function firstPinPerItem(pinned: readonly PinnedItem[]): PinnedItem[] {
  const seen = new Set<number>();
  const pins: PinnedItem[] = [];
  for (const { item, position } of pinned) {
    if (seen.has(item) || !(position >= 1)) continue;
    seen.add(item);
    pins.push({ item, position: Math.floor(position) });
  }
  return pins;
}

/** The first free slot at or after `wanted`, else the nearest before it (a pin's position is taken near the end). */
function freeSlotNear(slots: readonly (ListEntry | null)[], wanted: number): number {
  for (let slot = wanted; slot < slots.length; slot++) if (slots[slot] === null) return slot;
  for (let slot = wanted - 1; slot >= 0; slot--) if (slots[slot] === null) return slot;
  throw new RangeError('no free slot for a pin: the slots must outnumber the pins');
}

/** Unscored entries take the score of the entry above; at the top, the first known score below (else 0). */
function withBorrowedScores(page: ListEntry[], unscored: ReadonlySet<ListEntry>): ListEntry[] {
  const firstKnown = page.find((entry) => !unscored.has(entry))?.score ?? 0;
  return page.reduce<ListEntry[]>((scored, entry, i) => {
    scored.push(unscored.has(entry) ? { ...entry, score: i === 0 ? firstKnown : scored[i - 1]!.score } : entry);
    return scored;
  }, []);
}
