import { collectCandidates, CANDIDATE_SOURCES, DEFAULT_QUOTAS, type CandidateContext, type CandidateSet, type Retrievers, type SourceQuotas } from './candidates';
import { penalizeExposure } from './exposure';
import { buildFeatures, FEATURE_COUNT } from './features';
import { similarItems } from '@/lib/models/item-knn';
import { topItems } from '@/lib/models/popularity';
import type { RecommenderModels } from './models';
import { blendedSourceScores, servingRecipeOf } from './pipeline';
import { recipeScores } from './recipes';
import { isPrecomputed, precomputedList } from './precomputed';
import { postProcess, type Adjustment, type CurationDirective, type PinnedItem, type DiversityOptions, type ItemFacts, type ListEntry } from './postprocess';
import type { RecommendationRequest } from './request';
import { userSignals, type UserSignals } from './signals';

/** Sources beyond the models' own: they join the candidates without ranking features of their own. */
export type ExtraSource = 'editorial' | 'fresh';
export type SourceName = (typeof CANDIDATE_SOURCES)[number] | ExtraSource;

export interface ServeModel {
  models: RecommenderModels;
  retrievers: Retrievers;
  ranker: { score(features: Float32Array, rows: number): Promise<Float32Array> } | null;
}

export interface ServeOptions {
  /** Items the caller allows: servable now, in the requested categories, not excluded. */
  allowed: (item: number) => boolean;
  /** Recently disliked or skipped: never shown, and their close neighbours pushed down. */
  negatives: readonly number[];
  /** Editorial picks as items, best first. */
  picks: readonly number[];
  directives: readonly CurationDirective[];
  pinned: readonly PinnedItem[];
  diversity: DiversityOptions;
  exploration: { share: number; pool: readonly number[]; seed: number } | null;
  facts: ItemFacts;
  quotas?: SourceQuotas;
  /** False orders candidates by their blended source ranks even when a ranker is loaded. */
  useRanker?: boolean;
  /** Per-source weights of that blend, in `CANDIDATE_SOURCES` order. */
  blend?: ArrayLike<number>;
  /** How deep to rank: the page plus the pages before it. */
  depth: number;
  offset: number;
}

export interface ServedEntry extends ListEntry {
  sources: SourceName[];
  /** 1-based rank of its score among the candidates post-processing weighed; null when placed, not ranked. */
  scoreRank: number | null;
  /** What post-processing did to move or place it. */
  adjustments: Adjustment[];
  /** Feature row of the candidate (for explanations), null for items added after ranking. */
  features: Float32Array | null;
}

export type StageTimings = Record<'candidates' | 'features' | 'ranking' | 'postprocess', number>;

export interface ServeResult {
  entries: ServedEntry[];
  signals: UserSignals;
  /** Set when the ranker failed and candidates kept their blended source scores. */
  rankerFailed: boolean;
  timings: StageTimings;
}

const EXTRA_QUOTA = { editorial: 20, fresh: 30 } as const;
/** How many of a disliked item's neighbours are pushed down with it. */
const NEGATIVE_NEIGHBOURS = 20;

/** The served pipeline: candidates → features → ranker → post-processing; explanation is separate. */
export async function serveRecommendations(model: ServeModel, request: RecommendationRequest, options: ServeOptions): Promise<ServeResult> {
  const started = performance.now();
  const signals = userSignals(model.models, request);
  for (const item of options.negatives) if (item < signals.seen.length) signals.seen[item] = 1;
  const context = { models: model.models, request, signals, retrievers: model.retrievers, precomputed: precomputedFor(model.models, request.user) };
  const candidates = withExtraSources(model.models, collectCandidates(context, options.quotas ?? DEFAULT_QUOTAS), options.picks, signals);
  const kept = keepAllowed(candidates, options.allowed);
  const afterCandidates = performance.now();
  const features = buildFeatures(model.models, request, signals, kept.set);
  const afterFeatures = performance.now();
  const { scores, rankerFailed } = await rank(model, options, kept.set, features);
  pushDownNeighboursOf(model.models, options.negatives, kept.set.items, scores);
  const afterRanking = performance.now();
  const ranked: ListEntry[] = Array.from(kept.set.items, (item, c) => ({ item, score: scores[c]!, placement: kept.extra[c] === 'editorial' ? 'editorial' : 'ranked' }));
  ranked.sort((a, b) => b.score - a.score);
  const pool = diversityPool(ranked, options.depth);
  const rowOf = new Map<number, number>();
  kept.set.items.forEach((item, c) => rowOf.set(item, c));
  const { entries: list, trace } = postProcess(pool, { count: options.depth - options.offset, offset: options.offset, diversity: options.diversity, exploration: options.exploration, directives: options.directives, pinned: options.pinned }, options.facts);
  const entries = list.map((entry): ServedEntry => {
    const c = rowOf.get(entry.item);
    const { scoreRank, adjustments } = trace.get(entry.item)!;
    return {
      ...entry,
      scoreRank,
      adjustments,
      sources: c === undefined ? [] : sourcesOf(kept.set, kept.extra, c),
      features: c === undefined ? null : features.subarray(c * FEATURE_COUNT, (c + 1) * FEATURE_COUNT),
    };
  });
  const finished = performance.now();
  return {
    entries,
    signals,
    rankerFailed,
    timings: { candidates: afterCandidates - started, features: afterFeatures - afterCandidates, ranking: afterRanking - afterFeatures, postprocess: finished - afterRanking },
  };
}

