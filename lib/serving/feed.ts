import 'server-only';
import { randomUUID } from 'node:crypto';
import { getCache } from '@/lib/cache';
import { getConfig } from '@/lib/config';
import { rulesForUser } from '@/lib/curation/segments';
import type { CurationRule } from '@/lib/curation/types';
import { murmur3 } from '@/lib/experiments/assignment';
import { resolveStrategy, type StrategyChoice } from '@/lib/experiments/serving';
import { similarItems } from '@/lib/models/item-knn';
import { topItems } from '@/lib/models/popularity';
import { CANDIDATE_SOURCES } from '@/lib/recommend/candidates';
import type { EventWeights } from '@/lib/events/types';
import { recordRecommendationCache, recordRecommendationServed } from '@/lib/metrics/record';
import type { UserHistory } from '@/lib/models/types';
import type { RealtimeProfile } from '@/lib/realtime/profile';
import { reasonsFor, scoreBreakdown, type Reason, type ScoreBreakdown } from '@/lib/recommend/explain';
import type { RecommendationRequest } from '@/lib/recommend/request';
import { serveRecommendations, type ServedEntry, type SourceName, type StageTimings } from '@/lib/recommend/serve';
import { log } from '@/lib/runtime/log';
import { effectiveLambda } from '@/lib/settings/serving';
import { isServable } from './catalog';
import { directivesFor, itemSpaceOf, readRealtime, servingSnapshot, type ItemSpace, type ServingSnapshot, type UserSegment } from './context';
import { popularFallback } from './fallback';
import { logImpression } from './impressions';
import type { ServingModel } from './model';
import { decodeCursor, encodeCursor, type FeedQuery } from './schema';
import { servingSettings } from './settings';
import { strengthsOf, loadStoredUser, type Interaction, type StoredUser } from './user-context';

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

/** Ranked deeper than one page (at least two pages) so the next pages come from the same list, never repeating it. */
const LIST_DEPTH = 60;
/** The largest page a request may ask for; explanations rank this deep. */
const MAX_PAGE = 100;
/** An item on an item page weighs like a strong recent interaction. */
const ANCHOR_STRENGTH = 5;

interface StoredList {
  userId: string;
  strategy: string;
  experiment: string | null;
  variant: string | null;
  modelVersion: number | null;
  fallback: Fallback | null;
  items: ServedItem[];
}

export interface FeedInput {
  userId: string;
  /** Anonymous sessions: history from the request alone, no stored user. */
  sessionItems?: string[];
  query: Omit<FeedQuery, 'user'>;
  surface: 'feed' | 'session';
}

export async function recommendFeed(input: FeedInput): Promise<RecommendationResponse> {
  const started = performance.now();
  const { query } = input;
  if (query.cursor !== undefined) return nextPage(input, started);
  const snapshot = await servingSnapshot();
  validateCategories(query.category, snapshot);
  const [realtime, stored] = await Promise.all([
    input.surface === 'session' ? { profile: null, degraded: false } : readRealtime(input.userId),
    input.surface === 'session' ? null : loadStoredUser(input.userId, snapshot.model).catch(() => null),
  ]);
  const segment = segmentOf(stored, realtime.profile);
  const strategy = await resolveStrategy({ id: input.userId, ...segment });
  const { cache: ttls } = await servingSettings();
  const cacheKey = ttls.response_seconds > 0 ? responseKey(input, snapshot, realtime.profile, strategy) : null;
  const cached = cacheKey ? await readCached<StoredList>(cacheKey) : null;
  if (cacheKey) recordRecommendationCache(cached !== null);
  const computed = cached ? null : await computeList(input, snapshot, realtime, stored, strategy);
  const list = cached ?? computed!.list;
  return respond(input, snapshot, list, list.fallback ?? (realtime.degraded ? 'feature_store' : null), started, computed?.timings ?? {}, undefined, computed && cacheKey);
}

