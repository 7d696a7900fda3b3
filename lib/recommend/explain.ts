import { topItems } from '@/lib/models/popularity';
import { baselineScore, explainRow, explainRows, type RankerModel } from '@/lib/models/ranker/mlp';
import { CANDIDATE_SOURCES, type CandidateSourceName } from './candidates';
import { FEATURE_NAMES } from './features';
import type { RecommenderModels } from './models';
import type { Adjustment } from './postprocess';
import type { RecommendationRequest } from './request';
import type { ServedEntry } from './serve';
import { easePosition, type UserSignals } from './signals';

export type ReasonKind = 'because_you_watched' | 'editors_pick' | 'new_arrival' | 'trending' | 'popular_in_category' | 'matches_interest' | 'similar_users';

export interface Reason {
  kind: ReasonKind;
  text: string;
  /** The history item behind a "because you watched" reason. */
  item?: string;
}

const NEW_ARRIVAL_DAYS = 14;
const DAY_MS = 86_400_000;
/** How many hot items make the trending list: the longest page `GET /api/v1/trending` serves. */
export const TRENDING_LIST_SIZE = 100;
/**
 * Integration steps for a reason's contributions: one, the gradient at the midpoint times the
 * input. Reasons need only which signal led, not the exact amounts a score breakdown shows, and
 * every item of a ranked list (several pages deep) pays for them: eight steps doubled the CPU of
 * an uncached feed (bench:serve, 5.6 against 2.8 ms per request).
 */
const REASON_STEPS = 1;
/** Reasons per item at most: the deciding one and a couple that helped. */
const MAX_REASONS = 3;

/** What can put an item in a list, as reasons tell it. */
export type Signal = CandidateSourceName | 'freshness' | 'category' | 'session';

/**
 * The signal behind each ranker feature. A feature about the user alone (history length) shifts
 * every candidate alike, so it never explains why one item beat another.
 */
const FEATURE_SIGNALS: Readonly<Record<string, Signal>> = {
  cf_score: 'collaborative',
  neighbor_score: 'neighbors',
  ease_score: 'ease',
  content_similarity: 'content',
  log_popularity: 'popular',
  log_trend: 'trending',
  log_item_age_days: 'freshness',
  category_affinity: 'category',
  preferred_category: 'category',
  session_category_share: 'session',
  ...Object.fromEntries(CANDIDATE_SOURCES.map((source) => [`rank_${source}`, source])),
};

/** How the list's scores were made: by the ranker, or by the sources' weighted reciprocal ranks. */
export interface Scoring {
  /** The ranker that scored the list; null when the blend did (no ranker, a strategy without it, or a failed ranker). */
  ranker: RankerModel | null;
  /** The blend's per-source weights, in `CANDIDATE_SOURCES` order (1 each when absent). */
  blend?: ArrayLike<number>;
  /** The ranker's per-feature contributions of a list's entries, computed together (see `scoringOfList`), by their feature rows. */
  contributions?: WeakMap<Float32Array, Float32Array>;
}

/** The scoring of a whole list, the ranker's contributions for every scored entry computed in one batch. */
export function scoringOfList(scoring: Scoring, entries: readonly Pick<ServedEntry, 'features'>[]): Scoring {
  const { ranker } = scoring;
  const rows = entries.flatMap((entry) => (entry.features ? [entry.features] : []));
  if (!ranker || rows.length === 0) return scoring;
  const features = new Float32Array(rows.length * ranker.featureCount);
  rows.forEach((row, r) => features.set(row, r * ranker.featureCount));
  const all = explainRows(ranker, features, rows.length, REASON_STEPS);
  const contributions = new WeakMap(rows.map((row, r) => [row, all.subarray(r * ranker.featureCount, (r + 1) * ranker.featureCount)]));
  return { ...scoring, contributions };
}

export interface ExplanationContext {
  models: RecommenderModels;
  request: RecommendationRequest;
  signals: UserSignals;
  scoring: Scoring;
  titleOf: (item: number) => string;
  idOf: (item: number) => string;
  categoryOf: (item: number) => string | null;
  publishedAt: (item: number) => number | null;
}

/**
 * Each signal's part in the item's final score, largest first. With the ranker, its per-feature
 * contributions (relative to the average candidate) summed per signal; with the blend, each
 * source's weighted reciprocal rank, which is exactly what the blend adds up. Null when the item
 * was not scored at all (added after ranking).
 */
