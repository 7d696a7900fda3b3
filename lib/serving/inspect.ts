import 'server-only';
import { attributeCuration, type CurationAttribution } from '@/lib/curation/preview';
import type { TargetItem, TargetItems } from '@/lib/curation/schema';
import { rulesForUser } from '@/lib/curation/segments';
import type { CurationRule } from '@/lib/curation/types';
import { getConnection } from '@/db';
import { resolveStrategy, type StrategyChoice } from '@/lib/experiments/serving';
import { CommandError } from '@/lib/runtime/command-errors';
import { DEFAULT_STRATEGY_KEY, PRESET_STRATEGIES, strategyConfigSchema, type StrategyConfig } from '@/lib/strategies/schema';
import { defaultStrategyKey, strategiesByKey } from '@/lib/strategies/store';
import type { Reason, ScoreBreakdown } from '@/lib/recommend/explain';
import { servingRecipeOf } from '@/lib/recommend/pipeline';
import { whyNot, type IneligibleReason, type WhyNotAnswer } from '@/lib/recommend/why-not';
import type { CatalogEntry } from './catalog';
import { servingSnapshot, type ServingSnapshot } from './context';
import { UnknownItemError, type Fallback, type FeedInput, type RankedList, type ServedItem } from './contract';
import { rankWithFallbacks } from './degrade';
import { ineligibility, type Ineligibility, type IneligibleKind } from './eligibility';
import { feedScope, listDepth, type RankingRequest } from './rank';
import { servingSettings } from './settings';
import { servingUser, type ServingUser } from './user';
import { servingUsers, type UserEntry } from './users';

/**
 * Looking at a user's feed without serving it: explain (where an item stands and why), why-not
 * and the curation preview. Nothing here is cached, logged as an impression or counted as an
 * experiment exposure, and every answer comes from the same ranking and eligibility rules the
 * feed is served with.
 */

/** The largest page a request may ask for; explanations rank this deep. */
const MAX_PAGE = 100;
/** Deep enough that every candidate of the default strategy is ranked: past it, an item was never proposed. */
const ALL_CANDIDATES_DEPTH = 1_000;

export interface FeedRanking {
  snapshot: ServingSnapshot;
  user: ServingUser;
  strategy: StrategyChoice;
  /**
   * The feed as a request for `n` items would rank it now (or ranked `depth` deep), optionally
   * without the curation rules, or under another strategy than the user's own.
   */
  rank(options?: { n?: number; depth?: number; withoutRules?: boolean; strategy?: StrategyChoice }): Promise<RankedList>;
  /** Why the item may not be shown to this user at all; empty when it may. */
  ineligibility(entry: CatalogEntry): Ineligibility[];
}

/** The user as serving sees them, and their feed ranked on demand. */
export async function feedRanking(userId: string, { explain = true } = {}): Promise<FeedRanking> {
  const snapshot = await servingSnapshot();
  const input: FeedInput = { userId, surface: 'feed', query: { n: MAX_PAGE, context: 'home', explain } };
  const user = await servingUser(input, snapshot.model, snapshot.weights, { requireStored: true });
  const strategy = await resolveStrategy({ id: userId, ...user.segment }, { recordExposure: false });
  const { diversity } = await servingSettings();
  const request: RankingRequest = { input, snapshot, user, strategy, diversity };
  const { rules } = feedScope(request, Date.now());
  return {
    snapshot,
    user,
    strategy,
    rank: async ({ n = MAX_PAGE, depth = listDepth(n), withoutRules = false, strategy: other = strategy } = {}) =>
      (await rankWithFallbacks({ ...request, strategy: other, input: { ...input, query: { ...input.query, n } }, snapshot: withoutRules ? { ...snapshot, rules: [] } : snapshot }, depth)).list,
    ineligibility: (entry) => ineligibility(entry, rules),
  };
}

export interface ExplainedFeed {
  user: string;
  /** What anyone who may explain a feed may know of the user: no preferences, attributes or history. */
  profile: RedactedProfile;
  items: ServedItem[];
  fallback: Fallback | null;
  model_version: number | null;
}

/** The user's first `n` items with reasons, sources and score breakdowns. */
export async function explainFeed(userId: string, n: number): Promise<ExplainedFeed> {
  const [{ snapshot, user, rank }, users] = await Promise.all([feedRanking(userId), servingUsers()]);
  const { items, fallback } = await rank({ n });
  const entry = users.get(userId);
  const profile = { known: entry !== undefined, data_sharing: entry?.dataSharing ?? null, interactions: user.strengths.size };
  return { user: userId, profile, items: items.slice(0, n), fallback, model_version: snapshot.model?.versionId ?? null };
}

export interface RedactedProfile {
  /** A profile is stored for this id. */
  known: boolean;
  data_sharing: UserEntry['dataSharing'] | null;
  /** Items the user has interacted with, in training and since. */
  interactions: number;
}