async function nextPage(input: FeedInput, started: number): Promise<RecommendationResponse> {
  const cursor = decodeCursor(input.query.cursor!);
  if (!cursor) throw new ServingInputError('cursor', 'cursor is malformed: pass next_cursor from a previous response unchanged');
  const list = await readCached<StoredList>(listKey(cursor.r));
  if (!list || list.userId !== input.userId) throw new ServingInputError('cursor', 'cursor has expired or belongs to another user; request the first page again');
  const snapshot = await servingSnapshot();
  return respond(input, snapshot, list, list.fallback, started, {}, { id: cursor.r, offset: cursor.o });
}

/** Ranks the whole list once, the way the user's strategy says; pages are slices of it. */
async function computeList(
  input: FeedInput,
  snapshot: ServingSnapshot,
  realtime: { profile: RealtimeProfile | null; degraded: boolean },
  stored: StoredUser | null,
  strategy: StrategyChoice,
  depth = Math.max(LIST_DEPTH, 2 * input.query.n),
): Promise<{ list: StoredList; timings: Partial<StageTimings> }> {
  const { model } = snapshot;
  const served = { userId: input.userId, strategy: strategy.strategyKey, experiment: strategy.experiment, variant: strategy.variant };
  const popular = () => popularFallback(input, snapshot, LIST_DEPTH, hiddenFromUser(input, stored, realtime.profile, snapshot.weights));
  if (!model) return { list: { ...(await popular()), ...served, fallback: 'no_model' }, timings: {} };
  try {
    const { config } = strategy;
    const { diversity } = await servingSettings();
    const space = itemSpaceOf(model, snapshot.catalog);
    const request = buildRequest(model, space, input, stored, realtime.profile, snapshot.weights);
    const { allowed, placeable } = allowedItems(space, input, [...(request.recommendation.seen ?? []), ...request.negatives]);
    const directives = directivesFor(snapshot.rules, segmentOf(stored, realtime.profile));
    const resolve = (kind: 'pick' | 'pin') => directives.filter((rule) => rule.kind === kind && rule.targetType === 'item').map((rule) => ({ item: space.indexOf(rule.target), position: rule.position ?? 1 }));
    const result = await serveRecommendations(model, request.recommendation, {
      allowed: (item) => allowed(item),
      negatives: request.negatives,
      picks: resolve('pick').flatMap(({ item }) => (item !== undefined && item < space.modelItems && allowed(item) ? [item] : [])),
      directives,
      pinned: resolve('pin').flatMap(({ item, position }) => (item !== undefined && placeable(item) ? [{ item, position }] : [])),
      quotas: config.quotas,
      useRanker: config.ranker === 'active',
      blend: CANDIDATE_SOURCES.map((source) => config.blend[source]),
      diversity: { lambda: effectiveLambda(config.diversityLambda, diversity), maxPerCategory: diversity.max_per_category, similarity: contentSimilarity(model, space) },
      exploration: config.explorationShare > 0 ? { share: config.explorationShare, pool: space.newArrivals.filter((item) => allowed(item)), seed: murmur3(input.userId) } : null,
      facts: space,
      depth,
      offset: 0,
    });
    const items = result.entries.map((entry) => servedItem(entry, model, space, request.recommendation, result.signals, input.query.explain));
    return { list: { ...served, modelVersion: model.versionId, fallback: result.rankerFailed ? 'ranker' : null, items }, timings: result.timings };
  } catch (error) {
    log.error('the recommendation pipeline failed; serving item neighbours and trending', error);
    try {
      const space = itemSpaceOf(model, snapshot.catalog);
      const request = buildRequest(model, space, input, stored, realtime.profile, snapshot.weights);
      const { allowed } = allowedItems(space, input, [...(request.recommendation.seen ?? []), ...request.negatives]);
      const items = neighboursAndTrending(model, space, request.recommendation.history, allowed, depth);
      return { list: { ...served, modelVersion: model.versionId, fallback: 'neighbors_trending', items }, timings: {} };
    } catch (fallbackError) {
      log.error('the neighbour fallback failed too; serving popular items', fallbackError);
      return { list: { ...(await popular()), ...served, fallback: 'popular' }, timings: {} };
    }
  }
}

/** How many of a recent item's neighbours the fallback takes, and how many recent items it reads. */
const FALLBACK_NEIGHBOURS = 20;
const FALLBACK_RECENT = 20;

/**
 * What serves when the pipeline (the ANN indexes, the ranker's inputs) fails but the model is
 * loaded: the precomputed neighbours of the user's strongest recent items, then what is hot.
 */