export function signalContributions(entry: Pick<ServedEntry, 'features'>, scoring: Scoring): [Signal, number][] | null {
  const { features } = entry;
  if (!features) return null;
  const totals = new Map<Signal, number>();
  const add = (signal: Signal | undefined, value: number) => signal && totals.set(signal, (totals.get(signal) ?? 0) + value);
  if (scoring.ranker) {
    const contributions = scoring.contributions?.get(features) ?? explainRow(scoring.ranker, features, REASON_STEPS);
    (scoring.ranker.featureNames ?? FEATURE_NAMES).forEach((name, f) => add(FEATURE_SIGNALS[name], contributions[f]!));
  } else {
    const firstRank = FEATURE_NAMES.indexOf(`rank_${CANDIDATE_SOURCES[0]}`);
    CANDIDATE_SOURCES.forEach((source, s) => add(source, (scoring.blend?.[s] ?? 1) * features[firstRank + s]!));
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** The items `GET /api/v1/trending` lists first, by model: the only items a reason may call trending. */
const trendingLists = new WeakMap<RecommenderModels['popularity'], Set<number>>();

export function inTrendingList(models: RecommenderModels, item: number): boolean {
  let list = trendingLists.get(models.popularity);
  if (!list) trendingLists.set(models.popularity, (list = new Set(topItems(models.popularity, 'hot', null, TRENDING_LIST_SIZE))));
  return list.has(item);
}

/** The trending reason, for an item in the trending list only. */
export function trendingReason(models: RecommenderModels, item: number): Reason | null {
  return inTrendingList(models, item) ? { kind: 'trending', text: 'Trending now' } : null;
}

/**
 * Human-readable reasons for one served item, strongest first. The first names the signal that
 * contributed most to the item's score (or, for an item that was never scored or that no signal
 * lifted, the placement or source that put it there); a signal that cannot be told truthfully (trending for an item
 * outside the trending list, "new" for an old item) gives way to the next.
 */
export function reasonsFor(entry: ServedEntry, context: ExplanationContext): Reason[] {
  const reasons: Reason[] = [];
  const add = (reason: Reason | null) => {
    if (reason && reasons.length < MAX_REASONS && !reasons.some((known) => known.kind === reason.kind)) reasons.push(reason);
  };
  // Placement outranks scores: an editor or the exploration share put these items where they are.
  if (entry.placement === 'pinned' || entry.placement === 'editorial') add({ kind: 'editors_pick', text: "Editor's pick" });
  if (entry.placement === 'explore') add(newArrival(entry.item, context) ?? { kind: 'new_arrival', text: 'New to the catalogue' });
  const contributions = signalContributions(entry, context.scoring) ?? [];
  for (const [signal, value] of contributions) if (value > 0) add(reasonOfSignal(signal, entry.item, context));
  // Unscored, or no signal lifted it above the average candidate: the sources that retrieved it say why it is here.
  if (reasons.length === 0) for (const signal of entry.sources.flatMap(signalOfSource)) add(reasonOfSignal(signal, entry.item, context));
  return reasons;
}

/** The signal a retrieving source stands for; editorial picks are told by their placement. */
function signalOfSource(source: ServedEntry['sources'][number]): Signal[] {
  if (source === 'editorial') return [];
  return [source === 'fresh' ? 'freshness' : source];
}

function reasonOfSignal(signal: Signal, item: number, context: ExplanationContext): Reason | null {
  const category = context.categoryOf(item);
  switch (signal) {
    case 'neighbors': {
      const source = context.signals.strongestSource.get(item);
      return source === undefined ? similarUsers : { kind: 'because_you_watched', text: `Because you watched ${context.titleOf(source)}`, item: context.idOf(source) };
    }
    case 'session': {
      const source = newestInCategory(item, context);
      return source === undefined ? null : { kind: 'because_you_watched', text: `Because you recently watched ${context.titleOf(source)}`, item: context.idOf(source) };
    }
    case 'ease': {
      // EASE's score is a sum over the history: the item of it that adds the most is why.
      const source = strongestEaseSource(item, context);
      return source === undefined ? similarUsers : { kind: 'because_you_watched', text: `Because you watched ${context.titleOf(source)}`, item: context.idOf(source) };
    }
    case 'collaborative':
      return similarUsers;
    case 'content':
    case 'category':
      return { kind: 'matches_interest', text: category ? `Matches your interest in ${category}` : 'Matches your interests' };
    case 'popular':
      return { kind: 'popular_in_category', text: category ? `Popular in ${category}` : 'Popular with everyone' };
    case 'trending':
      return trendingReason(context.models, item);
    case 'freshness':
      return newArrival(item, context);
  }
}

/** The history item whose EASE weight toward the item is largest (and positive); undefined when EASE does not model the item. */
function strongestEaseSource(item: number, { models, request }: ExplanationContext): number | undefined {
  const { ease } = models;
  const target = easePosition(models, item);
  if (!ease || target < 0) return undefined;
  const n = ease.items.length;
  let best: number | undefined;
  let bestWeight = 0;
  for (const source of request.history.items) {
    const position = easePosition(models, source);
    if (position < 0) continue;
    const weight = ease.weights[position * n + target]!;
    if (weight > bestWeight) {
      bestWeight = weight;
      best = source;
    }
  }
  return best;
}

/** The newest session item of the item's category: what the session signal saw. */
function newestInCategory(item: number, { models, request }: ExplanationContext): number | undefined {
  const category = models.itemCategory[item] ?? -1;
  if (category < 0) return undefined;
  return Array.from(request.recent ?? []).find((recent) => models.itemCategory[recent] === category);
}

const similarUsers: Reason = { kind: 'similar_users', text: 'Popular with people who like what you like' };

function newArrival(item: number, { publishedAt, request }: ExplanationContext): Reason | null {
  const published = publishedAt(item);
  return published !== null && request.now - published < NEW_ARRIVAL_DAYS * DAY_MS ? { kind: 'new_arrival', text: 'New arrival' } : null;
}

export interface ScoreBreakdown {
  baseline: number;
  contributions: { feature: string; value: number; contribution: number }[];
  /** What the exposure penalty (exposure.ts) took from the ranker's score; 0 when none. */
  exposure_penalty: number;
}

/** The ranker's score split into per-feature contributions that add up to score + exposurePenalty − baseline. */
export function scoreBreakdown(models: RecommenderModels, features: Float32Array, exposurePenalty: number): ScoreBreakdown | null {
  if (!models.ranker) return null;
  const contributions = explainRow(models.ranker, features);
  return {
    baseline: baselineScore(models.ranker),
    contributions: FEATURE_NAMES.map((feature, f) => ({ feature, value: features[f]!, contribution: contributions[f]! })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
    exposure_penalty: exposurePenalty,
  };
}

export type AdjustmentKind = 'boosted' | 'lowered' | 'moved_up_by_diversity' | 'moved_down_by_diversity' | 'exploration' | 'pinned';

/** Why an item sits away from where its score ranked it, as explanations show it. */
export interface AdjustmentNote {
  kind: AdjustmentKind;
  text: string;
}

/** What post-processing recorded doing to an item, in words. */
export function adjustmentNotes(adjustments: readonly Adjustment[]): AdjustmentNote[] {
  return adjustments.map((adjustment): AdjustmentNote => {
    switch (adjustment.kind) {
      case 'boost': {
        const rules = `${adjustment.rules.length > 1 ? 'rules' : 'rule'} ${adjustment.rules.join(', ')}`;
        const factor = `×${Number(adjustment.multiplier.toPrecision(3))}`;
        return adjustment.multiplier > 1 ? { kind: 'boosted', text: `Boosted by ${rules} (${factor})` } : { kind: 'lowered', text: `Lowered by ${rules} (${factor})` };
      }
      case 'diversity': {
        const places = Math.abs(adjustment.places);
        const by = `${places} ${places === 1 ? 'place' : 'places'}`;
        return adjustment.places > 0 ? { kind: 'moved_up_by_diversity', text: `Moved up ${by} by diversity` } : { kind: 'moved_down_by_diversity', text: `Moved down ${by} by diversity` };
      }
      case 'exploration':
        return { kind: 'exploration', text: 'Exploration slot' };
      case 'pin':
        return { kind: 'pinned', text: adjustment.rule ? `Pinned at ${adjustment.position} by rule ${adjustment.rule}` : `Pinned at ${adjustment.position}` };
    }
  });
}
