import { z } from 'zod';
import type { InteractionLog, TrainingData } from './data';
import type { ItemScorer } from './types';

/**
 * Non-personal rankings from the interaction log: what is popular, hot, rising and fresh, over
 * the whole catalogue and per category. They serve users nobody knows yet, fill rows a
 * personal model cannot, and all-time popularity is the baseline every model must beat.
 *
 * Everything is measured back from `TrainingData.now`. Only positive interactions count:
 * a skip is not engagement, and letting dislikes cancel likes would hide controversial hits.
 */

const DAY_MS = 86_400_000;

export const popularityParamsSchema = z
  .object({
    /**
     * `hot` halves an interaction's weight every this many days. A day suits a live service;
     * for a dataset whose history spans years, use weeks or months or `hot` holds only the
     * last few days before `now`.
     */
    hotHalfLifeDays: z.number().positive().default(1),
    /** `rising` compares engagement in this recent window ... */
    risingWindowDays: z.number().positive().default(1),
    /** ... with the item's own rate over this much time before it. */
    risingBaselineDays: z.number().positive().default(28),
    /**
     * Pseudo-engagement (in strength units) every item is assumed to have: `rising` needs more
     * evidence than this before a ratio means anything, so an item going from 1 to 3 clicks does
     * not outrank one going from 500 to 1,500; and `fresh` can rank brand-new items nobody has
     * touched yet, by recency.
     */
    priorStrength: z.number().positive().default(5),
    /** `fresh` holds items published this recently ... */
    freshWindowDays: z.number().positive().default(14),
    /** ... their engagement halved for every this many days of age, so newer beats merely earlier. */
    freshHalfLifeDays: z.number().positive().default(3),
    /** Precomputed list length, overall and per category: room for serving to filter out hidden and seen items. */
    listLength: z.number().int().min(1).max(100_000).default(500),
  })
  .strict();

export type PopularityParams = z.infer<typeof popularityParamsSchema>;

export const POPULARITY_VARIANTS = ['allTime', 'hot', 'rising', 'fresh'] as const;
export type PopularityVariant = (typeof POPULARITY_VARIANTS)[number];

/** One variant's scores and its precomputed rankings, as typed arrays for the model bundle. */
export interface PopularityRanking {
  /** Per item; higher ranks first. */
  scores: Float32Array;
  /**
   * Ranked lists, best first, concatenated: the whole catalogue's, then one per category in
   * `PopularityModel.categories` order. List `l` is `items[offsets[l] .. offsets[l + 1])`.
   * Only items with evidence for the variant are listed, so a list can be short or empty.
   */
  items: Uint32Array;
  offsets: Uint32Array;
}

export interface PopularityModel {
  /** Distinct item categories, sorted. */
  categories: string[];
  variants: Record<PopularityVariant, PopularityRanking>;
}

export function computePopularity(data: TrainingData, input: z.input<typeof popularityParamsSchema> = {}): PopularityModel {
  const params = popularityParamsSchema.parse(input);
  const { categories, itemCategory } = categoriesOf(data);
  const allTime = distinctPositiveUsers(data);
  const engagement = recentEngagement(data, params);
  const hot = Float32Array.from(engagement.hot);
  const rising = risingScores(data, engagement, params);
  const fresh = freshScores(data, engagement.total, params);
  // Equal scores go to the item more people like, then to the lower index: rankings never depend on sort stability.
  const rank = (scores: Float32Array, listed: (item: number) => boolean) => rankings(scores, listed, allTime, itemCategory, categories.length, params.listLength);
  return {
    categories,
    variants: {
      allTime: rank(allTime, (item) => allTime[item]! > 0),
      hot: rank(hot, (item) => hot[item]! > 0),
      // Listed only when actually growing: a flat or falling item is not rising, however big.
      rising: rank(rising, (item) => engagement.recent[item]! > 0 && rising[item]! > 1),
      fresh: rank(fresh, (item) => fresh[item]! > 0),
    },
  };
}

/** Up to `n` item indices, best first, for the variant over the whole catalogue (`null`) or one category. Empty for an unknown category. */
export function topItems(model: PopularityModel, variant: PopularityVariant, category: string | null, n = Number.POSITIVE_INFINITY): Uint32Array {
  const list = category === null ? 0 : (categoryIndexOf(model).get(category) ?? -1) + 1;
  if (list === 0 && category !== null) return new Uint32Array(0);
  const { items, offsets } = model.variants[variant];
  const start = offsets[list]!;
  return items.subarray(start, Math.min(offsets[list + 1]!, start + n));
}