function neighboursAndTrending(model: ServingModel, space: ItemSpace, history: UserHistory, allowed: (item: number) => boolean, depth: number): ServedItem[] {
  const { models } = model;
  const scores = new Map<number, number>();
  const because = new Map<number, number>();
  const recent = Array.from(history.items.keys()).sort((a, b) => history.strengths[b]! - history.strengths[a]!).slice(0, FALLBACK_RECENT);
  for (const h of recent) {
    const source = history.items[h]!;
    for (const { item, score } of similarItems(models.knn, source, FALLBACK_NEIGHBOURS)) {
      if (!allowed(item)) continue;
      if (score > (scores.get(item) ?? 0)) because.set(item, source);
      scores.set(item, (scores.get(item) ?? 0) + score);
    }
  }
  const entries: ServedItem[] = [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, depth)
    .map(([item, score]) => ({ ...describe(space, item, score), reasons: [{ kind: 'because_you_watched', text: `Because you watched ${space.entryOf(because.get(item)!)?.title || space.id(because.get(item)!)}`, item: space.id(because.get(item)!) }] }));
  const taken = new Set(entries.map((entry) => entry.id));
  for (const item of topItems(models.popularity, 'hot', null, depth * 3)) {
    if (entries.length >= depth) break;
    if (!allowed(item) || taken.has(space.id(item))) continue;
    entries.push({ ...describe(space, item, 0), reasons: [{ kind: 'trending', text: 'Trending now' }] });
  }
  return entries;
}

function describe(space: ItemSpace, item: number, score: number): Omit<ServedItem, 'reasons'> {
  const entry = space.entryOf(item);
  return { id: space.id(item), title: entry?.title ?? '', category: entry?.category ?? null, score: Math.round(score * 1e4) / 1e4 };
}

interface BuiltRequest {
  recommendation: RecommendationRequest;
  negatives: number[];
}

/** Events since the model's training data: the real-time store's, and what was read back after it lost some. */
function eventsSinceTraining(stored: StoredUser | null, profile: RealtimeProfile | null): Interaction[] {
  const trainedUntil = stored?.trainedUntil ?? 0;
  return [...(profile?.recent ?? []).filter((event) => event.at > trainedUntil), ...(stored?.readBack ?? [])];
}

/** New to the curation segments: no profile and no interactions, trained or since. */
export function segmentOf(stored: StoredUser | null, profile: RealtimeProfile | null): UserSegment {
  const isNew = !stored?.known || (stored.trained.size === 0 && eventsSinceTraining(stored, profile).length === 0);
  return { isNew, attributes: stored?.attributes ?? {} };
}

/**
 * What the user did with each item (summed strength), and which items count as seen: the trained
 * interactions (every one of them seen) plus the events since training.
 */
export function userInteractions(stored: StoredUser | null, profile: RealtimeProfile | null, weights: EventWeights): { strengths: Map<string, number>; seenIds: Set<string> } {
  const events = eventsSinceTraining(stored, profile);
  const strengths = strengthsOf(events, weights, new Map(stored?.trained));
  const seenTypes = new Set(getConfig().seenEventTypes);
  const seenIds = new Set(stored?.trained.keys());
  for (const event of events) if (seenTypes.has(event.type)) seenIds.add(event.itemId);
  return { strengths, seenIds };
}

/** The user's interactions with the request's anonymous session items added. */
function interactionsOf(input: FeedInput, stored: StoredUser | null, profile: RealtimeProfile | null, weights: EventWeights): { strengths: Map<string, number>; seenIds: Set<string> } {
  const { strengths, seenIds } = userInteractions(stored, profile, weights);
  for (const itemId of input.sessionItems ?? []) {
    strengths.set(itemId, Math.max(strengths.get(itemId) ?? 0, weights.view));
    seenIds.add(itemId);
  }
  return { strengths, seenIds };
}

/** Items no list may show this user, by id: for the fallbacks that run without a model's item space. */
function hiddenFromUser(input: FeedInput, stored: StoredUser | null, profile: RealtimeProfile | null, weights: EventWeights): Set<string> {
  const { strengths, seenIds } = interactionsOf(input, stored, profile, weights);
  for (const [itemId, strength] of strengths) if (strength <= 0) seenIds.add(itemId);
  return seenIds;
}

