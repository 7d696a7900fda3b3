import { explainRow, baselineScore } from '@/lib/models/ranker/mlp';
import { FEATURE_NAMES } from './features';
import type { RecommenderModels } from './models';
import type { Adjustment } from './postprocess';
import type { RecommendationRequest } from './request';
import type { ServedEntry } from './serve';
import type { UserSignals } from './signals';

export type ReasonKind = 'because_you_watched' | 'editors_pick' | 'new_arrival' | 'trending' | 'popular_in_category' | 'matches_interest' | 'similar_users';

export interface Reason {
  kind: ReasonKind;
  text: string;
  /** The history item behind a "because you watched" reason. */
  item?: string;
}

export interface ExplanationContext {
  models: RecommenderModels;
  request: RecommendationRequest;
  signals: UserSignals;
  titleOf: (item: number) => string;
  idOf: (item: number) => string;
  categoryOf: (item: number) => string | null;
  publishedAt: (item: number) => number | null;
}

const NEW_ARRIVAL_DAYS = 14;
const DAY_MS = 86_400_000;

/** Human-readable reasons for one served item, strongest first, from its sources and the user's signals. */
export function reasonsFor(entry: ServedEntry, context: ExplanationContext): Reason[] {
  const reasons: Reason[] = [];
  const { models, request, signals } = context;
  if (entry.placement === 'pinned' || entry.placement === 'editorial' || entry.sources.includes('editorial')) reasons.push({ kind: 'editors_pick', text: "Editor's pick" });
  const source = signals.strongestSource.get(entry.item);
  if (source !== undefined) reasons.push({ kind: 'because_you_watched', text: `Because you watched ${context.titleOf(source)}`, item: context.idOf(source) });
  const category = context.categoryOf(entry.item);
  const categoryIndex = entry.item < models.itemCategory.length ? models.itemCategory[entry.item]! : -1;
  if (category && categoryIndex >= 0 && (signals.preferredCategories.has(categoryIndex) || signals.categoryAffinity[categoryIndex]! >= 0.15)) {
    reasons.push({ kind: 'matches_interest', text: `Matches your interest in ${category}` });
  }
  const published = context.publishedAt(entry.item);
  if (entry.placement === 'explore' || entry.sources.includes('fresh') || (published !== null && request.now - published < NEW_ARRIVAL_DAYS * DAY_MS)) reasons.push({ kind: 'new_arrival', text: 'New arrival' });
  if (entry.sources.includes('trending')) reasons.push({ kind: 'trending', text: 'Trending now' });
  if (entry.sources.includes('popular') && category) reasons.push({ kind: 'popular_in_category', text: `Popular in ${category}` });
  if (reasons.length === 0 && (entry.sources.includes('collaborative') || entry.sources.includes('ease'))) reasons.push({ kind: 'similar_users', text: 'Popular with people who like what you like' });
  if (reasons.length === 0 && category) reasons.push({ kind: 'popular_in_category', text: `Popular in ${category}` });
  return reasons;
}

export interface ScoreBreakdown {
  baseline: number;
  contributions: { feature: string; value: number; contribution: number }[];
}

/** The ranker's score split into per-feature contributions that add up to score − baseline. */
export function scoreBreakdown(models: RecommenderModels, features: Float32Array): ScoreBreakdown | null {
  if (!models.ranker) return null;
  const contributions = explainRow(models.ranker, features);
  return {
    baseline: baselineScore(models.ranker),
    contributions: FEATURE_NAMES.map((feature, f) => ({ feature, value: features[f]!, contribution: contributions[f]! })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
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
