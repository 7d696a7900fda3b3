import { CANDIDATE_SOURCES, type CandidateSourceName } from './candidates/types';

/**
 * How the console names the pipeline's parts. Free of server code, so client components read it,
 * and the one place a source or a ranker feature gets its human name.
 */

export const SOURCE_LABELS: Record<CandidateSourceName, string> = {
  collaborative: 'Collaborative (ALS)',
  neighbors: 'Item neighbours',
  ease: 'EASE',
  content: 'Content (text)',
  popular: 'Popular',
  trending: 'Trending',
};

export interface FeatureLabel {
  /** Short, for chart axes; units in brackets. */
  label: string;
  /** What the value measures, for tooltips. */
  description: string;
}

const SOURCE_RANK_LABELS = Object.fromEntries(
  CANDIDATE_SOURCES.map((source) => [
    `rank_${source}`,
    { label: `${SOURCE_LABELS[source]} rank`, description: `How high the ${SOURCE_LABELS[source].toLowerCase()} source placed the item: 1/rank, 0 when it did not propose it` },
  ]),
);

/** Every ranker feature (lib/recommend/features.ts) by key; a unit test keeps the two lists together. */
export const FEATURE_LABELS: Record<string, FeatureLabel> = {
  cf_score: { label: 'Collaborative match', description: "Dot product of the user's and the item's ALS factors" },
  neighbor_score: { label: 'Like items you liked', description: "Summed item-to-item similarity to the user's history" },
  ease_score: { label: 'EASE score', description: "The EASE model's score for the item given the user's history" },
  content_similarity: { label: 'Content similarity', description: "Cosine of the item's text vector and the user's content profile, −1 to 1" },
  log_popularity: { label: 'Popularity (all time, log)', description: 'log(1 + all-time interaction score)' },
  log_trend: { label: 'Trend (recent, log)', description: 'log(1 + recent, decayed interaction score)' },
  log_item_age_days: { label: 'Item age (days, log)', description: 'log(1 + days since publication); −1 when the date is unknown' },
  category_affinity: { label: 'Category affinity', description: "Share of the user's interest in the item's category, 0 to 1" },
  preferred_category: { label: 'Preferred category', description: '1 when the item is in a category the user said they like, else 0' },
  log_history_length: { label: 'History length (items, log)', description: "log(1 + items in the user's history)" },
  session_category_share: { label: 'Session in this category', description: "Share of the user's newest interactions in the item's category, the newest weighing most, 0 to 1" },
  ...SOURCE_RANK_LABELS,
};

/** The feature's readable name; an unknown key (a model from another release) shows as itself. */
export function featureLabel(feature: string): FeatureLabel {
  return FEATURE_LABELS[feature] ?? { label: feature, description: feature };
}
