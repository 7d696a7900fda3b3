/** How the curation rules changed a feed: where each item went, what they added and what they removed, and which rule did it. */

import { directivesActingOn } from '@/lib/recommend/postprocess/curation';
import type { CurationDirective, ItemFacts } from '@/lib/recommend/postprocess/types';

export type FeedChange = 'added' | 'up' | 'down' | 'same';

export interface ComparedEntry {
  id: string;
  /** 1-based position in this list. */
  position: number;
  /** 1-based position in the other list; null when the other list does not have it. */
  otherPosition: number | null;
  change: FeedChange;
}

export interface FeedComparison {
  /** The curated feed, each entry marked against the uncurated one. */
  curated: ComparedEntry[];
  /** The uncurated feed; `added` here means the rules removed it (it is missing with rules). */
  uncurated: ComparedEntry[];
  changed: number;
}

export function compareFeeds(curated: readonly { id: string }[], uncurated: readonly { id: string }[]): FeedComparison {
  const curatedSide = compareTo(curated, uncurated);
  const uncuratedSide = compareTo(uncurated, curated);
  return { curated: curatedSide, uncurated: uncuratedSide, changed: curatedSide.filter((entry) => entry.change !== 'same').length + uncuratedSide.filter((entry) => entry.change === 'added').length };
}

function compareTo(list: readonly { id: string }[], other: readonly { id: string }[]): ComparedEntry[] {
  const otherPositions = new Map(other.map((entry, index) => [entry.id, index + 1]));
  return list.map((entry, index) => {
    const position = index + 1;
    const otherPosition = otherPositions.get(entry.id) ?? null;
    const change: FeedChange = otherPosition === null ? 'added' : otherPosition > position ? 'up' : otherPosition < position ? 'down' : 'same';
    return { id: entry.id, position, otherPosition, change };
  });
}

/** What one rule did to one item, in the words the preview shows. */
export interface RuleEffect {
  rule: number;
  action: 'pinned' | 'boosted' | 'lowered' | 'picked' | 'blocked';
  text: string;
}

export interface AttributedEntry {
  id: string;
  /** Empty when no rule names the item: it only moved because the rules placed others above it. */
  rules: RuleEffect[];
}

export interface RemovedEntry extends AttributedEntry {
  /** 1-based position in the feed without rules. */
  position: number;
}

export interface CurationAttribution {
  /** Each item of the curated feed, in order, with the rules that acted on it. */
  curated: AttributedEntry[];
  /** Items of the uncurated feed missing from the curated one, with the rules that removed or lowered them. */
  removed: RemovedEntry[];
}

/** A rule as attribution needs it: what serving matches on, plus who it is. */
export interface AttributableRule extends CurationDirective {
  id: number;
  collection: string | null;
}

/** What the rules may match on besides the id; undefined for an item the catalog does not have. */
export type DescribeItem = (id: string) => { category: string | null; tags: readonly string[] } | undefined;

/**
 * Which rule put each item where it is, and which took each missing one away. The matching is
 * serving's own (`directivesActingOn`), applied to the rules serving used for this user; the feeds
 * are the ones serving ranked, so a rule is only named for what it visibly did: pins, picks and
 * boosts for shown items, blocks and lowering boosts for removed ones.
 */
export function attributeCuration(rules: readonly AttributableRule[], curated: readonly { id: string }[], uncurated: readonly { id: string }[], describe: DescribeItem): CurationAttribution {
  const acting = (id: string) => directivesActingOn(rules, 0, singleItemFacts(id, describe(id)));
  const shown = new Set(curated.map((entry) => entry.id));
  return {
    curated: curated.map(({ id }) => ({ id, rules: acting(id).flatMap((rule) => (rule.kind === 'block' ? [] : [effectOf(rule)])) })),
    removed: uncurated.flatMap(({ id }, index) =>
      shown.has(id) ? [] : [{ id, position: index + 1, rules: acting(id).flatMap((rule) => (rule.kind === 'block' || (rule.kind === 'boost' && rule.boost! < 1) ? [effectOf(rule)] : [])) }],
    ),
  };
}

function singleItemFacts(id: string, described: ReturnType<DescribeItem>): ItemFacts {
  return { id: () => id, category: () => described?.category ?? null, tags: () => described?.tags ?? [] };
}

function effectOf(rule: AttributableRule): RuleEffect {
  const by = `by rule #${rule.id}`;
  switch (rule.kind) {
    case 'pin':
      return { rule: rule.id, action: 'pinned', text: `pinned at position ${rule.position} ${by}` };
    case 'boost':
      return rule.boost! < 1 ? { rule: rule.id, action: 'lowered', text: `lowered ×${rule.boost} ${by}` } : { rule: rule.id, action: 'boosted', text: `boosted ×${rule.boost} ${by}` };
    case 'pick':
      return { rule: rule.id, action: 'picked', text: rule.collection ? `inserted from collection “${rule.collection}” ${by}` : `added as an editor's pick ${by}` };
    case 'block':
      return { rule: rule.id, action: 'blocked', text: `removed by block rule #${rule.id} on ${rule.targetType} ${rule.target}` };
  }
}
