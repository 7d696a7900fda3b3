import type { RecommenderModels } from '../models';
import type { RecommendationRequest } from '../request';
import type { VectorRetriever } from '../retrieval';
import type { UserSignals } from '../signals';

export const CANDIDATE_SOURCES = ['collaborative', 'neighbors', 'ease', 'content', 'popular', 'trending'] as const;
export type CandidateSourceName = (typeof CANDIDATE_SOURCES)[number];

export interface Retrievers {
  factors: VectorRetriever;
  content: VectorRetriever;
}

export interface CandidateContext {
  models: RecommenderModels;
  request: RecommendationRequest;
  signals: UserSignals;
  retrievers: Retrievers;
  /** A known user's lists from the worker's precomputation, for the sources it covers (see precomputed.ts). */
  precomputed?: (source: CandidateSourceName) => Uint32Array | null;
}

/** One way of proposing items: returns item indices, best first, never a seen item. */
export interface CandidateSource {
  name: CandidateSourceName;
  generate(context: CandidateContext, limit: number): Uint32Array;
}
