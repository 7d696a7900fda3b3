import { collaborativeSource } from './candidates/collaborative';
import { contentSource } from './candidates/content';
import { easeSource } from './candidates/ease';
import type { CandidateSource, CandidateSourceName, Retrievers } from './candidates/types';
import type { RecommenderModels } from './models';
import type { RecommendationRequest } from './request';
import { userSignals } from './signals';
import { trainedHistoryOf, type UserHistories } from './user-histories';

/**
 * The sources that search the whole catalogue (the ANN indexes, EASE's dense row): too costly per
 * request, so the worker runs them once per known user after training, as Gorse's offline
 * recommendation cache does. Neighbours of the history, popular and trending stay live: they are
 * cheap, and neighbours carry what the user did since training.
 */
export const PRECOMPUTED_SOURCES = [collaborativeSource, easeSource, contentSource] as const;
export type PrecomputedSourceName = (typeof PRECOMPUTED_SOURCES)[number]['name'];

/** How often, in users, precomputation reports its progress. */
const PROGRESS_EVERY = 1_000;

/** Per precomputed source, each known user's list, best first (compressed sparse rows over users). */
export type PrecomputedCandidates = Record<PrecomputedSourceName, { offsets: Uint32Array; items: Uint32Array }>;

export function isPrecomputed(name: CandidateSourceName): name is PrecomputedSourceName {
  return PRECOMPUTED_SOURCES.some((source) => source.name === name);
}

/** Runs each precomputed source for every user of the models, as a request with their trained history would. */
export function precomputeCandidates(
  models: RecommenderModels,
  histories: UserHistories,
  retrievers: Retrievers,
  quotas: Record<CandidateSourceName, number>,
  onProgress?: (done: number) => void,
): PrecomputedCandidates {
  const userCount = models.userIds.length;
  const lists = PRECOMPUTED_SOURCES.map(() => ({ offsets: new Uint32Array(userCount + 1), chunks: [] as Uint32Array[], length: 0 }));
  for (let user = 0; user < userCount; user++) {
    const request = trainedRequest(models, histories, user);
    const signals = userSignals(models, request);
    if (user % PROGRESS_EVERY === 0) onProgress?.(user / userCount);
    PRECOMPUTED_SOURCES.forEach((source: CandidateSource, s) => {
      const list = lists[s]!;
      const items = quotas[source.name] > 0 ? source.generate({ models, request, signals, retrievers }, quotas[source.name]) : new Uint32Array(0);
      list.chunks.push(items);
      list.length += items.length;
      list.offsets[user + 1] = list.length;
    });
  }
  return Object.fromEntries(PRECOMPUTED_SOURCES.map((source, s) => [source.name, { offsets: lists[s]!.offsets, items: concat(lists[s]!.chunks, lists[s]!.length) }])) as PrecomputedCandidates;
}

/** One user's precomputed list for one source, best first; items seen at training time are already left out. */
export function precomputedList(precomputed: PrecomputedCandidates, source: PrecomputedSourceName, user: number): Uint32Array {
  const { offsets, items } = precomputed[source];
  return items.subarray(offsets[user] ?? 0, offsets[user + 1] ?? 0);
}

/**
 * The request serving builds for a user with nothing new since training: their trained positives,
 * every trained item left out. Where `TAILOR_SEEN_EVENT_TYPES` lets some back, they return through
 * the live sources (neighbours, popular, trending), never through these lists.
 */
function trainedRequest(models: RecommenderModels, histories: UserHistories, user: number): RecommendationRequest {
  const trained = trainedHistoryOf(histories, user);
  const positives: number[] = [];
  const strengths: number[] = [];
  trained.items.forEach((item, p) => {
    if (trained.strengths[p]! <= 0) return;
    positives.push(item);
    strengths.push(trained.strengths[p]!);
  });
  return {
    user,
    history: { items: Uint32Array.from(positives), strengths: Float32Array.from(strengths) },
    seen: Array.from(trained.items),
    preferredCategories: [],
    now: models.now,
    count: 0,
  };
}

function concat(chunks: Uint32Array[], length: number): Uint32Array {
  const all = new Uint32Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}