export interface ItemExplanation {
  user: string;
  item: { id: string; title: string; category: string | null };
  would_show: boolean;
  /** 1-based position in the user's feed, when it is among the items ranked for it. */
  position: number | null;
  score: number | null;
  reasons: Reason[];
  /** Why it would not be shown, when it would not. */
  excluded_because: string[];
  breakdown: ScoreBreakdown | null;
  model_version: number | null;
}

/** Why this item would or would not be shown to this user: its place in their feed, its score and its parts. */
export async function explainItem(userId: string, itemId: string): Promise<ItemExplanation> {
  const ranking = await feedRanking(userId);
  const { snapshot } = ranking;
  const entry = snapshot.catalog.get(itemId);
  if (!entry) throw new UnknownItemError(itemId);
  const base = { user: userId, item: { id: entry.id, title: entry.title, category: entry.category }, model_version: snapshot.model?.versionId ?? null };
  const list = await ranking.rank();
  const index = list.items.findIndex((item) => item.id === itemId);
  if (index >= 0) {
    const shown = list.items[index]!;
    return { ...base, would_show: true, position: index + 1, score: shown.score, reasons: shown.reasons, excluded_because: [], breakdown: shown.explanation ?? null };
  }
  const excluded = [...ranking.ineligibility(entry).map((reason) => reason.text), ...(snapshot.model ? [] : ['no model is active'])];
  return { ...base, would_show: false, position: null, score: null, reasons: [], excluded_because: excluded.length > 0 ? excluded : [`ranked below the first ${list.items.length} items for this user`], breakdown: null };
}

export interface WhyNotResult extends WhyNotAnswer {
  user: string;
  item: { id: string; title: string; category: string | null };
  cut: number;
  /** The item as ranked, when it was: its score, sources and score breakdown. */
  ranked: ServedItem | null;
  last_shown: ServedItem | null;
  model_version: number | null;
}

const VERDICT_OF: Record<IneligibleKind, IneligibleReason['verdict']> = {
  hidden: 'unavailable',
  unpublished: 'unavailable',
  expired: 'unavailable',
  placeholder: 'unavailable',
  excluded: 'unavailable',
  filtered: 'unavailable',
  blocked: 'blocked',
  disliked: 'disliked',
  seen: 'seen',
};

/** Why `itemId` is not among the first `cut` items of `userId`'s feed, as serving ranks it now. */
export async function explainWhyNot(userId: string, itemId: string, cut: number): Promise<WhyNotResult> {
  const ranking = await feedRanking(userId);
  const { snapshot } = ranking;
  const entry = snapshot.catalog.get(itemId);
  if (!entry) throw new UnknownItemError(itemId);
  const feed = await ranking.rank({ n: cut });
  const feedIndex = feed.items.findIndex((item) => item.id === itemId);
  const deep = feedIndex >= 0 || !snapshot.model ? null : await ranking.rank({ n: cut, depth: ALL_CANDIDATES_DEPTH });
  const deepIndex = deep?.items.findIndex((item) => item.id === itemId) ?? -1;
  const ranked = feedIndex >= 0 ? feed.items[feedIndex]! : deepIndex >= 0 ? deep!.items[deepIndex]! : null;
  const lastShown = feed.items[Math.min(cut, feed.items.length) - 1] ?? null;

  const answer = whyNot({
    ineligible: ranking.ineligibility(entry).map((reason) => ({ verdict: VERDICT_OF[reason.kind], text: reason.text })),
    modelActive: snapshot.model !== null,
    cut,
    feedPosition: feedIndex >= 0 ? feedIndex + 1 : null,
    rankedPosition: deepIndex >= 0 ? deepIndex + 1 : null,
    rankedCount: deep?.items.length ?? feed.items.length,
    score: ranked?.score ?? null,
    lastShownScore: lastShown?.score ?? null,
    exposurePenalty: feed.fallback === null ? exposurePenaltyOf(snapshot, ranking.strategy, entry.id) : 0,
  });
  return { user: userId, item: { id: entry.id, title: entry.title, category: entry.category }, cut, ...answer, ranked, last_shown: lastShown, model_version: snapshot.model?.versionId ?? null };
}

/** What the exposure penalty takes from the item's score in this user's ranking: only the stacker's scores carry it (serve.ts), so not a fallback's. */
function exposurePenaltyOf({ model }: ServingSnapshot, strategy: StrategyChoice, itemId: string): number {
  if (!model?.ranker || strategy.config.ranker !== 'active' || servingRecipeOf(model.models) !== 'stacker') return 0;
  const index = model.itemIndex.get(itemId);
  return index === undefined ? 0 : (model.models.exposurePenalty?.[index] ?? 0);
}

