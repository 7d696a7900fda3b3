import { describe, expect, it } from 'vitest';
import { CANDIDATE_SOURCES, type CandidateSet } from './candidates';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import { reciprocalRankFusion, recipeScores, recipeSourceWeights, sourceOrder, zScoreBlend } from './recipes';

const S = CANDIDATE_SOURCES.length;

/** Candidates with their 0-based rank in each named source (absent: not proposed). */
function candidateSet(ranks: Partial<Record<(typeof CANDIDATE_SOURCES)[number], number>>[]): CandidateSet {
  const sourceRanks = new Float32Array(ranks.length * S);
  ranks.forEach((byName, c) => {
    for (const [name, rank] of Object.entries(byName)) sourceRanks[c * S + CANDIDATE_SOURCES.indexOf(name as (typeof CANDIDATE_SOURCES)[number])] = 1 / (1 + rank);
  });
  return { items: Uint32Array.from(ranks, (_, c) => 100 + c), sourceRanks };
}

function featureRows(columns: Record<string, number[]>, rows: number): Float32Array {
  const features = new Float32Array(rows * FEATURE_COUNT);
  for (const [name, values] of Object.entries(columns)) values.forEach((value, c) => (features[c * FEATURE_COUNT + FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number])] = value));
  return features;
}

describe('reciprocalRankFusion', () => {
  it('adds 1/(k + rank) over the sources, rank from 1, nothing where a source did not propose', () => {
    const set = candidateSet([{ ease: 0, neighbors: 4 }, { collaborative: 1 }, { content: 0 }]);
    const scores = reciprocalRankFusion(set, ['ease', 'neighbors', 'collaborative'], 10);
    expect(scores[0]).toBeCloseTo(1 / 11 + 1 / 15, 6);
    expect(scores[1]).toBeCloseTo(1 / 12, 6);
    expect(scores[2]).toBe(0);
  });

  it('puts an item two sources agree on above one a single source ranks first', () => {
    const set = candidateSet([{ ease: 0 }, { ease: 3, neighbors: 2, collaborative: 5 }]);
    const scores = recipeScores('rrf', set, new Float32Array(2 * FEATURE_COUNT));
    expect(scores[1]).toBeGreaterThan(scores[0]!);
  });
});

describe('zScoreBlend', () => {
  it('sums each column standardised over the candidates, so scales do not matter', () => {
    const features = featureRows({ ease_score: [0.1, 0.2, 0.3], cf_score: [300, 100, 200] }, 3);
    const columns = [FEATURE_NAMES.indexOf('ease_score'), FEATURE_NAMES.indexOf('cf_score')];
    const scores = zScoreBlend(features, 3, columns);
    const z = Math.sqrt(1.5);
    expect(scores[0]).toBeCloseTo(-z + z, 5);
    expect(scores[1]).toBeCloseTo(0 - z, 5);
    expect(scores[2]).toBeCloseTo(z + 0, 5);
    // The same ease column scaled by 1,000 blends the same.
    const scaled = featureRows({ ease_score: [100, 200, 300], cf_score: [300, 100, 200] }, 3);
    expect(Array.from(zScoreBlend(scaled, 3, columns))).toEqual(Array.from(scores).map((value) => expect.closeTo(value, 5)));
  });

  it('ignores a column that does not vary', () => {
    const features = featureRows({ ease_score: [5, 5, 5], cf_score: [1, 2, 3] }, 3);
    const withConstant = zScoreBlend(features, 3, [FEATURE_NAMES.indexOf('ease_score'), FEATURE_NAMES.indexOf('cf_score')]);
    expect(Array.from(withConstant)).toEqual(Array.from(zScoreBlend(features, 3, [FEATURE_NAMES.indexOf('cf_score')])));
  });
});

describe('sourceOrder', () => {
  it("keeps the source's own order and puts what it did not propose last", () => {
    const set = candidateSet([{ ease: 2 }, { neighbors: 0 }, { ease: 0 }, { ease: 1 }]);
    const scores = sourceOrder(set, 'ease');
    const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!);
    expect(order).toEqual([2, 3, 0, 1]);
  });
});

describe('recipeSourceWeights', () => {
  it('weighs only the sources a recipe follows, so reasons name them', () => {
    const weight = (recipe: Parameters<typeof recipeSourceWeights>[0], source: (typeof CANDIDATE_SOURCES)[number]) => recipeSourceWeights(recipe)[CANDIDATE_SOURCES.indexOf(source)];
    expect(weight('collaborative', 'collaborative')).toBe(1);
    expect(weight('collaborative', 'ease')).toBe(0);
    expect(weight('rrf', 'ease')).toBe(1);
    expect(weight('z-blend', 'neighbors')).toBe(1);
    expect(weight('rrf', 'trending')).toBe(0);
  });
});
