import 'server-only';
import { randomUUID } from 'node:crypto';
import { getCache } from '@/lib/cache';
import { murmur3 } from '@/lib/experiments/assignment';
import { recordRecommendationCache, recordRecommendationServed } from '@/lib/metrics/record';
import type { StageTimings } from '@/lib/recommend/serve';
import { log } from '@/lib/runtime/log';
import type { ServingSnapshot } from './context';
import { ServingInputError, type Fallback, type FeedInput, type RankedList, type RecommendationResponse } from './contract';
import { eligibilityRules, isEligible } from './eligibility';
import { logImpression } from './impressions';
import type { RankingRequest } from './rank';
import { decodeCursor, encodeCursor } from './schema';
import { servingSettings } from './settings';

/**
 * Cached per user, profile version (so the user's own events invalidate it), stored profile
 * (preferences, attributes, data-sharing level: a change takes effect at the next request), the
 * segment rules see (an enhanced user's time of day moves on), model version,
 * catalogue epoch, curation rules, strategy and variant, diversity settings and the whole request
 * shape, page size included (the list is ranked to the page size's depth, its cap held per page).
 */
export function responseKey({ input, snapshot, user, strategy, diversity }: RankingRequest): string | null {
  if (input.surface === 'session' || input.query.explain) return null;
  const { cursor: _cursor, ...shape } = input.query;
  const rules = murmur3(snapshot.rules.map((rule) => `${rule.id}@${new Date(rule.updatedAt).getTime()}`).join(','));
  const variant = `${strategy.strategyKey}@${strategy.strategyVersion}:${strategy.experiment ?? ''}:${strategy.variant ?? ''}`;
  const settings = murmur3(JSON.stringify(diversity));
  const profile = `${user.profileVersion}:${user.dataSharing}@${user.profileUpdatedAt}:${murmur3(JSON.stringify(user.segment))}`;
  return `${RESPONSE_PREFIX}${userPart(input.userId)}:${profile}:${snapshot.model?.versionId ?? 0}:${snapshot.catalog.epoch}:${rules}:${settings}:${variant}:${JSON.stringify(shape)}`;
}

export interface StoredList {
  /** The id the list is stored under: the recommendation id of the response that ranked it. */
  id: string;
  list: RankedList;
}

/**
 * The list a previous response ranked for this key, counted as a cache hit or miss. The key
 * names the stored list rather than holding a copy, so a hit writes nothing.
 */
export async function cachedResponse(key: string | null, userId: string): Promise<StoredList | null> {
  if (key === null) return null;
  const id = await readCached<string>(key);
  const list = id === null ? null : await readCached<RankedList>(listKey(userId, id));
  recordRecommendationCache(list !== null);
  return list && { id: id!, list };
}

export interface ListPage extends StoredList {
  offset: number;
}

/** The stored list a cursor continues; a 400 when the cursor is not ours, expired or someone else's. */
export async function pageOf(userId: string, token: string): Promise<ListPage> {
  const cursor = decodeCursor(token);
  if (!cursor) throw new ServingInputError('cursor', 'cursor is malformed: pass next_cursor from a previous response unchanged');
  const list = await readCached<RankedList>(listKey(userId, cursor.r));
  if (!list || list.userId !== userId) throw new ServingInputError('cursor', 'cursor has expired or belongs to another user; request the first page again');
  return { id: cursor.r, offset: cursor.o, list };
}

export interface Delivery {
  input: FeedInput;
  snapshot: ServingSnapshot;
  list: RankedList;
  fallback: Fallback | null;
  started: number;
  timings: Partial<StageTimings>;
  /** Set for later pages: the stored list and where this page starts. */
  page?: ListPage;
  /** Set for a first page answered from the response cache: the list is stored already. */
  stored?: StoredList;
  /** Set when the list was just ranked: repeats of this request are answered from it. */
  responseCacheKey?: string | null;
}

/**
 * A page is a slice of the list, re-checked against the catalogue: an item hidden since is never
 * served, even from a cache. First pages store the list for the pages after them; every page is
 * logged as an impression and counted.
 */
export async function deliver({ input, snapshot, list, fallback, started, timings, page, stored, responseCacheKey }: Delivery): Promise<RecommendationResponse> {
  const catalogue = eligibilityRules({ now: Date.now() });
  const offset = page?.offset ?? 0;
  const servable = list.items.filter((item) => isEligible(snapshot.catalog.get(item.id), catalogue));
  const items = servable.slice(offset, offset + input.query.n);
  const recommendationId = randomUUID();
  const listId = page?.id ?? stored?.id ?? recommendationId;
  if (!page && !stored) {
    // The list once, for its pages; the response key only names it, for repeats of this request.
    const { cache: ttls } = await servingSettings();
    void writeCached(listKey(input.userId, listId), JSON.stringify(list), ttls.list_seconds);
    if (responseCacheKey) void writeCached(responseCacheKey, JSON.stringify(listId), ttls.response_seconds);
  }
  const nextOffset = offset + items.length;
  const total = performance.now() - started;
  const itemIds = items.map((item) => item.id);
  logImpression({
    recommendationId,
    userId: input.userId,
    surface: input.surface,
    items: itemIds,
    strategy: list.strategy,
    experiment: list.experiment,
    variant: list.variant,
    modelVersion: list.modelVersion,
    fallback,
    latencyMs: total,
  });
  recordRecommendationServed({ recommendationId, surface: input.surface, strategy: list.strategy, fallback, itemIds, catalog: snapshot.catalog });
  return {
    recommendation_id: recommendationId,
    model_version: list.modelVersion,
    strategy: list.strategy,
    experiment: list.experiment,
    variant: list.variant,
    fallback,
    items,
    next_cursor: nextOffset < servable.length && items.length > 0 ? encodeCursor({ r: listId, o: nextOffset }) : null,
    timings_ms: { ...timings, total },
  };
}

const RESPONSE_PREFIX = 'rec:';
const LIST_PREFIX = 'reclist:';
/** Encoded, so that no user's part of a key begins another's: `a` and `a:b` have disjoint prefixes. */
const userPart = (userId: string) => encodeURIComponent(userId);
const listKey = (userId: string, id: string) => `${LIST_PREFIX}${userPart(userId)}:${id}`;

/**
 * A forgotten user's cached responses and stored lists go: their cursors stop working, and
 * nothing cached names them. Every key is under the user's prefix, so this needs no index.
 */
export async function forgetUserPages(userId: string): Promise<void> {
  await getCache().deletePrefixes([`${RESPONSE_PREFIX}${userPart(userId)}:`, `${LIST_PREFIX}${userPart(userId)}:`]);
}

async function readCached<T>(key: string): Promise<T | null> {
  try {
    const raw = await getCache().get(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

async function writeCached(key: string, serialised: string, ttlSeconds: number): Promise<void> {
  try {
    await getCache().set(key, serialised, ttlSeconds);
  } catch (error) {
    log.debug('response cache write failed', error);
  }
}
