/** How the curation rules changed a feed: where each item went, what they added and what they removed. */

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
