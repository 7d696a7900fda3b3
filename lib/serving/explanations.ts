import 'server-only';
import { getConfig } from '@/lib/config';
import { whyNot, type WhyNotAnswer } from '@/lib/recommend/why-not';
import { isBlocked } from '@/lib/recommend/postprocess';
import { feedRanking, UnknownItemError, type Fallback, type ServedItem } from './feed';
import { directivesFor } from './context';
import { strengthsOf } from './user-context';

/** Deep enough that every candidate of the default strategy is ranked: past it, an item was never proposed. */
const ALL_CANDIDATES_DEPTH = 1_000;

export interface ExplainedFeed {
  user: string;
  items: ServedItem[];
  fallback: Fallback | null;
  model_version: number | null;
}

/** The user's first `n` items with reasons, sources and score breakdowns; looked at, not served (no impression, no exposure). */
export async function explainFeed(userId: string, n: number): Promise<ExplainedFeed> {
  const { snapshot, rank } = await feedRanking(userId);
  const { items, fallback } = await rank({ n });
  return { user: userId, items: items.slice(0, n), fallback, model_version: snapshot.model?.versionId ?? null };
}

export interface WhyNotResult extends WhyNotAnswer {
  user: string;
  item: { id: string; title: string; category: string | null };
  cut: number;
  /** The item as ranked, when it was: its score, sources and score breakdown. */
  ranked: ServedItem | null;
  last_shown: ServedItem | null;
  model_version: number | null;
}

/** Why `itemId` is not among the first `cut` items of `userId`'s feed, as serving ranks it now. */
export async function explainWhyNot(userId: string, itemId: string, cut: number): Promise<WhyNotResult> {
  const { snapshot, profile, stored, rank } = await feedRanking(userId);
  const entry = snapshot.catalog.get(itemId);
  if (!entry) throw new UnknownItemError(itemId);
  const history = [...(profile?.recent ?? []).map((event) => ({ ...event, value: null })), ...stored.history];
  const seenTypes = new Set(getConfig().seenEventTypes);
  const directives = directivesFor(snapshot.rules, { isNew: !stored.known || stored.history.length === 0, attributes: stored.attributes });
  // The item alone, as index 0: enough for the rules to match it by id, category or tag.
  const facts = { id: () => entry.id, category: () => entry.category, tags: () => entry.tags };
  const blocks = directives.filter((rule) => rule.kind === 'block' && isBlocked(0, [rule], facts));

  const feed = await rank({ n: cut });
  const feedIndex = feed.items.findIndex((item) => item.id === itemId);
  const deep = feedIndex >= 0 || !snapshot.model ? null : await rank({ n: cut, depth: ALL_CANDIDATES_DEPTH });
  const deepIndex = deep?.items.findIndex((item) => item.id === itemId) ?? -1;
  const ranked = feedIndex >= 0 ? feed.items[feedIndex]! : deepIndex >= 0 ? deep!.items[deepIndex]! : null;
  const lastShown = feed.items[Math.min(cut, feed.items.length) - 1] ?? null;

  const answer = whyNot({
    now: Date.now(),
    item: { hidden: entry.hidden, publishedAt: entry.publishedAt, expiresAt: entry.expiresAt },
    blockedBy: blocks.map((rule) => `${rule.targetType} '${rule.target}'`),
    strength: strengthsOf(history, snapshot.weights).get(itemId),
    seen: history.some((event) => event.itemId === itemId && seenTypes.has(event.type)),
    modelActive: snapshot.model !== null,
    cut,
    feedPosition: feedIndex >= 0 ? feedIndex + 1 : null,
    rankedPosition: deepIndex >= 0 ? deepIndex + 1 : null,
    rankedCount: deep?.items.length ?? feed.items.length,
    score: ranked?.score ?? null,
    lastShownScore: lastShown?.score ?? null,
  });
  return {
    user: userId,
    item: { id: entry.id, title: entry.title, category: entry.category },
    cut,
    ...answer,
    ranked,
    last_shown: lastShown,
    model_version: snapshot.model?.versionId ?? null,
  };
}
