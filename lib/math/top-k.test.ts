import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { topK } from './top-k';

describe('topK', () => {
  it('returns the best indices, best first, skipping excluded and non-finite scores', () => {
    const scores = Float32Array.from([0.5, 3, -Infinity, 2, NaN, 3, 1]);
    expect([...topK(scores, 3)]).toEqual([1, 5, 3]);
    expect([...topK(scores, 3, Uint8Array.from([0, 1, 0, 0, 0, 0, 0]))]).toEqual([5, 3, 6]);
    expect([...topK(scores, 10)]).toEqual([1, 5, 3, 6, 0]);
  });

  it('agrees with a full sort on random data', () => {
    const random = new Random(3);
    const scores = Float32Array.from({ length: 5000 }, () => random.normal());
    const expected = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 50);
    expect([...topK(scores, 50)]).toEqual(expected);
  });
});
