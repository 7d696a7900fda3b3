import type { AdjustmentNote, Reason, ScoreBreakdown } from '@/lib/recommend/explain';
import type { SourceName, StageTimings } from '@/lib/recommend/serve';
import type { FeedQuery } from './schema';

/** What a recommendation request asked for, once parsed: the feed, or an anonymous session's. */
export interface FeedInput {
  userId: string;
  /** Anonymous sessions: history from the request alone, no stored user. */
  sessionItems?: string[];
  query: Omit<FeedQuery, 'user'>;
  surface: 'feed' | 'session';
}

/** A request the caller must fix; `field` names the parameter. */
export class ServingInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class UnknownItemError extends Error {
  constructor(readonly itemId: string) {
    super(`item '${itemId}' does not exist`);
  }
}

/** What served a list when the full pipeline could not: see degrade.ts for the ladder. */
export type Fallback = 'ranker' | 'feature_store' | 'neighbors_trending' | 'no_model' | 'popular';

export interface ServedItem {
  id: string;
  title: string;
  category: string | null;
  score: number;
  reasons: Reason[];
  /** With `explain`: the candidate sources that proposed it. */
  sources?: SourceName[];
  explanation?: ScoreBreakdown | null;
  /** With `explain`: the 1-based rank of its score before post-processing; null when placed, not ranked. */
  score_rank?: number | null;
  /** With `explain`: what moved it from its score rank or placed it (boosts, diversity, exploration, pins). */
  adjustments?: AdjustmentNote[];
}

export interface RecommendationResponse {
  recommendation_id: string;
  model_version: number | null;
  strategy: string;
  experiment: string | null;
  variant: string | null;
  fallback: Fallback | null;
  items: ServedItem[];
  next_cursor: string | null;
  timings_ms: Partial<StageTimings> & { total: number };
}

/** One ranked list, as cached: pages are slices of it. */
export interface RankedList {
  userId: string;
  strategy: string;
  experiment: string | null;
  variant: string | null;
  modelVersion: number | null;
  fallback: Fallback | null;
  items: ServedItem[];
}

/** Scores travel rounded: four decimals tell items apart, and the payload stays small. */
export function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
