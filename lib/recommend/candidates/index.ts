import { firstUnskipped } from '../retrieval';
import { collaborativeSource } from './collaborative';
import { contentSource } from './content';
import { easeSource } from './ease';
import { neighborsSource } from './neighbors';
import { popularSource, trendingSource } from './popular';
import { CANDIDATE_SOURCES, type CandidateContext, type CandidateSourceName } from './types';

export { CANDIDATE_SOURCES, type CandidateContext, type CandidateSourceName, type Retrievers } from './types';

export const SOURCES = [collaborativeSource, neighborsSource, easeSource, contentSource, popularSource, trendingSource];

export type SourceQuotas = Record<CandidateSourceName, number>;

export const DEFAULT_QUOTAS: SourceQuotas = { collaborative: 200, neighbors: 200, ease: 200, content: 100, popular: 60, trending: 40 };

/** Candidates merged from every source, each remembering where it ranked in each source. */
export interface CandidateSet {
  items: Uint32Array;
  /** items × sources, row-major: 1 / (1 + rank) in that source's list, 0 when the source did not propose it. */
  sourceRanks: Float32Array;
}

export function collectCandidates(context: CandidateContext, quotas: SourceQuotas = DEFAULT_QUOTAS): CandidateSet {
  const rankBySource = new Map<number, Float32Array>();
  for (const source of SOURCES) {
    const s = CANDIDATE_SOURCES.indexOf(source.name);
    const quota = quotas[source.name];
    if (quota <= 0) continue;
    const precomputed = context.precomputed?.(source.name);
    // A precomputed list less what the user has seen since it was computed. It was cut at the
    // default quota: a strategy asking a precomputed source for more gets that many.
    const list = precomputed ? firstUnskipped(precomputed, context.signals.seen, quota) : source.generate(context, quota);
    list.forEach((item, rank) => {
      let ranks = rankBySource.get(item);
      if (!ranks) rankBySource.set(item, (ranks = new Float32Array(CANDIDATE_SOURCES.length)));
      ranks[s] = 1 / (1 + rank);
    });
  }
  const items = Uint32Array.from(rankBySource.keys());
  const sourceRanks = new Float32Array(items.length * CANDIDATE_SOURCES.length);
  let row = 0;
  for (const ranks of rankBySource.values()) sourceRanks.set(ranks, row++ * CANDIDATE_SOURCES.length);
  return { items, sourceRanks };
}
