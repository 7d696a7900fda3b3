import type { UserHistory } from '@/lib/models/types';

/** One recommendation request, in model terms. */
export interface RecommendationRequest {
  /** The user's row in the models, or null for a user the models have not seen. */
  user: number | null;
  /** Positive interactions, item indices with strengths; recent session items included. */
  history: UserHistory;
  preferredCategories: readonly string[];
  /** Items never to recommend; the whole history when absent. */
  seen?: readonly number[];
  /** Epoch ms of the request; drives item age and time-of-day features. */
  now: number;
  count: number;
}
