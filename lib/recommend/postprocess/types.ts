/**
 * The post-processing stage's vocabulary. Items are serving item indices; external ids are only
 * needed to match curation rules, and `ItemFacts` supplies them.
 */

/** Why an entry sits where it does: the explanation stage reads it. */
export type Placement = 'ranked' | 'pinned' | 'boosted' | 'explore' | 'editorial';

export interface ListEntry {
  item: number;
  score: number;
  placement: Placement;
}

/** What post-processing may ask about an item. */
export interface ItemFacts {
  id(item: number): string;
  category(item: number): string | null;
  tags(item: number): readonly string[];
}

/**
 * A curation rule as post-processing sees it (already filtered to the user's segment and schedule).
 * Post-processing acts on `block` and `boost`; `pick` and `pin` name items the caller resolves into
 * entries and `PostProcessOptions.pinned`.
 */
export interface CurationDirective {
  kind: 'pick' | 'pin' | 'boost' | 'block';
  targetType: 'item' | 'tag' | 'category';
  target: string;
  position: number | null;
  boost: number | null;
  /** How explanations name the rule, e.g. its note or id. */
  rule?: string;
}

export interface DiversityOptions {
  /** Weight of relevance against novelty in MMR: 1 = relevance only. */
  lambda: number;
  /** At most this many items per category on a page while others remain; null = no cap. */
  maxPerCategory: number | null;
  /**
   * The page a client is shown, when the list is ranked several pages deep at once: each page is
   * diversified (and capped) on its own. Defaults to the requested count.
   */
  pageSize?: number;
  /** E.g. cosine of content vectors, in [-1, 1]. Without it, only the category cap diversifies. */
  similarity?: (a: number, b: number) => number;
}

export interface ExplorationOptions {
  /** Share of the page given to exploration, 0..0.5. */
  share: number;
  /** New items eligible, best first. */
  pool: readonly number[];
  /** Deterministic per request, so a reload shows the same page. */
  seed: number;
}

export interface PinnedItem {
  item: number;
  /** 1-based. */
  position: number;
  /** How explanations name the rule that pinned it. */
  rule?: string;
}

/** One thing a post-processing step did to an entry, as explanations report it. */
export type Adjustment =
  /** Boost rules matched: the score was multiplied by `multiplier` (above 1 lifts, below 1 lowers). */
  | { kind: 'boost'; rules: string[]; multiplier: number }
  /** Diversity placed it `places` positions above (positive) or below (negative) its score order on its page. */
  | { kind: 'diversity'; places: number }
  /** Put into the page by exploration, not ranked there. */
  | { kind: 'exploration' }
  | { kind: 'pin'; rule: string | null; position: number };

export interface EntryTrace {
  /** 1-based rank of the entry's own score among the ranked candidates; null for entries placed, not ranked. */
  scoreRank: number | null;
  /** In the order the steps ran. */
  adjustments: Adjustment[];
}

export interface PostProcessed {
  entries: ListEntry[];
  /** Per item of `entries`: where its score ranked it and what moved it from there. */
  trace: Map<number, EntryTrace>;
}

export interface PostProcessOptions {
  count: number;
  offset?: number;
  diversity: DiversityOptions;
  exploration: ExplorationOptions | null;
  directives: readonly CurationDirective[];
  /** Pins resolved to items by the caller, 1-based positions. */
  pinned: readonly PinnedItem[];
}
