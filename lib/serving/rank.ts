import { murmur3 } from '@/lib/experiments/assignment';
import type { StrategyChoice } from '@/lib/experiments/serving';
import type { UserHistory } from '@/lib/models/types';
import { CANDIDATE_SOURCES } from '@/lib/recommend/candidates';
import { servingRecipeOf } from '@/lib/recommend/pipeline';
import { recipeSourceWeights } from '@/lib/recommend/recipes';
import { adjustmentNotes, reasonsFor, scoreBreakdown, scoringOfList, type ExplanationContext } from '@/lib/recommend/explain';
import type { CurationDirective } from '@/lib/recommend/postprocess';
import type { RecommendationRequest } from '@/lib/recommend/request';
import { serveRecommendations, type ServedEntry, type StageTimings } from '@/lib/recommend/serve';
import { effectiveLambda, type DiversityDefaults } from '@/lib/settings/serving';
import { sharingPolicy } from '@/lib/users/privacy';
import { itemSpaceOf, type ItemSpace, type ServingSnapshot } from './context';
import { ANCHOR_STRENGTH, contextPolicy, FAVOURED_BOOST, type ContextPolicy } from './context-policy';
import { roundScore, type FeedInput, type RankedList, type ServedItem } from './contract';
import { curationFor, editorialPlacements, type RequestCuration } from './curation';
import { blockedModelItems, eligibilityRules, spaceEligibility, type EligibilityRules, type SpaceEligibility } from './eligibility';
import type { ServingModel } from './model';
import type { ServingUser } from './user';

/** Ranked deeper than one page (at least two pages) so the next pages come from the same list, never repeating it. */
const LIST_DEPTH = 60;

export function listDepth(n: number): number {
  return Math.max(LIST_DEPTH, 2 * n);
}

/** Everything a feed ranking reads, gathered once per request by feed.ts (or inspect.ts). */
export interface RankingRequest {
  input: FeedInput;
  snapshot: ServingSnapshot;
  user: ServingUser;
  strategy: StrategyChoice;
  diversity: DiversityDefaults;
}

export interface Ranked {
  list: RankedList;
  timings: Partial<StageTimings>;
}

/** What the request's page, curation and user allow, before any model is involved. */
export interface FeedScope {
  policy: ContextPolicy;
  curation: RequestCuration;
  rules: EligibilityRules;
}

export function feedScope({ input, snapshot, user }: Pick<RankingRequest, 'input' | 'snapshot' | 'user'>, now: number): FeedScope {
  const policy = contextPolicy(input.query, (id) => snapshot.catalog.get(id));
  const curation = curationFor(snapshot.rules, user.segment, { placements: policy.editorial });
  const rules = eligibilityRules({
    now,
    blocks: curation.blocks,
    excluded: new Set(policy.excluded),
    categories: policy.filter ? new Set(policy.filter) : null,
    user: { seen: user.seen, negatives: user.negatives },
  });
  return { policy, curation, rules };
}

/** The request in the model's terms, with the eligibility predicate over its item space. */
export interface PreparedRanking {
  space: ItemSpace;
  scope: FeedScope;
  eligibility: SpaceEligibility;
  recommendation: RecommendationRequest;
  negatives: number[];
}

export function prepareRanking(request: RankingRequest, model: ServingModel): PreparedRanking {
  const now = Date.now();
  const space = itemSpaceOf(model, request.snapshot.catalog);
  const scope = feedScope(request, now);
  const { user } = request;
  const strengths = scope.policy.anchor ? new Map(user.strengths).set(scope.policy.anchor, Math.max(user.strengths.get(scope.policy.anchor) ?? 0, ANCHOR_STRENGTH)) : user.strengths;
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
  const seen: number[] = [];
  for (const itemId of user.seen) {
    const item = space.indexOf(itemId);
    if (item !== undefined) seen.push(item);
  }
  // Blocked items count as seen for the candidate sources, so they propose others in their place.
  for (const item of blockedModelItems(space, scope.curation.blocks)) seen.push(item);
  const history: UserHistory = { items: Uint32Array.from(items), strengths: Float32Array.from(values) };
  return {
    space,
    scope,
    eligibility: spaceEligibility(space, scope.rules),
    recommendation: {
      // Without behavioural sharing the user's trained row (factors, precomputed lists) is not theirs to use.
      user: user.surface === 'session' || !sharingPolicy(user.dataSharing).behaviour ? null : (model.userIndex.get(user.id) ?? null),
      history,
      recent: user.recent.flatMap((itemId) => model.itemIndex.get(itemId) ?? []),
      seen,
      preferredCategories: [...user.preferredCategories, ...scope.policy.interests],
      now,
      count: request.input.query.n,
    },
    negatives,
  };
}