function buildRequest(model: ServingModel, space: ItemSpace, input: FeedInput, stored: StoredUser | null, profile: RealtimeProfile | null, weights: EventWeights): BuiltRequest {
  const { strengths, seenIds } = interactionsOf(input, stored, profile, weights);
  if (input.query.item) strengths.set(input.query.item, Math.max(strengths.get(input.query.item) ?? 0, ANCHOR_STRENGTH));
  const items: number[] = [];
  const values: number[] = [];
  const negatives: number[] = [];
  for (const [itemId, strength] of strengths) {
    const item = model.itemIndex.get(itemId);
    if (item === undefined) continue;
    if (strength > 0) {
      items.push(item);
      values.push(strength);
    } else negatives.push(item);
  }
  const history: UserHistory = { items: Uint32Array.from(items), strengths: Float32Array.from(values) };
  const user = input.surface === 'session' ? undefined : model.userIndex.get(input.userId);
  return {
    recommendation: {
      user: user ?? null,
      history,
      seen: [...seenIds].flatMap((itemId) => space.indexOf(itemId) ?? []),
      preferredCategories: [...(stored?.preferredCategories ?? []), ...(input.query.category ?? []), ...sessionInterest(profile)],
      now: Date.now(),
      count: input.query.n,
    },
    negatives,
  };
}

/** Browsing a category in this session (a few views in a row) counts as a stated interest, for now. */
const SESSION_INTEREST_VIEWS = 2;
const SESSION_MAX_AGE_MS = 30 * 60_000;

function sessionInterest(profile: RealtimeProfile | null): string[] {
  const session = profile?.session;
  if (!session?.category || session.views < SESSION_INTEREST_VIEWS || Date.now() - session.lastAt > SESSION_MAX_AGE_MS) return [];
  return [session.category];
}

/**
 * `allowed` gates ranked candidates; `placeable` gates pins, which editors place whether or not
 * the user has seen the item, but never when it is unservable, excluded or outside the filter.
 */
function allowedItems(space: ItemSpace, input: FeedInput, seenItems: readonly number[]): { allowed: (item: number) => boolean; placeable: (item: number) => boolean } {
  const now = Date.now();
  const categories = input.query.category && input.query.category.length > 0 ? new Set(input.query.category) : null;
  const excluded = new Set(input.query.exclude ?? []);
  if (input.query.item) excluded.add(input.query.item);
  const seen = new Set(seenItems);
  const placeable = (item: number) => {
    const entry = space.entryOf(item);
    if (!isServable(entry, now) || excluded.has(entry.id)) return false;
    return categories === null || (entry.category !== null && categories.has(entry.category));
  };
  return { placeable, allowed: (item) => !seen.has(item) && placeable(item) };
}

function contentSimilarity(model: ServingModel, space: ItemSpace): (a: number, b: number) => number {
  const { contentVectors, content } = model.models;
  const dims = content.dims;
  const modelItems = space.modelItems;
  // Index arithmetic, not subarray views: this runs tens of thousands of times per request.
  return (a, b) => {
    const x = a < modelItems ? contentVectors : space.newVectors;
    const y = b < modelItems ? contentVectors : space.newVectors;
    const xOffset = (a < modelItems ? a : a - modelItems) * dims;
    const yOffset = (b < modelItems ? b : b - modelItems) * dims;
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += x[xOffset + d]! * y[yOffset + d]!;
    return sum;
  };
}

function servedItem(entry: ServedEntry, model: ServingModel, space: ItemSpace, request: RecommendationRequest, signals: Parameters<typeof reasonsFor>[1]['signals'], explain: boolean): ServedItem {
  const catalogEntry = space.entryOf(entry.item);
  const reasons = reasonsFor(entry, {
    models: model.models,
    request,
    signals,
    titleOf: (item) => space.entryOf(item)?.title || space.id(item),
    idOf: (item) => space.id(item),
    categoryOf: (item) => space.category(item),
    publishedAt: (item) => space.entryOf(item)?.publishedAt ?? null,
  });
  return {
    id: space.id(entry.item),
    title: catalogEntry?.title ?? '',
    category: catalogEntry?.category ?? null,
    score: Math.round(entry.score * 1e4) / 1e4,
    reasons,
    ...(explain && { sources: entry.sources, explanation: entry.features ? scoreBreakdown(model.models, entry.features) : null }),
  };
}

