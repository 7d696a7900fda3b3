import type { Reason, ReasonKind } from '@/lib/recommend/explain';

/** Reasons shown as a small badge on the poster besides the caption. */
const BADGES: Partial<Record<ReasonKind, string>> = { editors_pick: "Editor's pick", new_arrival: 'New', trending: 'Trending' };

export interface CardCaption {
  caption: string | null;
  badge: string | null;
}

/**
 * The caption is the item's first reason: reasons come strongest first (see `reasonsFor`), so the
 * card names the signal that actually put the item there. Another reason may add a badge.
 */
export function cardCaption(reasons: readonly Reason[]): CardCaption {
  const chosen = reasons[0] ?? null;
  const badgeReason = reasons.find((reason) => reason !== chosen && BADGES[reason.kind] !== undefined);
  return { caption: chosen?.text ?? null, badge: badgeReason ? BADGES[badgeReason.kind]! : null };
}

/** What a card calls an item: its title, or its id when the title is blank, so a card is never nameless. */
export function displayTitle(item: { id: string; title: string }): string {
  return item.title.trim() || item.id;
}
