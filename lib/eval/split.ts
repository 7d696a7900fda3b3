import { Random } from '@/lib/math/random';

export interface UserSplit {
  /** Indices into the interaction columns. */
  train: Uint32Array;
  test: Uint32Array;
}

/**
 * Per user, a random share of their distinct items is held out for testing. Repeated
 * (user, item) pairs travel together, so an item is never both trained on and tested.
 */
export function splitPerUser(
  interactions: { length: number; user: ArrayLike<number>; item: ArrayLike<number> },
  userCount: number,
  { testShare, seed }: { testShare: number; seed: number },
): UserSplit {
  const random = new Random(seed);
  const byUser = groupByUser(interactions, userCount);
  const test: number[] = [];
  const train: number[] = [];
  for (const rows of byUser) {
    const byItem = new Map<number, number[]>();
    for (const row of rows) {
      const item = interactions.item[row]!;
      const group = byItem.get(item);
      if (group) group.push(row);
      else byItem.set(item, [row]);
    }
    const items = random.shuffle([...byItem.keys()].sort((a, b) => a - b));
    const testCount = Math.round(items.length * testShare);
    items.forEach((item, position) => (position < testCount ? test : train).push(...byItem.get(item)!));
  }
  return { train: Uint32Array.from(train.sort((a, b) => a - b)), test: Uint32Array.from(test.sort((a, b) => a - b)) };
}

function groupByUser(interactions: { length: number; user: ArrayLike<number> }, userCount: number): number[][] {
  const groups = Array.from({ length: userCount }, (): number[] => []);
  for (let row = 0; row < interactions.length; row++) groups[interactions.user[row]!]!.push(row);
  return groups;
}
