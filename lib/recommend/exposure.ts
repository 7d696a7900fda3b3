/**
 * Coverage. A stacker ranks the same few hundred popular items first for almost everyone
 * (ml-latest-small: 7% of the catalogue reaches anyone's top 10). At training, the version's
 * own pipeline ranks a sample of users, and each item's exposure is the share of them whose
 * first page holds it. Serving subtracts weight · spread · log(1 + EXPOSURE_SCALE · exposure)
 * from the stacker's score, where spread is the median gap between a sampled user's first and
 * last item on that page: the penalty is in the version's own units, so one weight means the
 * same for every training run. An item already shown to many gives way to a near-equal one
 * shown to few, and items the stacker is sure of stay on top. The penalty needs no labels, so
 * measuring it on the users it will serve is fair; the default weight was chosen on a
 * validation split of ml-latest-small's training part (README, Offline evaluation).
 */
import type { RecommenderModels } from './models';

/** Exposure is counted per this many users, so a weight means the same whatever the sample size. */
export const EXPOSURE_SCALE = 500;
/** Users ranked to measure exposure: every user of a small catalogue, and enough on a large one that a share of 1% is twenty users. */
export const EXPOSURE_SAMPLE = 2_000;
/** Exposure counts the items of each sampled user's first page. */
export const EXPOSURE_K = 10;
/** The default weight, in units of the version's score spread; 0 turns the penalty off. */
export const DEFAULT_EXPOSURE_WEIGHT = 0.06;

/** One sampled user's first page under the unpenalized stacker: items and their scores, best first. */
export interface RankedPage {
  items: ArrayLike<number>;
  scores: ArrayLike<number>;
}

/** Each item's penalty from the sampled pages (see the top of this file); all zeros without pages. */
export function exposurePenalties(itemCount: number, pages: Iterable<RankedPage>, weight: number): Float32Array {
  const counts = new Float64Array(itemCount);
  const spreads: number[] = [];
  let pageCount = 0;
  for (const page of pages) {
    for (let n = 0; n < page.items.length; n++) counts[page.items[n]!]! += 1;
    if (page.scores.length >= 2) spreads.push(page.scores[0]! - page.scores[page.scores.length - 1]!);
    pageCount++;
  }
  const unit = weight * median(spreads);
  return Float32Array.from(counts, (count) => (pageCount === 0 ? 0 : unit * Math.log1p((EXPOSURE_SCALE * count) / pageCount)));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Evenly spaced users, at most `count`: deterministic, and spread over the whole id range. */
export function exposureSample(userCount: number, count = EXPOSURE_SAMPLE): number[] {
  const size = Math.min(count, userCount);
  return Array.from({ length: size }, (_, i) => Math.floor((i * userCount) / size));
}

/** Stacker scores less each candidate's exposure penalty, in place; items newer than the version have none. */
export function penalizeExposure(models: Pick<RecommenderModels, 'exposurePenalty'>, items: ArrayLike<number>, scores: Float32Array): Float32Array {
  const penalties = models.exposurePenalty;
  if (!penalties) return scores;
  for (let c = 0; c < scores.length; c++) scores[c]! -= penalties[items[c]!] ?? 0;
  return scores;
}
