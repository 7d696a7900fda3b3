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
