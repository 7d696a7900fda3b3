import 'server-only';
import { resolveStrategy } from '@/lib/experiments/serving';
import { assertKnownCategories, servingSnapshot } from './context';
import type { FeedInput, RecommendationResponse } from './contract';
import { rankWithFallbacks, servedFallback } from './degrade';
import { cachedResponse, deliver, pageOf, responseKey } from './pages';
import { listDepth, type RankingRequest } from './rank';
import { servingSettings } from './settings';
import { servingUser } from './user';

/**
 * One feed request, top to bottom: the shared state (snapshot) → the user → their strategy →
 * the response cache → ranking, down the fallback ladder when needed → the page delivered.
 * A later page skips all of it: it is a slice of the list its first page stored.
 */
export async function recommendFeed(input: FeedInput): Promise<RecommendationResponse> {
  const started = performance.now();
  if (input.query.cursor !== undefined) {
    const page = await pageOf(input.userId, input.query.cursor);
    return deliver({ input, snapshot: await servingSnapshot(), list: page.list, fallback: page.list.fallback, started, timings: {}, page });
  }

  const snapshot = await servingSnapshot();
  assertKnownCategories(input.query.category, snapshot);
  const user = await servingUser(input, snapshot.model, snapshot.weights);
  const strategy = await resolveStrategy({ id: input.userId, ...user.segment, device: input.query.device });
  const { cache, diversity } = await servingSettings();
  const request: RankingRequest = { input, snapshot, user, strategy, diversity };

  const cacheKey = cache.response_seconds > 0 ? responseKey(request) : null;
  const cached = await cachedResponse(cacheKey, input.userId);
  if (cached) return deliver({ input, snapshot, list: cached.list, fallback: servedFallback(cached.list, user.degraded), started, timings: {}, stored: cached });
  const { list, timings } = await rankWithFallbacks(request, listDepth(input.query.n));
  return deliver({ input, snapshot, list, fallback: servedFallback(list, user.degraded), started, timings, responseCacheKey: cacheKey });
}