export interface FeedPreview {
  user: string;
  model_version: number | null;
  fallback: Fallback | null;
  /** The rules in force for this user now, in the order serving applies them. */
  rules: CurationRule[];
  /** The items the item rules target, for naming them. */
  targets: TargetItems;
  curated: ServedItem[];
  uncurated: ServedItem[];
  /** Which rule placed, boosted or removed each item. */
  attribution: CurationAttribution;
}

/** The user's first page computed now, with the curation rules and without them, for editors to see what their rules change. */
export async function previewFeed(userId: string, n: number): Promise<FeedPreview> {
  const { snapshot, user, rank } = await feedRanking(userId, { explain: false });
  const [curatedList, uncuratedList] = await Promise.all([rank({ n }), rank({ n, withoutRules: true })]);
  const rules = rulesForUser(snapshot.rules, user.segment);
  const curated = curatedList.items.slice(0, n);
  const uncurated = uncuratedList.items.slice(0, n);
  const targets = new Map<string, TargetItem>();
  for (const rule of rules) {
    const entry = rule.targetType === 'item' ? snapshot.catalog.get(rule.target) : undefined;
    if (entry) targets.set(entry.id, { title: entry.title, category: entry.category });
  }
  return {
    user: userId,
    model_version: curatedList.modelVersion,
    fallback: curatedList.fallback,
    rules,
    targets,
    curated,
    uncurated,
    attribution: attributeCuration(rules, curated, uncurated, (id) => snapshot.catalog.get(id)),
  };
}

export interface StrategyFeed {
  strategy: string;
  /** The stored version ranked with; null for an unsaved config. */
  version: number | null;
  fallback: Fallback | null;
  items: ServedItem[];
}

export interface StrategyPreview {
  user: string;
  model_version: number | null;
  /** The feed under the config as edited, not saved. */
  preview: StrategyFeed;
  /** The feed under the default strategy, for comparison. */
  default: StrategyFeed;
}

/** What the strategy being edited would serve `userId`, beside what the default strategy serves them; nothing is saved, served or recorded. */
export async function previewStrategy(userId: string, config: StrategyConfig, n: number): Promise<StrategyPreview> {
  const ranking = await feedRanking(userId);
  const conn = await getConnection();
  const defaultKey = await defaultStrategyKey(conn.db);
  const [defaultChoice] = await storedChoices([defaultKey], { missing: () => builtInDefault() });
  const unsaved: StrategyChoice = { strategyKey: 'preview', strategyVersion: 0, config, experiment: null, variant: null };
  const [preview, current] = await Promise.all([strategyFeed(ranking, unsaved, n), strategyFeed(ranking, defaultChoice!, n)]);
  return { user: userId, model_version: ranking.snapshot.model?.versionId ?? null, preview: { ...preview, version: null }, default: current };
}

export interface StrategyFeeds {
  user: string;
  model_version: number | null;
  feeds: StrategyFeed[];
}

/** The user's feed under each named strategy, side by side, in the order named; nothing is served or recorded. */
export async function feedsByStrategy(userId: string, keys: readonly string[], n: number): Promise<StrategyFeeds> {
  const ranking = await feedRanking(userId);
  const choices = await storedChoices(keys, {
    missing: (key) => {
      throw CommandError.notFound('strategy', key);
    },
  });
  const feeds = await Promise.all(choices.map((choice) => strategyFeed(ranking, choice, n)));
  return { user: userId, model_version: ranking.snapshot.model?.versionId ?? null, feeds };
}

async function strategyFeed(ranking: FeedRanking, choice: StrategyChoice, n: number): Promise<StrategyFeed> {
  const list = await ranking.rank({ n, strategy: choice });
  return { strategy: choice.strategyKey, version: choice.strategyVersion, fallback: list.fallback, items: list.items.slice(0, n) };
}

/** Stored strategies as serving would rank with them, in the order asked; a config serving would refuse is refused here too. */
async function storedChoices(keys: readonly string[], { missing }: { missing: (key: string) => StrategyChoice }): Promise<StrategyChoice[]> {
  const stored = await strategiesByKey((await getConnection()).db, keys);
  return keys.map((key) => {
    const strategy = stored.get(key);
    if (!strategy) return missing(key);
    const config = strategyConfigSchema.safeParse(strategy.config);
    if (!config.success) throw CommandError.conflict(`strategy '${key}' v${strategy.version} has a config serving refuses: ${config.error.issues[0]?.message}`);
    return { strategyKey: key, strategyVersion: strategy.version, config: config.data, experiment: null, variant: null };
  });
}

/** What serving falls back to when the default strategy cannot be read (lib/experiments/serving.ts). */
function builtInDefault(): StrategyChoice {
  return { strategyKey: DEFAULT_STRATEGY_KEY, strategyVersion: 0, config: PRESET_STRATEGIES.hybrid, experiment: null, variant: null };
}
