import { describe, expect, it } from 'vitest';
import { evaluateRecommender, recommendFromScorer, type EvaluationSet } from '@/lib/eval/evaluate';
import { splitPerUser } from '@/lib/eval/split';
import { Random } from '@/lib/math/random';
import { alsParamsSchema, createAlsScorer, resolvedAlsParams, trainAls, type AlsParamsInput } from './als';
import { createItemKnnScorer, trainItemKnn } from './item-knn';
import { SparseMatrix } from './sparse';

const USERS = 600;
const ITEMS = 400;
const TASTES = 8;
const MAX_PLAYS = 10_000;

/**
 * A play-count world: items belong to one of eight tastes, each user mostly plays items of their
 * own taste (with a popularity skew), and how often they play an item is heavy-tailed (lognormal
 * around a per-user level, up to 10,000) and unrelated to which items they go on to play.
 */
function playCountWorld(seed: number) {
  const random = new Random(seed);
  const user: number[] = [];
  const item: number[] = [];
  const plays: number[] = [];
  const itemsOfTaste = (taste: number) => Array.from({ length: ITEMS / TASTES }, (_, i) => taste + i * TASTES);
  for (let u = 0; u < USERS; u++) {
    const taste = u % TASTES;
    const level = random.normal(2, 1);
    const chosen = new Set<number>();
    const wanted = 10 + random.int(30);
    while (chosen.size < wanted) {
      const own = random.chance(0.8);
      const pool = itemsOfTaste(own ? taste : random.int(TASTES));
      // Lower positions are more popular: the square of a uniform favours them.
      chosen.add(pool[Math.floor(random.next() ** 2 * pool.length)]!);
    }
    for (const i of chosen) {
      user.push(u);
      item.push(i);
      plays.push(Math.min(MAX_PLAYS, Math.max(1, Math.round(Math.exp(random.normal(level, 1.8))))));
    }
  }
  return { user: Uint32Array.from(user), item: Uint32Array.from(item), plays: Float32Array.from(plays), length: user.length };
}

/** The evaluation protocol's per-user 75/25 split on the world, as training matrix and held-out truth. */
function evaluationOf(world: ReturnType<typeof playCountWorld>): { matrix: SparseMatrix; set: EvaluationSet } {
  const split = splitPerUser(world, USERS, { testShare: 0.25, seed: 1 });
  const rows = Array.from(split.train);
  const matrix = SparseMatrix.fromTriplets(USERS, ITEMS, { row: rows.map((r) => world.user[r]!), col: rows.map((r) => world.item[r]!), value: rows.map((r) => world.plays[r]!), length: rows.length });
  const heldOut = Array.from({ length: USERS }, () => new Set<number>());
  for (const r of split.test) heldOut[world.user[r]!]!.add(world.item[r]!);
  const histories = Array.from({ length: USERS }, (_, u) => ({ items: matrix.rowIndices(u), strengths: matrix.rowValues(u) }));
  const users = Uint32Array.from(heldOut.flatMap((items, u) => (items.size > 0 ? [u] : [])));
  const data = { itemIds: Array.from({ length: ITEMS }, (_, i) => String(i)) } as EvaluationSet['data'];
  return { matrix, set: { data, users, histories, heldOut } };
}

describe('ALS on count-valued signals', () => {
  const { matrix, set } = evaluationOf(playCountWorld(11));
  const ndcg = (scorer: Parameters<typeof recommendFromScorer>[0]) => evaluateRecommender(set, recommendFromScorer(scorer, ITEMS), 10).ndcg;
  const alsNdcg = (params: AlsParamsInput) => ndcg(createAlsScorer(trainAls(matrix, params), params));
  const knn = ndcg(createItemKnnScorer(trainItemKnn(matrix, {}), {}));
  const scaled = alsNdcg({ factors: 32 });
  const raw = alsNdcg({ factors: 32, confidence: 'linear' });

  it('calls play counts count-valued, and ratings not', () => {
    expect(resolvedAlsParams(matrix, alsParamsSchema.parse({})).confidence).toBe('log');
    const ratings = SparseMatrix.fromTriplets(3, 4, { row: [0, 0, 1, 2, 2], col: [0, 1, 2, 3, 1], value: [4.5, 3, 5, 0.5, 3.5], length: 5 });
    expect(resolvedAlsParams(ratings, alsParamsSchema.parse({})).confidence).toBe('linear');
    expect(resolvedAlsParams(matrix, alsParamsSchema.parse({ confidence: 'linear' })).confidence).toBe('linear');
  });

  it('scales play counts by default, landing near item-kNN', () => {
    expect(scaled).toBeGreaterThan(0.9 * knn);
  });

  it('does far better than with raw counts as confidences', () => {
    expect(scaled).toBeGreaterThan(raw + 0.05);
  });
});
