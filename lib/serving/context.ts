import 'server-only';
import { getConnection } from '@/db';
import { activeRules, type CurationRule } from '@/lib/curation/store';
import { DEFAULT_EVENT_WEIGHTS, type EventWeights } from '@/lib/events/types';
import { embedItem } from '@/lib/models/content';
import { currentEventWeights, getFeatureStore } from '@/lib/realtime';
import type { RealtimeProfile } from '@/lib/realtime/profile';
import type { ItemFacts } from '@/lib/recommend/postprocess';
import { publishChange } from '@/lib/runtime/changes';
import { processSingleton } from '@/lib/runtime/singleton';
import { log } from '@/lib/runtime/log';
import { toCatalogItem, type CatalogEntry, type CatalogMirror } from './catalog';
import { ServingInputError } from './contract';
import { isServable } from './eligibility';
import type { ServingModel } from './model';
import { Refreshing } from './refreshing';
import { servingCatalog, servingModel } from './state';

const RULES_MAX_AGE_MS = 2_000;
/** Items published this recently that the model has not seen yet are explored. */
const NEW_ITEM_DAYS = 30;
const DAY_MS = 86_400_000;

function rulesState(): Refreshing<CurationRule[]> {
  return processSingleton('serving-rules', () => new Refreshing(async () => activeRules(await getConnection(), new Date()), { maxAgeMs: RULES_MAX_AGE_MS, staleWhileRefreshing: true, invalidatedBy: 'curation', onError: (error) => log.warn('reading curation rules failed', error) }));
}

/** Curation writes call this: the next response of every process applies them. */
export function curationChanged(): void {
  publishChange('curation');
}

/**
 * The serving item space: the model's items first (their model indices), then items the model
 * has not seen, appended in catalogue order. New items have no collaborative signal; they reach
 * users through content similarity, pins and the exploration slot.
 */
export interface ItemSpace extends ItemFacts {
  modelItems: number;
  size: number;
  entryOf(item: number): CatalogEntry | undefined;
  indexOf(id: string): number | undefined;
  /** Content vectors of the appended items, row `item − modelItems`. */
  newVectors: Float32Array;
  /** Appended items recently published and servable now, newest first. */
  newArrivals: number[];
}

const itemSpaces = new WeakMap<ServingModel, { epoch: number; space: ItemSpace }>();

/** Rebuilt only when the model or the catalogue changes. */
export function itemSpaceOf(model: ServingModel, catalog: CatalogMirror): ItemSpace {
  const cached = itemSpaces.get(model);
  if (cached && cached.epoch === catalog.epoch) return cached.space;
  const { models } = model;
  const modelItems = models.itemIds.length;
  const appended: CatalogEntry[] = [];
  for (const entry of catalog.entries.values()) if (!model.itemIndex.has(entry.id)) appended.push(entry);
  const dims = models.content.dims;
  const newVectors = new Float32Array(appended.length * dims);
  appended.forEach((entry, k) => newVectors.set(embedItem(models.content, toCatalogItem(entry)), k * dims));
  const appendedIndex = new Map(appended.map((entry, k) => [entry.id, modelItems + k]));
  // By index, not by id: this is asked for every candidate of every request.
  const modelEntries = models.itemIds.map((id) => catalog.get(id));
  const entryOf = (item: number) => (item < modelItems ? modelEntries[item] : appended[item - modelItems]);
  const now = Date.now();
  const newArrivals = appended
    .map((entry, k) => ({ entry, item: modelItems + k }))
    .filter(({ entry }) => isServable(entry, now) && (entry.publishedAt ?? entry.updatedAt) > now - NEW_ITEM_DAYS * DAY_MS)
    .sort((a, b) => (b.entry.publishedAt ?? b.entry.updatedAt) - (a.entry.publishedAt ?? a.entry.updatedAt))
    .map(({ item }) => item);
  const space: ItemSpace = {
    modelItems,
    size: modelItems + appended.length,
    entryOf,
    indexOf: (id) => model.itemIndex.get(id) ?? appendedIndex.get(id),
    newVectors,
    newArrivals,
    id: (item) => (item < modelItems ? models.itemIds[item]! : appended[item - modelItems]!.id),
    category: (item) => entryOf(item)?.category ?? null,
    tags: (item) => entryOf(item)?.tags ?? [],
  };
  itemSpaces.set(model, { epoch: catalog.epoch, space });
  return space;
}

export interface ServingSnapshot {
  model: ServingModel | null;
  catalog: CatalogMirror;
  weights: EventWeights;
  rules: CurationRule[];
}

/** The shared state a request reads; pieces that fail fall back (no model, no rules, default weights). */
export async function servingSnapshot(): Promise<ServingSnapshot> {
  const [model, catalog, weights, rules] = await Promise.all([
    servingModel().catch((error: unknown) => {
      log.warn('no model available', error);
      return null;
    }),
    servingCatalog(),
    currentEventWeights().catch(() => DEFAULT_EVENT_WEIGHTS),
    rulesState().get().catch(() => [] as CurationRule[]),
  ]);
  return { model, catalog, weights, rules };
}

export interface RealtimeRead {
  profile: RealtimeProfile | null;
  /** The store did not answer in time or its circuit is open: defaults were served. */
  degraded: boolean;
}

export async function readRealtime(userId: string): Promise<RealtimeRead> {
  const store = getFeatureStore();
  const profile = await store.read(userId);
  const health = store.health();
  return { profile, degraded: health.state !== 'closed' || health.lastError !== null };
}

export interface UserSegment {
  isNew: boolean;
  attributes: Record<string, unknown>;
}

/** A 400 naming the categories neither the model nor the catalogue knows. */
export function assertKnownCategories(categories: readonly string[] | undefined, snapshot: ServingSnapshot): void {
  if (!categories || categories.length === 0) return;
  const known = new Set(snapshot.model?.models.popularity.categories ?? []);
  for (const entry of snapshot.catalog.entries.values()) if (entry.category) known.add(entry.category);
  const unknown = categories.filter((category) => !known.has(category));
  if (unknown.length > 0) throw new ServingInputError('category', `unknown category: ${unknown.join(', ')}`);
}
