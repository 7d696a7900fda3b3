import 'server-only';
import { getConnection } from '@/db';
import { similarItems } from '@/lib/models/item-knn';
import { topItems } from '@/lib/models/popularity';
import { trendingReason, TRENDING_LIST_SIZE } from '@/lib/recommend/explain';
import type { UserHistory } from '@/lib/models/types';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import type { ItemSpace, ServingSnapshot } from './context';
import type { Fallback, RankedList, ServedItem } from './contract';
import { isEligible, type EligibilityRules } from './eligibility';
import { describeItem, feedScope, listIdentity, prepareRanking, rankFeed, type Ranked, type RankingRequest } from './rank';
import { Refreshing } from './refreshing';

/**
 * The fallback ladder, in one place. A feed is ranked by the full pipeline; when no model is
 * active it is popular items (`no_model`); when the pipeline fails, the neighbours of the user's
 * recent items and then what is hot (`neighbors_trending`); when that fails too, popular items
 * (`popular`). A ranker failure keeps the candidates' own scores (`ranker`, set by the pipeline),
 * and a real-time store that did not answer is reported as `feature_store`.
 */
export async function rankWithFallbacks(request: RankingRequest, depth: number): Promise<Ranked> {
  const { model } = request.snapshot;
  const popular = async (fallback: Fallback): Promise<Ranked> => ({ list: { ...(await popularList(request, depth)), fallback }, timings: {} });
  if (!model) return popular('no_model');
  try {
    return await rankFeed(request, model, depth);
  } catch (error) {
    log.error('the recommendation pipeline failed; serving item neighbours and trending', error);
    try {
      const { space, eligibility, recommendation } = prepareRanking(request, model);
      const items = neighboursAndTrending(request.snapshot, space, recommendation.history, eligibility.allowed, depth);
      return { list: { ...listIdentity(request), modelVersion: model.versionId, fallback: 'neighbors_trending', items }, timings: {} };
    } catch (fallbackError) {
      log.error('the neighbour fallback failed too; serving popular items', fallbackError);
      return popular('popular');
    }
  }
}

/** What the response names as its fallback: the list's own, else a real-time store that did not answer. */
export function servedFallback(list: RankedList, degraded: boolean): Fallback | null {
  return list.fallback ?? (degraded ? 'feature_store' : null);
}

async function popularList(request: RankingRequest, depth: number): Promise<Omit<RankedList, 'fallback'>> {
  const { rules } = feedScope(request, Date.now());
  return { ...listIdentity(request), modelVersion: request.snapshot.model?.versionId ?? null, items: await popularItems(request.snapshot, rules, depth) };
}

/** How many of a recent item's neighbours the fallback takes, and how many recent items it reads. */
const FALLBACK_NEIGHBOURS = 20;
const FALLBACK_RECENT = 20;

/**
 * What serves when the pipeline (the ANN indexes, the ranker's inputs) fails but the model is
 * loaded: the precomputed neighbours of the user's strongest recent items, then what is hot.
 */
export function neighboursAndTrending(snapshot: ServingSnapshot, space: ItemSpace, history: UserHistory, allowed: (item: number) => boolean, depth: number): ServedItem[] {
  const { models } = snapshot.model!;
  const scores = new Map<number, number>();
  const because = new Map<number, number>();
  const recent = Array.from(history.items.keys())
    .sort((a, b) => history.strengths[b]! - history.strengths[a]!)
    .slice(0, FALLBACK_RECENT);
  for (const h of recent) {
    const source = history.items[h]!;
    for (const { item, score } of similarItems(models.knn, source, FALLBACK_NEIGHBOURS)) {
      if (!allowed(item)) continue;
      if (score > (scores.get(item) ?? 0)) because.set(item, source);
      scores.set(item, (scores.get(item) ?? 0) + score);
    }
  }
  const entries: ServedItem[] = [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, depth)
    .map(([item, score]) => {
      const source = because.get(item)!;
      return { ...describeItem(space, item, score), reasons: [{ kind: 'because_you_watched', text: `Because you watched ${space.entryOf(source)?.title || space.id(source)}`, item: space.id(source) }] };
    });
  const taken = new Set(entries.map((entry) => entry.id));
  // Only the trending list itself, so that every item it adds is truly trending.
  for (const item of topItems(models.popularity, 'hot', null, TRENDING_LIST_SIZE)) {
    if (entries.length >= depth) break;
    const trending = trendingReason(models, item);
    if (!trending || !allowed(item) || taken.has(space.id(item))) continue;
    entries.push({ ...describeItem(space, item, 0), reasons: [trending] });
  }
  return entries;
}

const POPULAR_MAX_AGE_MS = 60_000;
const POPULAR_LIMIT = 500;
const POPULAR_DAYS = 30;

type PopularItem = { id: string; engagement: number };

/** Popular items straight from the events table: needs no model, so it serves when nothing else can. */
function popularState(): Refreshing<PopularItem[]> {
  return processSingleton(
    'serving-popular',
    () =>
      new Refreshing<PopularItem[]>(
        async () =>
          (await getConnection()).query<PopularItem>(
            `select i.external_id as id, count(*)::int as engagement from events e join items i on i.id = e.item_id
             where e.occurred_at > now() - interval '${POPULAR_DAYS} days' group by i.external_id order by engagement desc limit ${POPULAR_LIMIT}`,
          ),
        { maxAgeMs: POPULAR_MAX_AGE_MS },
      ),
  );
}

/**
 * The last line: what most people engaged with lately, among the items `rules` allow. With the
 * database gone too, the last list read is used; with nothing read yet, the list is empty rather
 * than an error.
 */
export async function popularItems(snapshot: ServingSnapshot, rules: EligibilityRules, depth: number): Promise<ServedItem[]> {
  const popular = await popularState()
    .get()
    .catch(() => [] as PopularItem[]);
  const items: ServedItem[] = [];
  for (const { id, engagement } of popular) {
    const entry = snapshot.catalog.get(id);
    if (!isEligible(entry, rules)) continue;
    items.push({ id, title: entry.title, category: entry.category, score: engagement, reasons: [{ kind: 'trending', text: 'Popular now' }] });
    if (items.length === depth) break;
  }
  return items;
}