/** A known user's precomputed lists, when the model carries them. */
function precomputedFor(models: RecommenderModels, user: number | null): CandidateContext['precomputed'] {
  const { precomputed } = models;
  if (user === null || !precomputed) return undefined;
  return (source) => (isPrecomputed(source) ? precomputedList(precomputed, source, user) : null);
}

/**
 * Diversity trades relevance for variety among the best few hundred; candidates further down
 * would never be picked, and MMR's cost grows with every entry it weighs. Editorial entries stay.
 */
const POOL_PER_SLOT = 2;

function diversityPool(ranked: ListEntry[], depth: number): ListEntry[] {
  const size = Math.ceil(depth * POOL_PER_SLOT);
  if (ranked.length <= size) return ranked;
  return [...ranked.slice(0, size), ...ranked.slice(size).filter((entry) => entry.placement === 'editorial')];
}

interface TaggedCandidates {
  set: CandidateSet;
  /** Per candidate, the extra source that added it, if it came from no model source. */
  extra: (ExtraSource | null)[];
}

function withExtraSources(models: RecommenderModels, set: CandidateSet, picks: readonly number[], signals: UserSignals): TaggedCandidates {
  const present = new Set(set.items);
  const added: number[] = [];
  const extra: (ExtraSource | null)[] = Array.from(set.items, () => null);
  const add = (item: number, source: ExtraSource) => {
    if (present.has(item) || item >= signals.seen.length || signals.seen[item]) return;
    present.add(item);
    added.push(item);
    extra.push(source);
  };
  for (const item of picks.slice(0, EXTRA_QUOTA.editorial)) add(item, 'editorial');
  for (const item of topItems(models.popularity, 'fresh', null, EXTRA_QUOTA.fresh)) add(item, 'fresh');
  if (added.length === 0) return { set, extra };
  const sourceCount = CANDIDATE_SOURCES.length;
  const sourceRanks = new Float32Array((set.items.length + added.length) * sourceCount);
  sourceRanks.set(set.sourceRanks);
  const items = new Uint32Array(set.items.length + added.length);
  items.set(set.items);
  items.set(added, set.items.length);
  return { set: { items, sourceRanks }, extra };
}

function keepAllowed({ set, extra }: TaggedCandidates, allowed: (item: number) => boolean): TaggedCandidates {
  const sourceCount = CANDIDATE_SOURCES.length;
  const keep: number[] = [];
  set.items.forEach((item, c) => {
    if (allowed(item)) keep.push(c);
  });
  if (keep.length === set.items.length) return { set, extra };
  const sourceRanks = new Float32Array(keep.length * sourceCount);
  keep.forEach((c, row) => sourceRanks.set(set.sourceRanks.subarray(c * sourceCount, (c + 1) * sourceCount), row * sourceCount));
  return { set: { items: Uint32Array.from(keep, (c) => set.items[c]!), sourceRanks }, extra: keep.map((c) => extra[c]!) };
}

/**
 * The version's serving recipe (see recipes.ts), unless the strategy turns ranking off: then the
 * blend of source ranks with the strategy's weights, as when the ranker fails.
 */
async function rank(model: ServeModel, options: ServeOptions, set: CandidateSet, features: Float32Array): Promise<{ scores: Float32Array; rankerFailed: boolean }> {
  const blended = () => blendedSourceScores(set, CANDIDATE_SOURCES.length, options.blend);
  const recipe = servingRecipeOf(model.models);
  if (options.useRanker !== false && recipe !== 'stacker') return { scores: recipeScores(recipe, set, features), rankerFailed: false };
  const ranker = options.useRanker === false ? null : model.ranker;
  if (!ranker || set.items.length === 0) return { scores: blended(), rankerFailed: false };
  try {
    return { scores: penalizeExposure(model.models, set.items, Float32Array.from(await ranker.score(features, set.items.length))), rankerFailed: false };
  } catch {
    return { scores: blended(), rankerFailed: true };
  }
}

/**
 * A dislike says "less like this" at once, before any retraining: the item's nearest neighbours
 * lose up to the whole score spread, in proportion to their similarity.
 */
function pushDownNeighboursOf(models: RecommenderModels, negatives: readonly number[], items: Uint32Array, scores: Float32Array): void {
  if (negatives.length === 0 || scores.length === 0) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) {
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  const spread = Math.max(max - min, 1e-6);
  const penalty = new Map<number, number>();
  for (const negative of negatives) {
    if (negative >= models.knn.counts.length) continue;
    for (const { item, score } of similarItems(models.knn, negative, NEGATIVE_NEIGHBOURS)) penalty.set(item, Math.max(penalty.get(item) ?? 0, score));
  }
  items.forEach((item, c) => {
    const similarity = penalty.get(item);
    if (similarity !== undefined) scores[c]! -= spread * Math.min(1, similarity);
  });
}

function sourcesOf(set: CandidateSet, extra: (ExtraSource | null)[], c: number): SourceName[] {
  const sources: SourceName[] = [];
  CANDIDATE_SOURCES.forEach((source, s) => {
    if (set.sourceRanks[c * CANDIDATE_SOURCES.length + s]! > 0) sources.push(source);
  });
  if (extra[c]) sources.push(extra[c]);
  return sources;
}