/** Pages are slices of the stored list, re-checked against the catalogue: an item hidden since is never served, even from a cache. */
async function respond(
  input: FeedInput,
  snapshot: ServingSnapshot,
  list: StoredList,
  fallback: Fallback | null,
  started: number,
  timings: Partial<StageTimings>,
  page?: { id: string; offset: number },
  responseCacheKey?: string | null,
): Promise<RecommendationResponse> {
  const now = Date.now();
  const offset = page?.offset ?? 0;
  const servable = list.items.filter((item) => isServable(snapshot.catalog.get(item.id), now));
  const items = servable.slice(offset, offset + input.query.n);
  const recommendationId = randomUUID();
  const listId = page?.id ?? recommendationId;
  if (!page) {
    // Serialised once for both entries: the list for its pages, and the response for repeats.
    const serialised = JSON.stringify(list);
    const { cache: ttls } = await servingSettings();
    void writeCached(listKey(listId), serialised, ttls.list_seconds);
    if (responseCacheKey) void writeCached(responseCacheKey, serialised, ttls.response_seconds);
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

function validateCategories(categories: string[] | undefined, snapshot: ServingSnapshot): void {
  if (!categories) return;
  const known = new Set(snapshot.model?.models.popularity.categories ?? []);
  for (const entry of snapshot.catalog.entries.values()) if (entry.category) known.add(entry.category);
  const unknown = categories.filter((category) => !known.has(category));
  if (unknown.length > 0) throw new ServingInputError('category', `unknown category: ${unknown.join(', ')}`);
}

/**
 * Cached per user, profile version (so the user's own events invalidate it), model version,
 * catalogue epoch, curation rules, strategy and variant, and request shape.
 */
function responseKey(input: FeedInput, snapshot: ServingSnapshot, profile: RealtimeProfile | null, strategy: StrategyChoice): string | null {
  if (input.surface === 'session' || input.query.explain) return null;
  const { n: _n, cursor: _cursor, ...shape } = input.query;
  const rules = murmur3(snapshot.rules.map((rule) => `${rule.id}@${new Date(rule.updatedAt).getTime()}`).join(','));
  const variant = `${strategy.strategyKey}@${strategy.strategyVersion}:${strategy.experiment ?? ''}:${strategy.variant ?? ''}`;
  return `rec:${input.userId}:${profile?.version ?? 0}:${snapshot.model?.versionId ?? 0}:${snapshot.catalog.epoch}:${rules}:${variant}:${JSON.stringify(shape)}`;
}

const listKey = (id: string) => `reclist:${id}`;

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

export interface ItemExplanation {
  user: string;
  item: { id: string; title: string; category: string | null };
  would_show: boolean;
  /** 1-based position in the user's feed, when it is among the items ranked for it. */
  position: number | null;
  score: number | null;
  reasons: Reason[];
  /** Why it would not be shown, when it would not. */
  excluded_because: string[];
  breakdown: ScoreBreakdown | null;
  model_version: number | null;
}

export interface FeedRanking {
  snapshot: ServingSnapshot;
  profile: RealtimeProfile | null;
  stored: StoredUser;
  segment: { isNew: boolean; attributes: Record<string, unknown> };
  /**
   * The feed as a request for `n` items would rank it now (or ranked `depth` deep), optionally
   * without the curation rules; nothing is served, cached or counted.
   */
  rank(options?: { n?: number; depth?: number; withoutRules?: boolean }): Promise<StoredList>;
}

/** What explanations and previews look at: the user as serving sees them, and their feed ranked on demand. */
export async function feedRanking(userId: string, { explain = true } = {}): Promise<FeedRanking> {
  const snapshot = await servingSnapshot();
  const input: FeedInput = { userId, surface: 'feed', query: { n: MAX_PAGE, context: 'home', explain } };
  const [realtime, stored] = await Promise.all([readRealtime(userId), loadStoredUser(userId, snapshot.model)]);
  const segment = segmentOf(stored, realtime.profile);
  const strategy = await resolveStrategy({ id: userId, ...segment }, { recordExposure: false });
  const rank: FeedRanking['rank'] = async ({ n = MAX_PAGE, depth, withoutRules = false } = {}) =>
    (await computeList({ ...input, query: { ...input.query, n } }, withoutRules ? { ...snapshot, rules: [] } : snapshot, realtime, stored, strategy, depth)).list;
  return { snapshot, profile: realtime.profile, stored, segment, rank };
}

/** Why this item would or would not be shown to this user: its place in their feed, its score and its parts. */
export async function explainItem(userId: string, itemId: string): Promise<ItemExplanation> {
  const { snapshot, profile, stored, rank } = await feedRanking(userId);
  const entry = snapshot.catalog.get(itemId);
  if (!entry) throw new UnknownItemError(itemId);
  const base = { user: userId, item: { id: entry.id, title: entry.title, category: entry.category }, model_version: snapshot.model?.versionId ?? null };
  const list = await rank();
  const index = list.items.findIndex((item) => item.id === itemId);
  const excluded = exclusionsOf(itemId, snapshot, profile, stored);
  if (index >= 0) {
    const shown = list.items[index]!;
    return { ...base, would_show: true, position: index + 1, score: shown.score, reasons: shown.reasons, excluded_because: [], breakdown: shown.explanation ?? null };
  }
  return { ...base, would_show: false, position: null, score: null, reasons: [], excluded_because: excluded.length > 0 ? excluded : [`ranked below the first ${list.items.length} items for this user`], breakdown: null };
}

function exclusionsOf(itemId: string, snapshot: ServingSnapshot, profile: RealtimeProfile | null, stored: StoredUser): string[] {
  const reasons: string[] = [];
  const entry = snapshot.catalog.get(itemId)!;
  const now = Date.now();
  if (entry.hidden) reasons.push('the item is hidden');
  if (entry.publishedAt !== null && entry.publishedAt > now) reasons.push(`the item is not published until ${new Date(entry.publishedAt).toISOString()}`);
  if (entry.expiresAt !== null && entry.expiresAt <= now) reasons.push(`the item expired at ${new Date(entry.expiresAt).toISOString()}`);
  const strength = userInteractions(stored, profile, snapshot.weights).strengths.get(itemId);
  if (strength !== undefined) reasons.push(strength > 0 ? 'the user has already interacted with it' : 'the user disliked or skipped it');
  const blocks = directivesFor(snapshot.rules, segmentOf(stored, profile)).filter(
    (rule) => rule.kind === 'block' && ((rule.targetType === 'item' && rule.target === itemId) || (rule.targetType === 'category' && rule.target === entry.category) || (rule.targetType === 'tag' && entry.tags.includes(rule.target))),
  );
  for (const rule of blocks) reasons.push(`blocked by a curation rule on ${rule.targetType} '${rule.target}'`);
  if (!snapshot.model) reasons.push('no model is active');
  return reasons;
}

export interface FeedPreview {
  user: string;
  model_version: number | null;
  fallback: Fallback | null;
  /** The rules in force for this user now, in the order serving applies them. */
  rules: CurationRule[];
  curated: ServedItem[];
  uncurated: ServedItem[];
}

/**
 * The user's first page computed now, with the curation rules and without them, for editors to
 * see what their rules change. A dry run: nothing is cached, logged as an impression or exposed.
 */
export async function previewFeed(userId: string, n: number): Promise<FeedPreview> {
  const { snapshot, segment, rank } = await feedRanking(userId, { explain: false });
  const [curated, uncurated] = await Promise.all([rank({ n }), rank({ n, withoutRules: true })]);
  const now = Date.now();
  const firstPage = (list: StoredList) => list.items.filter((item) => isServable(snapshot.catalog.get(item.id), now)).slice(0, n);
  return {
    user: userId,
    model_version: curated.modelVersion,
    fallback: curated.fallback,
    rules: rulesForUser(snapshot.rules, segment),
    curated: firstPage(curated),
    uncurated: firstPage(uncurated),
  };
}
