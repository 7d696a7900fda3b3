/**
 * Ranking metrics at a cutoff k, for one user, with binary relevance. The offline evaluation
 * averages them over users. Definitions follow the evaluation contract in the README.
 */
export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
}

/** `ranked` is the recommendation list (best first, at least k long when possible); `relevant` the held-out items. */
export function rankingMetrics(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): RankingMetrics {
  if (relevant.size === 0) throw new Error('a user without held-out items cannot be evaluated');
  const cutoff = Math.min(k, ranked.length);
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  for (let rank = 0; rank < cutoff; rank++) {
    if (!relevant.has(ranked[rank]!)) continue;
    hits += 1;
    dcg += 1 / Math.log2(rank + 2);
    precisionSum += hits / (rank + 1);
  }
  return {
    precision: hits / k,
    recall: hits / relevant.size,
    ndcg: dcg / idealDcg(Math.min(k, relevant.size)),
    map: precisionSum / relevant.size,
  };
}

function idealDcg(relevantInCutoff: number): number {
  let ideal = 0;
  for (let rank = 0; rank < relevantInCutoff; rank++) ideal += 1 / Math.log2(rank + 2);
  return ideal;
}

/** Share of the catalogue that appears in at least one user's list. */
export function catalogCoverage(lists: Iterable<ArrayLike<number>>, catalogSize: number, k: number): number {
  const seen = new Set<number>();
  for (const list of lists) for (let rank = 0; rank < Math.min(k, list.length); rank++) seen.add(list[rank]!);
  return catalogSize === 0 ? 0 : seen.size / catalogSize;
}
