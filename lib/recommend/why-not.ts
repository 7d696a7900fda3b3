import { z } from 'zod';

/**
 * "Why not this one?": the first thing, in serving order, that keeps an item out of a user's
 * feed. Pure: the serving layer gathers the facts (lib/serving/why-not.ts).
 */

const feedSize = z.coerce.number().int().min(1).max(100).default(20);

export const explainFeedQuerySchema = z.object({ user: z.string().trim().min(1, 'user is required').max(256), n: feedSize }).strict();

export const whyNotQuerySchema = z
  .object({
    user: z.string().trim().min(1, 'user is required').max(256),
    item: z.string().trim().min(1, 'item is required').max(256),
    /** How many items the feed shows: the cut the item has to make. */
    n: feedSize,
  })
  .strict();

export type WhyNotVerdict = 'shown' | 'unavailable' | 'blocked' | 'disliked' | 'seen' | 'no_model' | 'below_cut' | 'not_a_candidate';

export interface WhyNotFacts {
  now: number;
  item: { hidden: boolean; publishedAt: number | null; expiresAt: number | null };
  /** Curation block rules that match the item for this user, e.g. `category 'Horror'`. */
  blockedBy: string[];
  /** The item's summed interaction strength from the user's history; undefined when they never touched it. */
  strength: number | undefined;
  /** The user has an interaction with it of a type that hides items (views, purchases, …). */
  seen: boolean;
  modelActive: boolean;
  /** How many items the feed shows. */
  cut: number;
  /** 1-based position in the feed as served, when it is there at all (possibly below the cut). */
  feedPosition: number | null;
  /** 1-based position when every candidate is ranked; null when no candidate source proposed it. */
  rankedPosition: number | null;
  rankedCount: number;
  score: number | null;
  /** Score of the last item above the cut. */
  lastShownScore: number | null;
}

export interface WhyNotAnswer {
  verdict: WhyNotVerdict;
  summary: string;
  /** Further facts behind the verdict, e.g. a second reason it could not be shown either. */
  details: string[];
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** Reasons the catalogue gives on its own: nothing about the user can bring such an item back. */
function unavailability(facts: WhyNotFacts): string[] {
  const { item, now } = facts;
  const reasons: string[] = [];
  if (item.hidden) reasons.push('the item is hidden in the catalogue');
  if (item.publishedAt !== null && item.publishedAt > now) reasons.push(`the item is not published until ${iso(item.publishedAt)}`);
  if (item.expiresAt !== null && item.expiresAt <= now) reasons.push(`the item expired at ${iso(item.expiresAt)}`);
  return reasons;
}

export function whyNot(facts: WhyNotFacts): WhyNotAnswer {
  const unavailable = unavailability(facts);
  const blocked = facts.blockedBy.map((rule) => `blocked by a curation rule on ${rule}`);
  const all = [...unavailable, ...blocked];
  const answer = (verdict: WhyNotVerdict, summary: string): WhyNotAnswer => ({ verdict, summary, details: all.filter((reason) => reason !== summary) });

  if (facts.feedPosition !== null && facts.feedPosition <= facts.cut) return answer('shown', `It is in the feed, at position ${facts.feedPosition} of ${facts.cut}.`);
  if (unavailable.length > 0) return answer('unavailable', unavailable[0]!);
  if (blocked.length > 0) return answer('blocked', blocked[0]!);
  if (facts.strength !== undefined && facts.strength <= 0) return answer('disliked', 'the user disliked or skipped it, so it is never shown to them again');
  if (facts.seen) return answer('seen', 'the user has already seen it; seen items are not recommended again');
  if (!facts.modelActive) return answer('no_model', 'no model is active yet: the feed shows popular items only');
  const position = facts.feedPosition ?? facts.rankedPosition;
  if (position !== null) return answer('below_cut', belowCut(facts, position));
  return answer('not_a_candidate', `no candidate source proposed it: it is not among the ${facts.rankedCount} candidates ranked for this user`);
}

function belowCut(facts: WhyNotFacts, position: number): string {
  const ranked = `it ranked at position ${position}, below the cut of ${facts.cut}`;
  const { score, lastShownScore } = facts;
  if (score === null || lastShownScore === null) return ranked;
  if (score >= lastShownScore) return `${ranked}: its score ${formatScore(score)} beats the last item shown (${formatScore(lastShownScore)}), but diversity placed more varied items above it`;
  return `${ranked}: its score ${formatScore(score)} is ${formatScore(lastShownScore - score)} below the last item shown (${formatScore(lastShownScore)})`;
}

function formatScore(value: number): string {
  return value.toFixed(4);
}
