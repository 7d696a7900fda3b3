import 'server-only';
import { randomUUID } from 'node:crypto';
import { recordRecommendationServed } from '@/lib/metrics/record';
import { exactSearch } from '@/lib/models/ann';
import { similarItems } from '@/lib/models/item-knn';
import { topItems } from '@/lib/models/popularity';
import { assertKnownCategories, itemSpaceOf, servingSnapshot, type ItemSpace, type ServingSnapshot } from './context';
import { roundScore, UnknownItemError, type Fallback, type RecommendationResponse, type ServedItem } from './contract';
import { ANONYMOUS, curationFor } from './curation';
import { popularItems } from './degrade';
import { eligibilityRules, isEligible, spaceEligibility, type EligibilityRules } from './eligibility';
import { logImpression } from './impressions';
import { borrowedNeighbourScores } from './look-alikes';
import type { SimilarQuery, TrendingQuery } from './schema';

/** Neighbours carry what people did; content covers items nobody has touched yet. */
const NEIGHBOUR_WEIGHT = 0.7;
const CONTENT_WEIGHT = 0.3;
const POOL = 200;

/** "You may also like": item neighbours blended with content matches, so new items have answers too. */
export async function similarTo(itemId: string, query: SimilarQuery): Promise<RecommendationResponse> {
  const started = performance.now();
  const snapshot = await servingSnapshot();
  const anchor = snapshot.catalog.get(itemId);
  if (!anchor) throw new UnknownItemError(itemId);
  const { model } = snapshot;
  const rules = listRules(snapshot, { excluded: new Set([itemId]) });
  if (!model) return listResponse('similar', query.user ?? 'anonymous', snapshot, await popularItems(snapshot, rules, query.n), 'no_model', started);
  const space = itemSpaceOf(model, snapshot.catalog);
  const eligible = spaceEligibility(space, rules);
  const item = space.indexOf(itemId)!;
  const blended = new Map<number, number>();
  const add = (candidates: { item: number; score: number }[], weight: number) => {
    const top = candidates[0]?.score ?? 0;
    for (const candidate of candidates) if (candidate.item !== item && top > 0) blended.set(candidate.item, (blended.get(candidate.item) ?? 0) + (weight * candidate.score) / top);
  };
  const content = contentNeighbours(snapshot, space, item);
  if (item < space.modelItems) {
    const neighbours = similarItems(model.models.knn, item, POOL);
    add(neighbours, NEIGHBOUR_WEIGHT);
    for (const [candidate, score] of borrowedNeighbourScores(model, space, item, neighbours, content)) blended.set(candidate, NEIGHBOUR_WEIGHT * score);
  }
  add(content, CONTENT_WEIGHT);
  const ranked = [...blended]
    .filter(([candidate]) => eligible.allowed(candidate))
    .sort((a, b) => b[1] - a[1])
    .slice(0, query.n);
  const items = ranked.map(([candidate, score]): ServedItem => {
    const entry = space.entryOf(candidate)!;
    return { id: entry.id, title: entry.title, category: entry.category, score: roundScore(score), reasons: [{ kind: 'because_you_watched', text: `Similar to ${anchor.title || anchor.id}`, item: anchor.id }] };
  });
  return listResponse('similar', query.user ?? 'anonymous', snapshot, items, null, started);
}

/** Trained items through the content ANN index; untrained ones (and new items as results) by exact search. */
function contentNeighbours(snapshot: ServingSnapshot, space: ItemSpace, item: number): { item: number; score: number }[] {
  const { models } = snapshot.model!;
  const dims = models.content.dims;
  const vector = item < space.modelItems ? models.contentVectors.subarray(item * dims, (item + 1) * dims) : space.newVectors.subarray((item - space.modelItems) * dims, (item - space.modelItems + 1) * dims);
  const skip = new Uint8Array(space.modelItems);
  if (item < space.modelItems) skip[item] = 1;
  const trained = snapshot.model!.retrievers.content.search(vector, POOL, skip);
  const results = Array.from(trained, (candidate) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += vector[d]! * models.contentVectors[candidate * dims + d]!;
    return { item: candidate, score: sum };
  });
  if (space.newVectors.length > 0) {
    const fresh = exactSearch(space.newVectors, dims, vector, POOL);
    fresh.items.forEach((row, k) => results.push({ item: space.modelItems + row, score: fresh.scores[k]! }));
  }
  return results.sort((a, b) => b.score - a.score);
}

/** Trending by variant, overall or in one category. */
export async function trending(query: TrendingQuery): Promise<RecommendationResponse> {
  const started = performance.now();
  const snapshot = await servingSnapshot();
  const { model } = snapshot;
  assertKnownCategories(query.category ? [query.category] : undefined, snapshot);
  const rules = listRules(snapshot, { categories: query.category ? new Set([query.category]) : null });
  if (!model) return listResponse('trending', 'anonymous', snapshot, await popularItems(snapshot, rules, query.n), 'no_model', started);
  const text = { hot: 'Trending now', rising: 'Rising fast', fresh: 'New arrival' }[query.variant];
  const items: ServedItem[] = [];
  const scores = model.models.popularity.variants[query.variant].scores;
  // The whole ranking (a view, no copy), walked until the page is full however many items eligibility refuses.
  for (const item of topItems(model.models.popularity, query.variant, query.category ?? null)) {
    const entry = snapshot.catalog.get(model.models.itemIds[item]!);
    if (!isEligible(entry, rules)) continue;
    items.push({ id: entry.id, title: entry.title, category: entry.category, score: roundScore(scores[item]!), reasons: [{ kind: query.variant === 'fresh' ? 'new_arrival' : 'trending', text: query.category ? `${text} in ${query.category}` : text }] });
    if (items.length === query.n) break;
  }
  return listResponse('trending', 'anonymous', snapshot, items, null, started);
}

/** Lists that are not personal still honour curation blocks: those for everyone, and those for new users, as an unknown caller is one. */
function listRules(snapshot: ServingSnapshot, request: Pick<EligibilityRules, 'excluded'> | Pick<EligibilityRules, 'categories'>): EligibilityRules {
  return eligibilityRules({ now: Date.now(), blocks: curationFor(snapshot.rules, ANONYMOUS).blocks, ...request });
}

function listResponse(surface: 'similar' | 'trending', userId: string, snapshot: ServingSnapshot, items: ServedItem[], fallback: Fallback | null, started: number): RecommendationResponse {
  const recommendationId = randomUUID();
  const total = performance.now() - started;
  const modelVersion = snapshot.model?.versionId ?? null;
  const itemIds = items.map((item) => item.id);
  logImpression({ recommendationId, userId, surface, items: itemIds, strategy: surface, modelVersion, fallback, latencyMs: total });
  recordRecommendationServed({ recommendationId, surface, strategy: surface, fallback, itemIds, catalog: snapshot.catalog });
  return { recommendation_id: recommendationId, model_version: modelVersion, strategy: surface, experiment: null, variant: null, fallback, items, next_cursor: null, timings_ms: { total } };
}