/** The full pipeline: candidates → features → ranker → post-processing, `depth` deep. Throws when a stage fails; degrade.ts catches. */
export async function rankFeed(request: RankingRequest, model: ServingModel, depth: number): Promise<Ranked> {
  const { input, strategy, user } = request;
  const { config } = strategy;
  const { space, scope, eligibility, recommendation, negatives } = prepareRanking(request, model);
  const blend = CANDIDATE_SOURCES.map((source) => config.blend[source]);
  const { picks, pinned } = editorialPlacements(scope.curation, space, eligibility);
  const result = await serveRecommendations(model, recommendation, {
    allowed: eligibility.allowed,
    negatives,
    picks,
    directives: [...scope.curation.directives, ...favouredBoosts(scope.policy)],
    pinned,
    quotas: config.quotas,
    useRanker: config.ranker === 'active',
    blend,
    // Pages hold the category cap: each page of n is diversified on its own.
    diversity: { lambda: effectiveLambda(config.diversityLambda, request.diversity), maxPerCategory: request.diversity.max_per_category, similarity: contentSimilarity(model, space), pageSize: input.query.n },
    exploration:
      scope.policy.exploration && config.explorationShare > 0 ? { share: config.explorationShare, pool: space.newArrivals.filter((item) => eligibility.allowed(item)), seed: murmur3(user.id) } : null,
    facts: space,
    depth,
    offset: 0,
  });
  // Reasons explain the scores as they were made: by the ranker, or by the blend when the strategy has none or it failed.
  // The ranker explains the list only when it ordered it: a version may serve a source's order instead (recipes.ts).
  const recipe = servingRecipeOf(model.models);
  const byRecipe = config.ranker === 'active' && recipe !== 'stacker';
  const ranked = config.ranker === 'active' && !result.rankerFailed && recipe === 'stacker';
  const scoring = scoringOfList({ ranker: ranked ? model.models.ranker : null, blend: byRecipe ? recipeSourceWeights(recipe) : blend }, result.entries);
  const items = result.entries.map((entry) => servedItem(entry, model, space, { request: recommendation, signals: result.signals, scoring }, input.query.explain));
  return { list: { ...listIdentity(request), modelVersion: model.versionId, fallback: result.rankerFailed ? 'ranker' : null, items }, timings: result.timings };
}

/** Who a list was ranked for and how: the part every list of this request shares. */
export function listIdentity({ user, strategy }: Pick<RankingRequest, 'user' | 'strategy'>): Pick<RankedList, 'userId' | 'strategy' | 'experiment' | 'variant'> {
  return { userId: user.id, strategy: strategy.strategyKey, experiment: strategy.experiment, variant: strategy.variant };
}

function favouredBoosts(policy: ContextPolicy): CurationDirective[] {
  return policy.favoured.map((category) => ({ kind: 'boost', targetType: 'category', target: category, position: null, boost: FAVOURED_BOOST }));
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

/** An item of the space as the wire shows it, before reasons. */
export function describeItem(space: ItemSpace, item: number, score: number): Omit<ServedItem, 'reasons'> {
  const entry = space.entryOf(item);
  return { id: space.id(item), title: entry?.title ?? '', category: entry?.category ?? null, score: roundScore(score) };
}

function servedItem(entry: ServedEntry, model: ServingModel, space: ItemSpace, list: Pick<ExplanationContext, 'request' | 'signals' | 'scoring'>, explain: boolean): ServedItem {
  const reasons = reasonsFor(entry, {
    ...list,
    models: model.models,
    titleOf: (item) => space.entryOf(item)?.title || space.id(item),
    idOf: (item) => space.id(item),
    categoryOf: (item) => space.category(item),
    publishedAt: (item) => space.entryOf(item)?.publishedAt ?? null,
  });
  return {
    ...describeItem(space, entry.item, entry.score),
    reasons,
    ...(explain && {
      sources: entry.sources,
      // The penalty is in the score only when the ranker made it (serve.ts).
      explanation: entry.features ? scoreBreakdown(model.models, entry.features, list.scoring.ranker ? (model.models.exposurePenalty?.[entry.item] ?? 0) : 0) : null,
      score_rank: entry.scoreRank,
      adjustments: adjustmentNotes(entry.adjustments),
    }),
  };
}
