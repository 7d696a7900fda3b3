import type { Reason, ReasonKind } from '@/lib/recommend/explain';

/**
 * Which reason a card shows when an item has several: the personal ones first, since "because
 * you watched X" says more to a viewer than "trending".
 */
const CAPTION_ORDER: readonly ReasonKind[] = ['because_you_watched', 'editors_pick', 'matches_interest', 'similar_users', 'popular_in_category', 'trending', 'new_arrival'];

/** Reasons shown as a small badge on the poster besides the caption. */
const BADGES: Partial<Record<ReasonKind, string>> = { editors_pick: "Editor's pick", new_arrival: 'New', trending: 'Trending' };

export interface CardCaption {
  caption: string | null;
  badge: string | null;
}

export function cardCaption(reasons: readonly Reason[]): CardCaption {
  const rank = (reason: Reason) => {
    const index = CAPTION_ORDER.indexOf(reason.kind);
    return index < 0 ? CAPTION_ORDER.length : index;
  };
  const chosen = [...reasons].sort((a, b) => rank(a) - rank(b))[0] ?? null;
  const badgeReason = reasons.find((reason) => reason !== chosen && BADGES[reason.kind] !== undefined);
  return { caption: chosen?.text ?? null, badge: badgeReason ? BADGES[badgeReason.kind]! : null };
}

/** What a card calls an item: its title, or its id when the title is blank, so a card is never nameless. */
export function displayTitle(item: { id: string; title: string }): string {
  return item.title.trim() || item.id;
}
