import { CatalogMirror, type CatalogEntry } from '@/lib/serving/catalog';
import type { StrategyChoice } from '@/lib/experiments/serving';
import type { ItemSpace, ServingSnapshot } from '@/lib/serving/context';
import type { FeedInput } from '@/lib/serving/contract';
import type { RankingRequest } from '@/lib/serving/rank';
import type { ServingUser } from '@/lib/serving/user';
import type { ServingModel } from '@/lib/serving/model';

/** Fixed clock for serving unit tests. */
export const NOW = Date.parse('2026-05-01T12:00:00Z');

/** A described, servable catalogue entry in 'Drama' unless overridden. */
export function catalogEntry(id: string, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title: `Title of ${id}`, description: '', category: 'Drama', tags: [], hidden: false, publishedAt: null, expiresAt: null, updatedAt: NOW - 1_000, ...overrides };
}

/** An item space over the entries in order, the first `modelItems` of them the model's. */
export function itemSpaceOver(entries: CatalogEntry[], modelItems = entries.length): ItemSpace {
  const index = new Map(entries.map((entry, i) => [entry.id, i]));
  return {
    modelItems,
    size: entries.length,
    entryOf: (item) => entries[item],
    indexOf: (id) => index.get(id),
    newVectors: new Float32Array(0),
    newArrivals: [],
    id: (item) => entries[item]!.id,
    category: (item) => entries[item]?.category ?? null,
    tags: (item) => entries[item]?.tags ?? [],
  };
}

/**
 * A model over `itemIds` with just enough inside for the serving stages that do not rank:
 * item neighbours (`neighbours[i]`, best first, with falling scores) and a hot list.
 */
export function servingModelOver(itemIds: string[], { userIds = [] as string[], neighbours = [] as number[][], hot = [] as number[] } = {}): ServingModel {
  const k = Math.max(1, ...neighbours.map((list) => list.length));
  const knn = { k, neighbors: new Uint32Array(itemIds.length * k), scores: new Float32Array(itemIds.length * k), counts: new Uint16Array(itemIds.length) };
  neighbours.forEach((list, item) => {
    list.forEach((neighbour, slot) => {
      knn.neighbors[item * k + slot] = neighbour;
      knn.scores[item * k + slot] = 1 - slot / (k + 1);
    });
    knn.counts[item] = list.length;
  });
  const ranking = { scores: new Float32Array(itemIds.length), items: Uint32Array.from(hot), offsets: Uint32Array.from([0, hot.length]) };
  const models = { itemIds, userIds, knn, content: { dims: 0 }, popularity: { categories: [], variants: { hot: ranking, rising: ranking, fresh: ranking, allTime: ranking } } };
  return {
    versionId: 1,
    models: models as unknown as ServingModel['models'],
    retrievers: null as unknown as ServingModel['retrievers'],
    ranker: null,
    userIndex: new Map(userIds.map((id, index) => [id, index])),
    itemIndex: new Map(itemIds.map((id, index) => [id, index])),
    release: async () => {},
  };
}

/** A catalogue mirror holding `entries`, never polled. */
export function catalogOf(entries: CatalogEntry[]): CatalogMirror {
  const catalog = new CatalogMirror(null as never);
  for (const entry of entries) catalog.entries.set(entry.id, entry);
  return catalog;
}

export function servingUserOf(overrides: Partial<ServingUser> = {}): ServingUser {
  return { id: 'u1', surface: 'feed', segment: { isNew: false, attributes: {} }, preferredCategories: [], strengths: new Map(), recent: [], seen: new Set(), negatives: new Set(), profileVersion: 3, dataSharing: 'standard', profileUpdatedAt: 0, degraded: false, ...overrides };
}

export function feedInputOf(query: Partial<FeedInput['query']> = {}, surface: FeedInput['surface'] = 'feed'): FeedInput {
  return { userId: 'u1', surface, query: { n: 20, context: 'home', explain: false, ...query } };
}

const STRATEGY = { strategyKey: 'hybrid', strategyVersion: 1, config: {}, experiment: null, variant: null } as unknown as StrategyChoice;

/** A ranking request for user `u1` on the home feed over `snapshot`, overridable piece by piece. */
export function rankingRequestOver(snapshot: ServingSnapshot, overrides: Partial<RankingRequest> = {}): RankingRequest {
  return { input: feedInputOf(), snapshot, user: servingUserOf(), strategy: STRATEGY, diversity: { lambda: 0.8, max_per_category: null }, ...overrides };
}
