import { z } from 'zod';

/**
 * "Why not this one?": the first thing, in serving order, that keeps an item out of a user's
 * feed. Pure: the serving layer gathers the facts (lib/serving/inspect.ts), the reasons an
 * item may not be shown among them, from the same rules serving applies (lib/serving/eligibility.ts).
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

/** A reason the item may not be shown at all, as serving's eligibility rules give it, and the verdict it leads to. */
export interface IneligibleReason {
  verdict: 'unavailable' | 'blocked' | 'disliked' | 'seen';
  text: string;
}

export interface WhyNotFacts {
  /** Every reason the item may not be shown to the user, in the order the rules are checked. */
  ineligible: IneligibleReason[];
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
  /** What the exposure penalty took from the item's score (exposure.ts); 0 when the stacker did not rank it or the version has none. */
  exposurePenalty: number;
}

export interface WhyNotAnswer {
  verdict: WhyNotVerdict;
  summary: string;
  /** Further facts behind the verdict, e.g. a second reason it could not be shown either. */
  details: string[];
}

export function whyNot(facts: WhyNotFacts): WhyNotAnswer {
  const all = facts.ineligible.map((reason) => reason.text);
  const answer = (verdict: WhyNotVerdict, summary: string): WhyNotAnswer => ({ verdict, summary, details: all.filter((reason) => reason !== summary) });

  if (facts.feedPosition !== null && facts.feedPosition <= facts.cut) return answer('shown', `It is in the feed, at position ${facts.feedPosition} of ${facts.cut}.`);
  const [first] = facts.ineligible;
  if (first) return answer(first.verdict, first.text);
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
  const below = `${ranked}: its score ${formatScore(score)} is ${formatScore(lastShownScore - score)} below the last item shown (${formatScore(lastShownScore)})`;
  const penalty = facts.exposurePenalty;
  if (!(penalty > 0)) return below;
  const penalized = `after ${formatScore(penalty)} for being on many users' first pages already`;
  return score + penalty >= lastShownScore ? `${below}, ${penalized}: without that it would have made the cut` : `${below}, ${penalized}`;
}

function formatScore(value: number): string {
  return value.toFixed(4);
}
