import { describe, expect, it } from 'vitest';
import type { Dataset } from '@/lib/datasets';
import { holdOut } from './from-dataset';

function tinyDataset(): Dataset {
  const rows: [number, number, number][] = [];
  for (let user = 0; user < 4; user++) for (let item = 0; item < 8; item++) rows.push([user, item, 1 + (item % 5)]);
  return {
    name: 'tiny',
    items: Array.from({ length: 8 }, (_, i) => ({ id: `i${i}`, title: `Item ${i}`, category: i < 4 ? 'A' : 'B', tags: [], description: '' })),
    itemIds: Array.from({ length: 8 }, (_, i) => `i${i}`),
    userIds: ['u0', 'u1', 'u2', 'u3'],
    interactions: {
      length: rows.length,
      user: Uint32Array.from(rows.map((row) => row[0])),
      item: Uint32Array.from(rows.map((row) => row[1])),
      value: Float32Array.from(rows.map((row) => row[2])),
      timestamp: Float64Array.from(rows.map((_, index) => 1_000 * index)),
    },
  };
}

describe('holdOut', () => {
  it('trains on three quarters of each user and tests on the rest, never both', () => {
    const { train, evaluation } = holdOut(tinyDataset(), { seed: 42, testShare: 0.25 });
    expect(evaluation.users.length).toBe(4);
    for (const user of evaluation.users) {
      const trained = new Set(train.positives.rowIndices(user));
      expect(trained.size).toBe(6);
      expect(evaluation.heldOut[user]!.size).toBe(2);
      for (const item of evaluation.heldOut[user]!) expect(trained.has(item)).toBe(false);
    }
  });

  it('uses ratings as strengths and the latest timestamp as now', () => {
    const { train } = holdOut(tinyDataset(), { seed: 42, testShare: 0.25 });
    expect(train.now).toBe(31_000);
    const row = train.positives.rowIndices(0).indexOf(4);
    if (row >= 0) expect(train.positives.rowValues(0)[row]).toBe(5);
    expect(train.items[0]).toMatchObject({ title: 'Item 0', category: 'A' });
  });
});
