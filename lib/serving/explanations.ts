import 'server-only';
import { whyNot, type WhyNotAnswer } from '@/lib/recommend/why-not';
import { isBlocked } from '@/lib/recommend/postprocess';
import { feedRanking, segmentOf, UnknownItemError, userInteractions, type Fallback, type ServedItem } from './feed';
import { directivesFor } from './context';

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
  const interactions = userInteractions(stored, profile, snapshot.weights);
  const directives = directivesFor(snapshot.rules, segmentOf(stored, profile));
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
    strength: interactions.strengths.get(itemId),
    seen: interactions.seenIds.has(itemId),
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
