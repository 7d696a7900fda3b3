import type { UserHistory } from '@/lib/models/types';

/** One recommendation request, in model terms. */
export interface RecommendationRequest {
  /** The user's row in the models, or null for a user the models have not seen. */
  user: number | null;
  /** Positive interactions, item indices with strengths; recent session items included. */
  history: UserHistory;
  preferredCategories: readonly string[];
  /**
   * The session: the user's newest positive interactions, newest first, at most RECENT_ITEMS. What
   * they just did says more about the next pick than their long history; absent, none is known.
   */
  recent?: ArrayLike<number>;
  /** Items never to recommend; the whole history when absent. */
  seen?: readonly number[];
  /** Epoch ms of the request; drives item age and time-of-day features. */
  now: number;
  count: number;
}

/** How many of a user's newest interactions make their session signal. */
export const RECENT_ITEMS = 10;