/** All-time popularity as a scorer: the baseline for offline evaluation. */
export function popularityScorer(model: PopularityModel): ItemScorer {
  const { scores } = model.variants.allTime;
  return {
    name: 'popularity',
    scoreItems(_user, _history, out) {
      out.set(scores);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scores

/**
 * All-time popularity is the number of distinct users whose interactions with the item sum to
 * something positive, not the summed strength: one binge-watcher or a scripted client replaying
 * events cannot buy a top spot, a like followed by a dislike does not count, and it is what a
 * hit-rate or NDCG over held-out users rewards.
 */
function distinctPositiveUsers(data: TrainingData): Float32Array {
  const counts = new Float32Array(data.itemIds.length);
  for (const item of data.positives.indices) counts[item]! += 1;
  for (const item of data.anonymous?.positives.indices ?? []) counts[item]! += 1;
  return counts;
}

interface Engagement {
  /** Positive strength, exponentially decayed by age. */
  hot: Float64Array;
  /** Positive strength within the rising window. */
  recent: Float64Array;
  /** Positive strength within the baseline period before it. */
  baseline: Float64Array;
  /** Positive strength up to `now`. */
  total: Float64Array;
}

/** One pass over the logs (the users' and the anonymous one) for every time-based variant. */
function recentEngagement(data: TrainingData, params: PopularityParams): Engagement {
  const itemCount = data.itemIds.length;
  const engagement: Engagement = {
    hot: new Float64Array(itemCount),
    recent: new Float64Array(itemCount),
    baseline: new Float64Array(itemCount),
    total: new Float64Array(itemCount),
  };
  addEngagement(engagement, data.log, data.now, params);
  if (data.anonymous) addEngagement(engagement, data.anonymous.log, data.now, params);
  return engagement;
}

function addEngagement(engagement: Engagement, log: InteractionLog, now: number, params: PopularityParams): void {
  const decayPerMs = Math.LN2 / (params.hotHalfLifeDays * DAY_MS);
  const windowMs = params.risingWindowDays * DAY_MS;
  const baselineEndMs = windowMs + params.risingBaselineDays * DAY_MS;
  for (let event = 0; event < log.length; event++) {
    const strength = log.strength[event]!;
    if (!(strength > 0)) continue;
    const item = log.item[event]!;
    // An event stamped a little after `now` (clocks on ingest hosts drift) counts as happening now.
    const ageMs = Math.max(0, now - log.timestamp[event]!);
    engagement.total[item]! += strength;
    engagement.hot[item]! += strength * Math.exp(-decayPerMs * ageMs);
    if (ageMs < windowMs) engagement.recent[item]! += strength;
    else if (ageMs < baselineEndMs) engagement.baseline[item]! += strength;
  }
}

/**
 * Recent engagement against what the item's own baseline rate predicts for the window, both
 * smoothed by the prior: (recent + prior) / (expected + prior). The baseline rate is taken over
 * the part of the baseline period the item was actually published for, so a week-old release
 * is compared with its own first days, not with weeks it did not exist. An item published
 * inside the window has no baseline: only the prior stands for it.
 */
function risingScores(data: TrainingData, engagement: Engagement, params: PopularityParams): Float32Array {
  const scores = new Float32Array(data.itemIds.length);
  const windowMs = params.risingWindowDays * DAY_MS;
  const baselineMs = params.risingBaselineDays * DAY_MS;
  const windowStart = data.now - windowMs;
  for (let item = 0; item < scores.length; item++) {
    const publishedAt = data.items[item]?.publishedAt ?? null;
    const observedMs = publishedAt === null ? baselineMs : Math.min(baselineMs, Math.max(0, windowStart - publishedAt));
    const expected = observedMs > 0 ? (engagement.baseline[item]! * windowMs) / observedMs : 0;
    scores[item] = (engagement.recent[item]! + params.priorStrength) / (expected + params.priorStrength);
  }
  return scores;
}

/** Items published within the window: (prior + engagement so far), halved every half-life of age. Zero for everything else. */
function freshScores(data: TrainingData, totalEngagement: Float64Array, params: PopularityParams): Float32Array {
  const scores = new Float32Array(data.itemIds.length);
  const windowMs = params.freshWindowDays * DAY_MS;
  const decayPerMs = Math.LN2 / (params.freshHalfLifeDays * DAY_MS);
  for (let item = 0; item < scores.length; item++) {
    const publishedAt = data.items[item]?.publishedAt ?? null;
    if (publishedAt === null || publishedAt > data.now) continue;
    const ageMs = data.now - publishedAt;
    if (ageMs > windowMs) continue;
    scores[item] = (params.priorStrength + totalEngagement[item]!) * Math.exp(-decayPerMs * ageMs);
  }
  return scores;
}

// ---------------------------------------------------------------------------------------------
// Rankings

function categoriesOf(data: TrainingData): { categories: string[]; itemCategory: Int32Array } {
  const categories = [...new Set(data.items.flatMap((item) => (item.category === null ? [] : [item.category])))].sort();
  const index = new Map(categories.map((category, position) => [category, position]));
  const itemCategory = new Int32Array(data.itemIds.length).fill(-1);
  data.items.forEach((item, position) => {
    if (item.category !== null) itemCategory[position] = index.get(item.category)!;
  });
  return { categories, itemCategory };
}

/**
 * Sorts the listed items once, then deals them out in order to the overall list and their
 * category's list, each capped at `listLength`: one O(n log n) sort serves every category.
 */
function rankings(
  scores: Float32Array,
  listed: (item: number) => boolean,
  tieBreak: Float32Array,
  itemCategory: Int32Array,
  categoryCount: number,
  listLength: number,
): PopularityRanking {
  const ranked = Uint32Array.from({ length: scores.length }, (_, item) => item)
    .filter(listed)
    .sort((a, b) => scores[b]! - scores[a]! || tieBreak[b]! - tieBreak[a]! || a - b);
  const lists: number[][] = Array.from({ length: categoryCount + 1 }, () => []);
  for (const item of ranked) {
    const overall = lists[0]!;
    if (overall.length < listLength) overall.push(item);
    const category = itemCategory[item]!;
    const own = category >= 0 ? lists[category + 1]! : undefined;
    if (own && own.length < listLength) own.push(item);
  }
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, position) => (offsets[position + 1] = offsets[position]! + list.length));
  return { scores, items: Uint32Array.from(lists.flat()), offsets };
}

const categoryIndexes = new WeakMap<PopularityModel, Map<string, number>>();

function categoryIndexOf(model: PopularityModel): Map<string, number> {
  let index = categoryIndexes.get(model);
  if (!index) {
    index = new Map(model.categories.map((category, position) => [category, position]));
    categoryIndexes.set(model, index);
  }
  return index;
}
