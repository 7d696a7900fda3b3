import { describe, expect, it } from 'vitest';
import { splitPerUser } from './split';

function interactionsOf(pairs: [number, number][]) {
  return { length: pairs.length, user: pairs.map(([user]) => user), item: pairs.map(([, item]) => item) };
}

describe('splitPerUser', () => {
  const pairs: [number, number][] = [];
  for (let user = 0; user < 3; user++) for (let item = 0; item < 8; item++) pairs.push([user, item]);
  pairs.push([0, 3]); // a repeated pair

  it('holds out a quarter of each user\'s distinct items', () => {
    const interactions = interactionsOf(pairs);
    const split = splitPerUser(interactions, 3, { testShare: 0.25, seed: 42 });
    for (let user = 0; user < 3; user++) {
      const testItems = new Set([...split.test].filter((row) => pairs[row]![0] === user).map((row) => pairs[row]![1]));
      expect(testItems.size).toBe(2);
    }
    expect(split.train.length + split.test.length).toBe(pairs.length);
  });

  it('keeps repeated pairs on the same side', () => {
    const split = splitPerUser(interactionsOf(pairs), 3, { testShare: 0.25, seed: 7 });
    const sideOf = (row: number) => (split.test.includes(row) ? 'test' : 'train');
    const rowsOfPair = pairs.flatMap(([user, item], row) => (user === 0 && item === 3 ? [row] : []));
    expect(new Set(rowsOfPair.map(sideOf)).size).toBe(1);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const interactions = interactionsOf(pairs);
    const a = splitPerUser(interactions, 3, { testShare: 0.25, seed: 42 });
    expect(splitPerUser(interactions, 3, { testShare: 0.25, seed: 42 }).test).toEqual(a.test);
    expect(splitPerUser(interactions, 3, { testShare: 0.25, seed: 43 }).test).not.toEqual(a.test);
  });
});
