/**
 * The one definition of click-through rate the console states and computes everywhere (overview,
 * item page, experiment results): an impression is one item of a served list; a click counts when
 * it carries that list's recommendation_id, once per (list, item) however often it is repeated.
 * Clicks from elsewhere (search, a shared link) are counted apart and never raise CTR.
 */
export const CTR_DEFINITION = 'CTR = items clicked from a served list (the click names the list; repeats count once) ÷ items shown in served lists';

/** How the experiments pages apply `CTR_DEFINITION` (stated after it, word for word): users are the randomised unit (lib/experiments/results.ts). */
export const CTR_PER_ARM = "per user-randomised arm: each arm sums its own users' clicks and items shown";

/** Clicked (list, item) pairs over items shown, capped at 1; null before anything was shown. */
export function clickThroughRate(clicked: number, shown: number): number | null {
  return shown > 0 ? Math.min(clicked, shown) / shown : null;
}
